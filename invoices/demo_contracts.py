"""Offline-contract demo data for `seed_demo`: Demo Distributor's contract that is nearly
complete and one that is behind, each with discounts and a signed PDF, sized from the
partner's own orders so the progress is what the page computes. Idempotent."""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from customers.models import Partner
from incentives.models import ReconciliationPeriod

from .models import ContractDiscount, OfflineContract
from .selectors.contracts import contract_progress

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _contract(partner: Partner, code: str, starts_on, ends_on, share: Decimal) -> None:
    contract = OfflineContract(
        code=code, partner=partner, signed_on=starts_on - timedelta(days=10), starts_on=starts_on,
        ends_on=ends_on, committed_amount=Decimal("1.00"),
    )  # fmt: skip
    contract.signed_pdf.save(f"{code}.pdf", ContentFile(PDF), save=False)
    contract.save()
    for product, discount in (("ECS", "0.1500"), ("OBS", "0.1000"), ("RDS", "0.0800")):
        ContractDiscount.objects.create(contract=contract, product_type=product, discount=Decimal(discount))
    completed = contract_progress(contract).completed or Decimal("100000.00")
    contract.committed_amount = (completed / share).quantize(Decimal("1000"), rounding=ROUND_HALF_UP)
    contract.save(update_fields=["committed_amount"])


def seed_contracts(partner: Partner) -> None:
    if OfflineContract.objects.filter(partner=partner).exists():
        return
    periods = list(ReconciliationPeriod.objects.order_by("start"))
    if not periods:
        return
    year = timezone.localdate().year
    _contract(partner, f"HWC-{year}-0001", periods[0].start, periods[-1].end, Decimal("0.96"))  # nearly done
    _contract(
        partner, f"HWC-{year}-0002", periods[-2].start, periods[-1].end + timedelta(days=300), Decimal("0.3")
    )
