"""Benchmark Customer Management at a given size against the signed-in shell, in one interleaved run.

    manage.py bench_customers --settings=benchmarks.settings --customers 100000 --runs 100

Builds (once, kept for reruns) a bench distributor with --customers customers with demo
profiles, then times the list's first page, a page 90% deep (its keyset link), each kind of
filter (the count of all matches included) and a customer's page, beside the reference requests
(benchmarks/timing.py). Prints p50/p95 and each page's p95 over the signed-in shell's.
"""

import random
from urllib.parse import urlencode

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client

from benchmarks.timing import LOGIN, SHELL, reference_cases, time_interleaved
from customers.demo import profile
from customers.models import Customer, Partner, PartnerKind
from incentives.demo.generator import partner_user
from partner_center.maintenance import vacuum_analyze

BENCH_PARTNER = "BC001"
BATCH = 10_000


class Command(BaseCommand):
    help = "Time the Customer Management list (first, deep, filtered) and a customer's page vs the shell."

    def add_arguments(self, parser):
        parser.add_argument("--customers", type=int, default=100_000, help="customers of the bench partner")
        parser.add_argument("--runs", type=int, default=100, help="measured requests per case (default 100)")
        parser.add_argument("--warmup", type=int, default=5, help="unmeasured requests per case first")

    def handle(self, *args, customers, runs, warmup, **options):
        settings.DEBUG = False
        partner, user = self._bench_data(customers)
        own = Customer.objects.filter(partner=partner)
        ids = list(own.order_by("pk").values_list("pk", flat=True))
        deep_after = ids[int(len(ids) * 0.9) - 1]
        sample = own.order_by("pk")[len(ids) // 2]
        signed_in, anonymous = Client(), Client()
        signed_in.force_login(user)
        pages: list[tuple[str, dict[str, object]]] = [
            ("list first page", {}),
            ("list deep page (90%)", {"after": deep_after}),
            ("status=disassociated", {"status": "disassociated"}),
            ("industry + level", {"industry": "finance", "level": "V3"}),
            ("name contains", {"name": sample.name.split(" ")[0][:4].lower()}),
            ("account prefix", {"account": sample.account[:-2]}),
            ("quota >= 400,000", {"quota_min": "400000"}),
            ("discount >= 15%", {"discount_min": "15"}),
            ("associated this year", {"associated_from": f"{sample.association_date:%Y}-01-01"}),
        ]
        requests = list(reference_cases(anonymous, signed_in))
        for label, params in pages:
            requests.append((label, signed_in, [f"/customers/?{urlencode(params)}"]))
        requests.append(("customer page", signed_in, [f"/customers/{sample.pk}/"]))
        timings = time_interleaved(requests, runs, warmup)
        self._report(timings, len(ids), runs)

    def _bench_data(self, count):
        partner, _created = Partner.objects.get_or_create(
            code=BENCH_PARTNER, defaults={"name": "Bench Customers Co", "kind": PartnerKind.DISTRIBUTOR}
        )
        user = partner_user("bench-customers", partner=partner, role="admin", password="bench-pass-2026")
        have = Customer.objects.filter(partner=partner).count()
        if have < count:
            rng = random.Random(16)
            words = ["Cloud", "Data", "Blue", "River", "Star", "Peak", "云智", "星海", "华信", "天元"]
            with transaction.atomic():
                for start in range(have + 1, count + 1, BATCH):
                    batch = []
                    for number in range(start, min(start + BATCH, count + 1)):
                        customer = Customer(
                            partner=partner,
                            name=f"{rng.choice(words)} {rng.choice(words)} {number}",
                            account=f"bench_{number:07d}",
                            association_type=rng.choice(["resale", "referral"]),
                            account_manager=rng.choice(["Li Wei", "Zhang Min", "Emily Carter"]),
                        )
                        profile(customer, rng)
                        batch.append(customer)
                    Customer.objects.bulk_create(batch)
            self.stdout.write(f"created {count - have:,} customers")
        vacuum_analyze(Customer)
        return partner, user

    def _report(self, timings, size, runs):
        out = self.stdout.write
        shell95, login95 = timings[SHELL][1], timings[LOGIN][1]
        everyone = Customer.objects.count()
        out(f"\n{connection.vendor}: {size:,} customers of the bench partner, {everyone:,} in all")
        out(f"{runs} runs per case; server time in ms (in-process test client, requests interleaved)\n")
        out(f"{'':<34} {'p50':>8} {'p95':>8} {'p95/shell':>10} {'p95/login':>10}")
        for label, (p50, p95) in timings.items():
            out(f"{label:<34} {p50:>8.2f} {p95:>8.2f} {p95 / shell95:>9.2f}x {p95 / login95:>9.2f}x")
