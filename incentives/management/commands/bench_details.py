"""Benchmark Confirm Incentives > Details against the login page, in one interleaved run.

    manage.py seed_demo --details 1000000        # once, on PostgreSQL
    manage.py bench_details --runs 100 --explain

For each single filter combined with the period, the server time (in-process Django test
Client: middleware, session, views, queries, templates) of the first page, count and total
included, and of a deep page (keyset link near the end of the matches), next to the login
page, requests interleaved so all share the machine's load. DEBUG is turned off for the run.
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


class Command(BaseCommand):
    help = "Time the Details page (and API) per filter against the login page; optional EXPLAIN."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=100, help="measured requests per case (default 100)")
        parser.add_argument("--warmup", type=int, default=5, help="unmeasured requests per case first")
        parser.add_argument("--user", default="demo-admin", help="partner user to measure as")
        parser.add_argument("--period", help="period code (default: the page's default period)")
        parser.add_argument("--api", action="store_true", help="also time /api/v1/details/ (first page)")
        parser.add_argument(
            "--explain", action="store_true", help="EXPLAIN ANALYZE the slowest case's queries"
        )

    def handle(self, *args, runs, warmup, user, period, api, explain, **options):
        settings.DEBUG = False
        user = get_user_model().objects.filter(username=user).first()
        if user is None:
            raise CommandError("No such user; run seed_demo first.")
        period = period or getattr(details_default_period(user), "code", None)
        lines = detail_lines_for(user).filter(period__code=period)
        if not period or not lines.exists():
            raise CommandError("The user's partner has no lines in that period; run seed_demo --details N.")
        partner_client, login_client = Client(**HOST), Client(**HOST)
        partner_client.force_login(user)

        cases = self._cases(lines, period)
        timings, counts = {"login": []}, {}
        requests = [("login", login_client, reverse("login"))]
        for name, params in cases:
            counts[name], after = self._probe(user, params)
            first = f"{reverse('incentives:details')}?{urlencode(params)}"
            deep = f"{first}&after={after}" if after else first
            requests += [(f"{name}|first", partner_client, first), (f"{name}|deep", partner_client, deep)]
            if api:
                requests.append((f"{name}|api", partner_client, f"/api/v1/details/?{urlencode(params)}"))
        for label, client, url in requests:
            response = client.get(url, secure=True)
            if response.status_code != 200:
                raise CommandError(f"{label}: {url} answered {response.status_code}")
            for _ in range(warmup - 1):
                client.get(url, secure=True)
            timings[label] = []
        for _ in range(runs):
            for label, client, url in requests:
                started = time.perf_counter()
                client.get(url, secure=True)
                timings[label].append((time.perf_counter() - started) * 1000)
        self._report(cases, timings, counts, runs, api, lines)
        if explain:
            self._explain(cases, timings, partner_client, lines)

    def _cases(self, lines, period):
        sample = lines.select_related("customer", "incentive", "tier2_reseller").order_by("id")[100]
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
            ("order_id (exact)", {"order_id": sample.order_id}),
            ("order_id (prefix)", {"order_id": sample.order_id[:-3].lower()}),
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

    def _report(self, cases, timings, counts, runs, api, lines):
        def p(values, q):
            return statistics.quantiles(values, n=100, method="inclusive")[q - 1]

        login50, login95 = p(timings["login"], 50), p(timings["login"], 95)
        out = self.stdout.write
        total = DetailLine.objects.count()
        out(f"\n{connection.vendor}: {lines.count():,} lines in the period, {total:,} in all")
        out(f"{runs} runs per case; server time in ms (in-process test client, interleaved)\n")
        header = f"{'filter (+ period)':<20} {'matches':>9} {'first p50':>10} {'first p95':>10} "
        header += f"{'deep p50':>9} {'deep p95':>9} {'p95/login':>9}"
        header += f" {'api p50':>8} {'api p95':>8}" if api else ""
        out(header)
        out(f"{'login page':<20} {'':>9} {login50:>10.2f} {login95:>10.2f}")
        for name, _params in cases:
            first, deep = timings[f"{name}|first"], timings[f"{name}|deep"]
            worst95 = max(p(first, 95), p(deep, 95))
            row = f"{name:<20} {counts[name]:>9,} {p(first, 50):>10.2f} {p(first, 95):>10.2f} "
            row += f"{p(deep, 50):>9.2f} {p(deep, 95):>9.2f} {worst95 / login95:>8.1f}x"
            if api:
                row += f" {p(timings[f'{name}|api'], 50):>8.2f} {p(timings[f'{name}|api'], 95):>8.2f}"
            out(row)

    def _explain(self, cases, timings, client, lines):
        slowest = max(cases, key=lambda case: statistics.quantiles(timings[f"{case[0]}|first"], n=100)[94])
        name, params = slowest
        url = f"{reverse('incentives:details')}?{urlencode(params)}"
        with CaptureQueriesContext(connection) as captured:
            client.get(url, secure=True)
        analysed = []
        with connection.cursor() as cursor:
            for query in captured.captured_queries:
                sql = query["sql"]
                if not sql.lstrip().upper().startswith("SELECT"):
                    continue
                if connection.vendor == "postgresql":
                    cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                    plan = "\n".join(row[0] for row in cursor.fetchall())
                    took = float(plan.rsplit("Execution Time: ", 1)[1].split(" ")[0])
                else:
                    cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
                    plan, took = "\n".join(str(row) for row in cursor.fetchall()), 0.0
                analysed.append((took, sql, plan))
        took, sql, plan = max(analysed)
        self.stdout.write(f"\nSlowest case by first-page p95: {name} ({len(analysed)} SELECTs per request)")
        self.stdout.write(f"Its slowest query ({took:.3f} ms):\n{sql}\n\n{plan}")
