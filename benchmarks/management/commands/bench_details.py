"""Benchmark Confirm Incentives > Details against the login page, in one interleaved run.

    manage.py seed_demo --details 1000000        # once, on PostgreSQL
    manage.py bench_details --runs 100 --api --explain

For each single filter combined with the period: the server time (in-process Django test
Client: middleware, session, view, queries, template) of the first page, count and total
included, and of a deep page (the keyset link 90% into the matches); next to the login page
and the other reference requests of partner_center/benchmarking.py, and the signed-in home
page. Requests are interleaved, so all share the machine's load. DEBUG is off for the run.
--explain runs EXPLAIN (ANALYZE, BUFFERS) on every SELECT of every measured page and prints
the plan of the slowest.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benchmarks.timing import LOGIN, SHELL, benchmark_settings, reference_cases, time_interleaved
from customers.models import Partner, PartnerKind
from incentives.filters.details import DetailLineFilter
from incentives.models import DetailLine
from incentives.selectors.details import detail_lines_for, details_default_period


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
        partner, anonymous = Client(), Client()
        partner.force_login(user)

        cases, counts = self._cases(lines, period), {}
        requests = [*reference_cases(anonymous, partner), ("home page", partner, [reverse("home")])]
        for name, params in cases:
            counts[name], after = self._probe(user, params)
            first = f"{reverse('incentives:details')}?{urlencode(params)}"
            requests.append((f"{name}|first", partner, [first]))
            requests.append((f"{name}|deep", partner, [f"{first}&after={after}" if after else first]))
            if api:
                requests.append((f"{name}|api", partner, [f"/api/v1/details/?{urlencode(params)}"]))
        timings = time_interleaved(requests, runs, warmup)
        self._report(cases, counts, timings, runs, api, lines, [label for label, *_ in requests[:5]])
        if explain:
            pages = [(label, urls[0]) for label, client, urls in requests if client is partner]
            self._explain(pages, partner)

    def _cases(self, lines, period):
        """Each single filter, with a value taken from the data, as a user would type it."""
        sample = lines.select_related("customer", "incentive", "program").order_by("id")[
            min(100, lines.count() - 1)
        ]
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

    def _report(self, cases, counts, timings, runs, api, lines, references):
        out = self.stdout.write
        login95, shell95 = timings[LOGIN][1], timings[SHELL][1]
        everything = DetailLine.objects.count()
        out(f"\n{connection.vendor}: {lines.count():,} lines in the period, {everything:,} in all")
        out(f"{runs} runs per case; server time in ms (in-process test client, requests interleaved)\n")
        head = f"{'':<29} {'matches':>8} {'first p50':>9} {'p95':>7} {'deep p50':>9} {'p95':>7}"
        out(f"{head} {'p95/login':>9} {'p95/shell':>9}" + (f" {'api p50':>8} {'p95':>7}" if api else ""))
        for label in references:
            p95 = timings[label][1]
            ratios = f"{p95 / login95:>8.1f}x {p95 / shell95:>8.1f}x"
            out(f"{label:<29} {'':>8} {self._cells(timings[label])} {'':>17} {ratios}")
        for name, _params in cases:
            first, deep = timings[f"{name}|first"], timings[f"{name}|deep"]
            p95 = max(first[1], deep[1])
            ratios = f"{p95 / login95:>8.1f}x {p95 / shell95:>8.1f}x"
            row = f"{name:<29} {counts[name]:>8,} {self._cells(first)} {self._cells(deep)} {ratios}"
            out(row + (f" {self._cells(timings[f'{name}|api'])}" if api else ""))

    @staticmethod
    def _cells(p50_p95):
        return f"{p50_p95[0]:>9.2f} {p50_p95[1]:>7.2f}"

    def _explain(self, pages, client):
        slowest: tuple[float, str, str, str] | None = None
        per_page: list[str] = []
        for label, url in pages:
            with benchmark_settings(), CaptureQueriesContext(connection) as captured:
                client.get(url)
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
        assert slowest is not None, "every page runs SELECTs"
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
