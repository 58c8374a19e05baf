"""The load generator: one thread per partner session, each with its own httpx client (its
cookies and CSRF token), looping over a weighted mix of what partners do until the deadline.

Every request is recorded by kind with its time and outcome; every write the portal answered
as done is recorded by what it wrote (the bill confirmed, the feedback's unique text, the
export job's id), and every write whose answer was lost or refused for a server away is
recorded as uncertain, so the check afterwards can tell a lost or doubled write from one
that was never made.
"""

import random
import re
import threading
import time
from dataclasses import dataclass, field
from typing import TypeGuard

import httpx

from .accounts import PASSWORD, username

# (kind, weight): reads dominate, as in a partner's day; writes are a few percent each.
MIX = [
    ("summary", 14), ("summary filtered", 8), ("incentive page", 6), ("details", 20),
    ("details api", 12), ("line page", 5), ("export history", 5), ("exports api", 4),
    ("confirm", 3), ("feedback", 6), ("feedback api", 3), ("export", 2), ("export api", 2), ("download", 3),
]  # fmt: skip
DONE = {200, 201, 202, 302}
JOB_IN_LOCATION = re.compile(r"watch=(\d+)")


@dataclass
class Seen:
    """What one session saw (merged over all sessions at the end)."""

    samples: dict[str, list[float]] = field(default_factory=dict)  # kind -> ms of answered requests
    errors: dict[str, dict[str, int]] = field(default_factory=dict)  # kind -> {outcome: count}
    error_times: list[tuple[float, str, str]] = field(default_factory=list)  # (t, kind, outcome)
    confirmed: set[int] = field(default_factory=set)
    confirm_uncertain: set[int] = field(default_factory=set)
    feedback: set[str] = field(default_factory=set)
    feedback_uncertain: set[str] = field(default_factory=set)
    exports: set[int] = field(default_factory=set)
    exports_uncertain: int = 0

    def merge(self, other: "Seen") -> None:
        for kind, values in other.samples.items():
            self.samples.setdefault(kind, []).extend(values)
        for kind, outcomes in other.errors.items():
            mine = self.errors.setdefault(kind, {})
            for outcome, number in outcomes.items():
                mine[outcome] = mine.get(outcome, 0) + number
        self.error_times.extend(other.error_times)
        self.confirmed |= other.confirmed
        self.confirm_uncertain |= other.confirm_uncertain
        self.feedback |= other.feedback
        self.feedback_uncertain |= other.feedback_uncertain
        self.exports |= other.exports
        self.exports_uncertain += other.exports_uncertain


class PartnerSession(threading.Thread):
    def __init__(self, number: int, base_url: str, deadline: float, started: float):
        super().__init__(name=f"session-{number}", daemon=True)
        self.number, self.deadline, self.started = number, deadline, started
        self.rng = random.Random(number)
        self.seen = Seen()
        self.client = httpx.Client(base_url=base_url, timeout=60, follow_redirects=False)
        self.bills: list[dict] = []
        self.incentives: list[str] = []
        self.lines: dict[str, list[int]] = {}
        self.written = 0

    # --- plumbing ---------------------------------------------------------------------------
    def _headers(self) -> dict[str, str]:
        """The cookies by hand: the portal's are Secure (production settings), which a cookie
        jar sends only over TLS, and this is loopback. Plus the CSRF token as a header."""
        jar = self.client.cookies.jar
        return {
            "Cookie": "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar),
            "X-CSRFToken": self.client.cookies.get("csrftoken") or "",
        }

    def request(self, kind: str, method: str, url: str, **options) -> httpx.Response | None:
        began = time.perf_counter()
        try:
            response = self.client.request(method, url, headers=self._headers(), **options)
        except httpx.HTTPError as error:
            self._error(kind, type(error).__name__)
            return None
        elapsed = (time.perf_counter() - began) * 1000
        if response.status_code in DONE:
            self.seen.samples.setdefault(kind, []).append(elapsed)
            return response
        self._error(kind, str(response.status_code))
        if response.status_code == 503:
            page = response.text
            assert 'data-status="503"' in page or '"detail"' in page, f"503 without our page: {page[:200]}"
        return response

    def _error(self, kind: str, outcome: str) -> None:
        errors = self.seen.errors.setdefault(kind, {})
        errors[outcome] = errors.get(outcome, 0) + 1
        self.seen.error_times.append((time.monotonic() - self.started, kind, outcome))

    @staticmethod
    def ok(response: httpx.Response | None) -> TypeGuard[httpx.Response]:
        return response is not None and response.status_code in DONE

    @staticmethod
    def uncertain(response: httpx.Response | None) -> bool:
        """No answer, or a server-side failure: the write may or may not have happened."""
        return response is None or response.status_code >= 500

    # --- the session ------------------------------------------------------------------------
    def sign_in(self) -> None:
        for _attempt in range(30):
            page = self.request("sign-in", "GET", "/accounts/login/")
            form = {"username": username(self.number), "password": PASSWORD}
            answer = self.request("sign-in", "POST", "/accounts/login/", data=form) if page else None
            if answer is not None and answer.status_code == 302:
                break
            time.sleep(1)
        else:
            raise RuntimeError(f"session {self.number} could not sign in")
        bills = self.request("setup", "GET", "/api/v1/statements/")
        self.bills = bills.json()["results"] if self.ok(bills) else []
        incentives = self.request("setup", "GET", "/api/v1/incentives/")
        self.incentives = (
            [row["incentive_id"] for row in incentives.json()["results"]] if self.ok(incentives) else []
        )

    def run(self) -> None:
        self.sign_in()
        kinds, weights = zip(*MIX, strict=True)
        while time.monotonic() < self.deadline:
            kind = self.rng.choices(kinds, weights)[0]
            getattr(self, "do_" + kind.replace(" ", "_"))(kind)
        self.client.close()

    def _period(self) -> str:
        return self.rng.choice(self.bills)["period"] if self.bills else "2025-12"

    def _filter(self) -> dict[str, str]:
        n = self.number
        choices = [
            {}, {"feedback": "open"}, {"feedback": "with"}, {"feedback": "without"},
            {"program": f"L00{self.rng.randrange(10)}"}, {"customer_name": f"customer {n:02d}-0"},
            {"customer_account": f"ld{n:02d}{self.rng.randrange(1, 100):04d}"},
            {"order_id": f"LD{n:02d}0000{self.rng.randrange(10)}"}, {"product_type": "ecs"},
            {"account_manager": "a"},
        ]  # fmt: skip
        return {"period": self._period(), **self.rng.choice(choices)}

    def do_summary(self, kind):
        self.request(kind, "GET", "/incentives/summary/")

    def do_summary_filtered(self, kind):
        params = self.rng.choice(
            [{"status": "pending_confirmation"}, {"period": self._period()}, {"page": "2"}]
        )
        self.request(kind, "GET", "/incentives/summary/", params=params)

    def do_incentive_page(self, kind):
        if self.incentives:
            self.request(kind, "GET", f"/incentives/incentive/{self.rng.choice(self.incentives)}/")

    def do_details(self, kind):
        self.request(kind, "GET", "/incentives/details/", params=self._filter())

    def do_details_api(self, kind):
        period = self._period()
        response = self.request(kind, "GET", "/api/v1/details/", params={**self._filter(), "period": period})
        if self.ok(response):
            ids = [row["id"] for row in response.json()["results"]]
            if ids:
                self.lines[period] = ids

    def _line(self) -> int | None:
        if not self.lines:
            return None
        return self.rng.choice(self.rng.choice(list(self.lines.values())))

    def do_line_page(self, kind):
        if (line := self._line()) is not None:
            self.request(kind, "GET", f"/incentives/details/{line}/")

    def do_export_history(self, kind):
        self.request(kind, "GET", "/incentives/exports/")

    def do_exports_api(self, kind):
        self.request(kind, "GET", "/api/v1/exports/")

    def do_confirm(self, kind):
        if not self.bills:
            return
        bill = self.rng.choice(self.bills)["id"]
        if self.rng.random() < 0.5:
            response = self.request(kind, "POST", f"/api/v1/statements/{bill}/confirm/")
        else:
            response = self.request(kind, "POST", f"/incentives/bills/{bill}/confirm/")
        if self.ok(response):
            self.seen.confirmed.add(bill)
        elif self.uncertain(response):
            self.seen.confirm_uncertain.add(bill)

    def _feedback(self, kind, api: bool):
        if (line := self._line()) is None:
            return
        self.written += 1
        text = f"load s{self.number:02d} n{self.written:06d}: please check this line"
        if api:
            response = self.request(kind, "POST", f"/api/v1/details/{line}/feedback/", json={"text": text})
        else:
            response = self.request(
                kind, "POST", f"/incentives/details/{line}/feedback/", data={"text": text}
            )
        if self.ok(response):
            self.seen.feedback.add(text)
        elif self.uncertain(response):
            self.seen.feedback_uncertain.add(text)

    def do_feedback(self, kind):
        self._feedback(kind, api=False)

    def do_feedback_api(self, kind):
        self._feedback(kind, api=True)

    def _export_form(self) -> dict:
        if self.lines and self.rng.random() < 0.3:
            ids = self.rng.choice(list(self.lines.values()))[:10]
            return {"method": "selected", "detail_ids": ids}
        return {"method": "period", "period": self._period()}

    def do_export(self, kind):
        form = self._export_form()
        data = {**form, "file_format": self.rng.choice(["xlsx", "csv"])}
        if "detail_ids" in data:
            data["selection"] = ",".join(map(str, data.pop("detail_ids")))
        response = self.request(kind, "POST", "/incentives/exports/new/", data=data)
        job = JOB_IN_LOCATION.search(response.headers.get("location", "")) if self.ok(response) else None
        if job:
            self.seen.exports.add(int(job.group(1)))
        elif self.uncertain(response):
            self.seen.exports_uncertain += 1
        elif response is not None:
            self._error(kind, "no job in the answer")

    def do_export_api(self, kind):
        data = {**self._export_form(), "format": self.rng.choice(["xlsx", "csv"])}
        response = self.request(kind, "POST", "/api/v1/exports/", json=data)
        if self.ok(response):
            self.seen.exports.add(response.json()["id"])
        elif self.uncertain(response):
            self.seen.exports_uncertain += 1

    def do_download(self, kind):
        listing = self.request("exports api", "GET", "/api/v1/exports/")
        if not self.ok(listing):
            return
        ready = [row["id"] for row in listing.json()["results"] if row.get("download_url")]
        if ready:
            self.request(kind, "GET", f"/api/v1/exports/{self.rng.choice(ready)}/download/")
