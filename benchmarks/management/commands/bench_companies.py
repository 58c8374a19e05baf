"""Benchmark the enterprise encyclopedia's search at a given size against the signed-in shell.

    manage.py bench_companies --settings=benchmarks.settings --companies 50000 --runs 100

Tops the directory up to --companies entries (customers/demo_companies.py, kept for reruns),
then times the search page (no name, a Chinese and an English part of a name, a rare one, a
page 90% deep), the API's search and a company's page beside the reference requests
(benchmarks/timing.py); prints p50/p95 and each p95 over the signed-in shell's.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client

from benchmarks.timing import LOGIN, SHELL, reference_cases, time_interleaved
from customers.demo_companies import seed_companies
from customers.models import Company, Partner, PartnerKind
from incentives.demo.generator import partner_user
from partner_center.maintenance import vacuum_analyze


def company_cases(signed_in, companies: int, say=print) -> list[tuple[str, Client, list[str]]]:
    """The directory topped up to `companies` entries (kept for reruns), and the search cases
    [(label, client, urls)] for time_interleaved, for a client signed in as a PROSPECT user
    (bench_customers times them too)."""
    created = seed_companies(companies)
    if created:
        say(f"created {created:,} companies")
    vacuum_analyze(Company)
    ids = list(Company.objects.order_by("pk").values_list("pk", flat=True))
    searches: list[tuple[str, dict[str, object]]] = [
        ("search, no name", {}),
        ("search 云帆 (Chinese part)", {"name": "云帆"}),
        ("search northwind (English)", {"name": "northwind"}),
        ("search 汇通国际货运 (rare)", {"name": "汇通国际货运"}),
        ("search, page 90% deep", {"after": ids[int(len(ids) * 0.9)]}),
    ]
    cases = [(label, signed_in, [f"/customers/expansion/?{urlencode(params)}"]) for label, params in searches]
    cases.append(("API search 科技", signed_in, ["/api/v1/companies/?name=%E7%A7%91%E6%8A%80"]))
    cases.append(("company page", signed_in, [f"/customers/expansion/{ids[len(ids) // 2]}/"]))
    return cases


class Command(BaseCommand):
    help = "Time the enterprise encyclopedia's search and a company's page vs the signed-in shell."

    def add_arguments(self, parser):
        parser.add_argument("--companies", type=int, default=50_000, help="directory size (default 50,000)")
        parser.add_argument("--runs", type=int, default=100, help="measured requests per case (default 100)")
        parser.add_argument("--warmup", type=int, default=5, help="unmeasured requests per case first")

    def handle(self, *args, companies, runs, warmup, **options):
        settings.DEBUG = False
        partner, _ = Partner.objects.get_or_create(
            code="BP001", defaults={"name": "Bench Prospecting Co", "kind": PartnerKind.DIRECT}
        )
        user = partner_user("bench-prospect", partner=partner, role="sales", password="bench-pass-2026")
        signed_in, anonymous = Client(), Client()
        signed_in.force_login(user)
        requests = list(reference_cases(anonymous, signed_in))
        requests += company_cases(signed_in, companies, self.stdout.write)
        ids = Company.objects.count()
        timings = time_interleaved(requests, runs, warmup)
        out = self.stdout.write
        shell95, login95 = timings[SHELL][1], timings[LOGIN][1]
        out(f"\n{connection.vendor}: {ids:,} companies; {runs} runs per case; server time in ms\n")
        out(f"{'':<34} {'p50':>8} {'p95':>8} {'p95/shell':>10} {'p95/login':>10}")
        for label, (p50, p95) in timings.items():
            out(f"{label:<34} {p50:>8.2f} {p95:>8.2f} {p95 / shell95:>9.2f}x {p95 / login95:>9.2f}x")
