"""Benchmark Confirm Incentives > Details against the login page, in one interleaved run.

    manage.py seed_demo --details 1000000        # once, on PostgreSQL
    manage.py bench_details --runs 100 --api --explain

For each single filter combined with the period: the server time (in-process Django test
Client: middleware, session, view, queries, template) of the first page, count and total
included, and of a deep page (the keyset link 90% into the matches); next to the login page
and, for reference, the signed-in home page. Requests are interleaved, so all share the
machine's load. DEBUG is off for the run. --explain runs EXPLAIN (ANALYZE, BUFFERS) on every
SELECT of every measured page and prints the plan of the slowest.
"""

import statistics
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from customers.models import Partner, PartnerKind
from incentives.details_filters import DetailLineFilter
from incentives.models import DetailLine
from incentives.selectors import detail_lines_for, details_default_period

HOST = {"HTTP_HOST": "localhost"}


def percentile(values, q):
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


class Command(BaseCommand):
    help = "Time the Details page (and API) per filter against the login page; optional EXPLAIN."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=100, help="measured requests per case (default 100)")
        parser.add_argument("--warmup", type=int, default=5, help="unmeasured requests per case first")
        parser.add_argument("--user", default="demo-admin", help="partner user to measure as")
        parser.add_argument("--period", help="period code (default: the page's default period)")
        parser.add_argument("--api", action="store_true", help="also time /api/v1/details/ (first page)")
        parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the pages' queries")

    def handle(self, *args, runs, warmup, user, period, api, explain, **options):
        settings.DEBUG = False
        user = get_user_model().objects.filter(username=user).first()
        if user is None:
            raise CommandError("No such user; run seed_demo first.")
        period = period or getattr(details_default_period(user), "code", None)
        lines = detail_lines_for(user).filter(period__code=period)
        if not period or not lines.exists():
            raise CommandError("The user's partner has no lines in that period; run seed_demo --details N.")
        partner, anonymous = Client(**HOST), Client(**HOST)
        partner.force_login(user)

        cases, counts = self._cases(lines, period), {}
        requests = [
            ("login", anonymous, reverse("login")),
            ("floor", partner, reverse("password_change")),  # the cheapest signed-in page
            ("home", partner, reverse("home")),
        ]
        for name, params in cases:
            counts[name], after = self._probe(user, params)
            first = f"{reverse('incentives:details')}?{urlencode(params)}"
            requests.append((f"{name}|first", partner, first))
            requests.append((f"{name}|deep", partner, f"{first}&after={after}" if after else first))
            if api:
                requests.append((f"{name}|api", partner, f"/api/v1/details/?{urlencode(params)}"))
        timings = self._measure(requests, runs, warmup)
        self._report(cases, counts, timings, runs, api, lines)
        if explain:
            self._explain([(label, url) for label, client, url in requests if client is partner], partner)

    def _cases(self, lines, period):
        """Each single filter, with a value taken from the data, as a user would type it."""
        sample = lines.select_related("customer", "incentive", "program").order_by("id")[100]
        english = lines.filter(customer__name__regex=r"^[A-Za-z]").select_related("customer").first()
        reseller = Partner.objects.filter(kind=PartnerKind.RESELLER, name__regex=r"^[A-Za-z]").first()
        word = english.customer.name.split()[0].lower() if english else sample.customer.name[:2]
        singles = [
            ("period only", {}),
            ("feedback=with", {"feedback": "with"}),
            ("feedback=without", {"feedback": "without"}),
            ("feedback=open", {"feedback": "open"}),
            ("program", {"program": sample.program.code}),
            ("customer_name", {"customer_name": word}),
            ("customer_account", {"customer_account": sample.customer.account}),
            ("order_id", {"order_id": sample.order_id}),
            ("order_id prefix", {"order_id": sample.order_id[:-3].lower()}),
            ("incentive_id", {"incentive_id": sample.incentive.incentive_id}),
            ("product_type", {"product_type": sample.product_type.lower()}),
            ("reseller", {"reseller": reseller.name.split()[-1].lower() if reseller else "x"}),
            ("account_manager", {"account_manager": sample.account_manager.lower()}),
        ]
        return [(name, {"period": period, **params}) for name, params in singles]

    def _probe(self, user, params):
        """How many lines match, and the id that starts a page 90% deep (not timed)."""
        request = RequestFactory().get("/", params)
        request.user = user
        filterset = DetailLineFilter(request.GET, queryset=detail_lines_for(user), request=request)
        count = filterset.totals().count
        ids = filterset.qs.order_by("pk").values_list("pk", flat=True)
        return count, (ids[int(count * 0.9) - 1] if count > 1 else None)

    def _measure(self, requests, runs, warmup):
        for label, client, url in requests:
            for _ in range(max(warmup, 1)):
                status = client.get(url, secure=True).status_code
            if status != 200:
                raise CommandError(f"{label}: {url} answered {status}")
        timings = {label: [] for label, _client, _url in requests}
        for _ in range(runs):
            for label, client, url in requests:
                started = time.perf_counter()
                client.get(url, secure=True)
                timings[label].append((time.perf_counter() - started) * 1000)
        return timings

    def _report(self, cases, counts, timings, runs, api, lines):
        out = self.stdout.write
        login95, floor95 = percentile(timings["login"], 95), percentile(timings["floor"], 95)
        everything = DetailLine.objects.count()
        out(f"\n{connection.vendor}: {lines.count():,} lines in the period, {everything:,} in all")
        out(f"{runs} runs per case; server time in ms (in-process test client, requests interleaved)\n")
        head = f"{'':<19} {'matches':>8} {'first p50':>9} {'p95':>7} {'deep p50':>9} {'p95':>7}"
        out(f"{head} {'p95/login':>9} {'p95/floor':>9}" + (f" {'api p50':>8} {'p95':>7}" if api else ""))
        out("(floor: the change-password page, the cheapest page a signed-in user can open)")
        for label in ("login", "floor", "home"):
            p95 = percentile(timings[label], 95)
            ratios = f"{p95 / login95:>8.1f}x {p95 / floor95:>8.1f}x"
            out(f"{label + ' page':<19} {'':>8} {self._cells(timings[label])} {'':>17} {ratios}")
        for name, _params in cases:
            first, deep = timings[f"{name}|first"], timings[f"{name}|deep"]
            p95 = max(percentile(first, 95), percentile(deep, 95))
            ratios = f"{p95 / login95:>8.1f}x {p95 / floor95:>8.1f}x"
            row = f"{name:<19} {counts[name]:>8,} {self._cells(first)} {self._cells(deep)} {ratios}"
            out(row + (f" {self._cells(timings[f'{name}|api'])}" if api else ""))

    @staticmethod
    def _cells(values):
        return f"{percentile(values, 50):>9.2f} {percentile(values, 95):>7.2f}"

    def _explain(self, pages, client):
        slowest, per_page = None, []
        for label, url in pages:
            with CaptureQueriesContext(connection) as captured:
                client.get(url, secure=True)
            selects = [
                query["sql"] for query in captured.captured_queries if query["sql"].startswith("SELECT")
            ]
            spent = 0.0
            for sql in selects:
                took, plan = self._plan(sql)
                spent += took
                if slowest is None or took > slowest[0]:
                    slowest = (took, label, sql, plan)
            per_page.append(f"{label}: {len(selects)} SELECTs, {spent:.2f} ms in the database")
        self.stdout.write("\nDatabase time per request (sum of EXPLAIN ANALYZE execution times):")
        self.stdout.write("\n".join(f"  {line}" for line in per_page))
        took, label, sql, plan = slowest
        self.stdout.write(f"\nSlowest query of all ({label}, {took:.3f} ms):\n{sql}\n\n{plan}")

    def _plan(self, sql):
        with connection.cursor() as cursor:
            if connection.vendor != "postgresql":
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
                return 0.0, "\n".join(str(row) for row in cursor.fetchall())
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
        return float(plan.rsplit("Execution Time: ", 1)[1].split(" ")[0]), plan
