"""Benchmark Customer Management at a given size against the signed-in shell, in one interleaved run.

    manage.py bench_customers --settings=benchmarks.settings --customers 100000 --resources 1000000

Builds (once, kept for reruns and topped up) a bench distributor with --customers customers with
demo profiles and --resources resources spread over them (benchmarks/resources_seed.py), and tops
the enterprise encyclopedia up to --companies entries; then times the list's first page, a page
90% deep (its keyset link), each kind of filter (the count of all matches included), a customer's
page (renewals due, vouchers expiring) and its resources and renewals, the resources API's first
and 90%-deep page (the count of all the partner's resources included), and the company searches
of bench_companies, beside the reference requests (benchmarks/timing.py), all in one interleaved
run. Prints p50/p95 and each page's p95 over the signed-in shell's.
"""

import random
from urllib.parse import urlencode

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client

from benchmarks.management.commands.bench_companies import company_cases
from benchmarks.resources_seed import seed_resources
from benchmarks.timing import LOGIN, SHELL, reference_cases, time_interleaved
from customers.demo import profile
from customers.models import Customer, Partner, PartnerKind, Resource
from incentives.demo.generator import partner_user
from partner_center.maintenance import vacuum_analyze

BENCH_PARTNER = "BC001"
BATCH = 10_000


class Command(BaseCommand):
    help = "Time the Customer Management list (first, deep, filtered) and a customer's page vs the shell."

    def add_arguments(self, parser):
        parser.add_argument("--customers", type=int, default=100_000, help="customers of the bench partner")
        parser.add_argument(
            "--resources", type=int, default=1_000_000, help="resources of its customers (default 1,000,000)"
        )
        parser.add_argument(
            "--companies", type=int, default=50_000, help="encyclopedia size (default 50,000)"
        )
        parser.add_argument("--runs", type=int, default=100, help="measured requests per case (default 100)")
        parser.add_argument("--warmup", type=int, default=5, help="unmeasured requests per case first")

    def handle(self, *args, customers, resources, companies, runs, warmup, **options):
        settings.DEBUG = False
        partner, user = self._bench_data(customers)
        created = seed_resources(partner, resources)
        if created:
            self.stdout.write(f"created {created:,} resources")
        vacuum_analyze(Resource)
        owned = Resource.objects.filter(partner=partner).order_by("pk").values_list("pk", flat=True)
        resource_count = owned.count()
        deep_resource = owned[max(int(resource_count * 0.9) - 1, 0)] if resource_count else 0
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
        requests.append(("customer page (renewals, vouchers)", signed_in, [f"/customers/{sample.pk}/"]))
        requests.append(("customer's resources", signed_in, [f"/customers/{sample.pk}/resources/"]))
        renewals = f"/customers/{sample.pk}/resources/?due_within=30"
        requests.append(("customer's renewals due in 30 days", signed_in, [renewals]))
        requests.append(("resources API first page", signed_in, ["/api/v1/resources/"]))
        requests.append(
            ("resources API deep page (90%)", signed_in, [f"/api/v1/resources/?after={deep_resource}"])
        )
        requests.append(("resources API due in 30 days", signed_in, ["/api/v1/resources/?due_within=30"]))
        requests += company_cases(signed_in, companies, self.stdout.write)
        timings = time_interleaved(requests, runs, warmup)
        self._report(timings, len(ids), runs)
        mine = Resource.objects.filter(customer=sample).count()
        self.stdout.write(
            f"\n{resource_count:,} resources of the bench partner; the customer timed has {mine}"
        )

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
        out(f"{'':<38} {'p50':>8} {'p95':>8} {'p95/shell':>10} {'p95/login':>10}")
        for label, (p50, p95) in timings.items():
            out(f"{label:<38} {p50:>8.2f} {p95:>8.2f} {p95 / shell95:>9.2f}x {p95 / login95:>9.2f}x")
