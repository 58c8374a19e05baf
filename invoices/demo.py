"""Demo data of payment requests, called by seed_demo (incentives/demo/seed.py): a verified
payee for Demo Distributor, three older issued referral bills so a bank-transfer request can be
shown in every status, one request in each status, and an arrears hold on the rival partner.
Everything goes through the services, so the audit trail is real; a second run adds nothing."""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from customers.models import Customer, Partner
from incentives.demo.generator import bill_incentives, month_period
from incentives.models import DetailLine, Incentive, IncentiveProgram, StatementStatus
from incentives.services.figures import detail_lines_add
from incentives.services.statements import statement_approve, statement_confirm, statement_publish

from .models import Arrears, PaymentOption, PaymentRequest
from .services import payments as flow
from .services.holds import holds_sync_arrears
from .services.payees import payee_save, payee_verify
from .services.payment_invoices import payment_invoice_add, payment_invoices_submit
from .services.payment_submit import payment_request_submit

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
O = PaymentOption  # noqa: E741
EXTRA_MONTHS = (6, 7, 8, 9)  # months back: older issued referral bills (one stays payable)
EXTRA_REVENUES = ("125000.00", "38640.50", "9999.99")  # the lines of each of those bills
EXTRA_LINES = len(EXTRA_MONTHS) * len(EXTRA_REVENUES)  # besides seed_demo's --details


def seed_payments(*, partners: dict[str, Partner], operator: User, admin: User, finance: User) -> None:
    distributor, rival = partners["P1001"], partners["P3001"]
    if PaymentRequest.objects.filter(partner=distributor).exists():
        return
    with transaction.atomic():
        _payee(admin, operator)
        _older_referral_bills(distributor, operator)
        _requests(distributor, operator, finance)
        today = timezone.localdate()
        period = f"{today.replace(day=1) - timedelta(days=1):%Y-%m}"
        Arrears.objects.get_or_create(partner=rival, period=period, defaults={"amount": Decimal("3860.40")})
        holds_sync_arrears(today=today)


def _payee(admin: User, operator: User) -> None:
    details = {
        "signing_entity": "Demo Distributor Co., Ltd.", "tax_id": "913100007109318473", "currency": "CNY",
        "bank_name": "China Merchants Bank, Shanghai Branch", "account_holder": "Demo Distributor Co., Ltd.",
        "account_number": "6214830212345678",
    }  # fmt: skip
    letter = SimpleUploadedFile("bank-letter.pdf", PDF, content_type="application/pdf")
    profile = payee_save(user=admin, details=details, bank_letter=letter)
    payee_verify(profile_id=profile.pk, actor=operator)


def _older_referral_bills(partner: Partner, operator: User) -> None:
    referral = IncentiveProgram.objects.get(code="REF")
    customer = Customer.objects.filter(partner=partner).order_by("pk").first()
    if customer is None:
        customer = Customer.objects.create(partner=partner, name="Demo Customer", account="demo-ref-0001",
                                           association_type="referral")  # fmt: skip
    today = timezone.localdate()
    for back in EXTRA_MONTHS:
        period = month_period(today.year, today.month - back)
        (incentive,) = bill_incentives(partner, period, [referral])
        if incentive.statement.status != StatementStatus.ESTIMATED:
            continue
        code = period.code.replace("-", "")[2:]
        detail_lines_add(
            lines=[
                DetailLine(incentive=incentive, order_id=f"CSR{code}{n:07d}", customer=customer,
                           product_type="ECS", revenue=Decimal(revenue), rate=Decimal("0.0800"))
                for n, revenue in enumerate(EXTRA_REVENUES)
            ]
        )  # fmt: skip
        statement_publish(statement_id=incentive.statement_id, actor=operator)
        statement_confirm(statement_id=incentive.statement_id, actor=None)
        statement_approve(statement_id=incentive.statement_id, actor=operator)


def _requests(partner: Partner, operator: User, finance: User) -> None:
    payable = list(
        Incentive.objects.filter(
            statement__partner=partner, statement__status=StatementStatus.ISSUED, amount__gt=0
        )
        .select_related("program", "statement__period")
        .order_by("statement__period__code", "incentive_id")
    )
    referral = [i.incentive_id for i in payable if i.program.association_type == "referral"]
    other = [i.incentive_id for i in payable if i.program.association_type != "referral"]

    def bank(steps: str) -> None:
        if not referral:
            return
        request = payment_request_submit(
            user=finance, incentive_ids=[referral.pop(0)], option=O.BANK_TRANSFER
        )
        if "a" in steps:
            flow.payment_accept(request_id=request.pk, actor=operator)
        if "i" in steps:
            tax = (request.total * Decimal("0.06") / Decimal("1.06")).quantize(Decimal("0.01"))
            payment_invoice_add(
                request_id=request.pk, actor=finance, number=f"0440{request.pk:08d}",
                issued_on=timezone.localdate(), amount=request.total, tax_amount=tax,
                file=SimpleUploadedFile("invoice.pdf", PDF, content_type="application/pdf"),
            )  # fmt: skip
            payment_invoices_submit(request_id=request.pk, actor=finance)
        if "v" in steps:
            flow.payment_approve(request_id=request.pk, actor=operator)
        if "f" in steps:
            flow.payment_record_failure(
                request_id=request.pk, actor=operator, reason="Account closed at the bank"
            )
        if "p" in steps:
            flow.payment_record_paid(request_id=request.pk, actor=operator, paid_on=timezone.localdate(),
                                     reference=f"CMB{request.pk:010d}", amount=request.total)  # fmt: skip

    bank("aivp")  # Paid
    bank("aivf")  # Payment failed
    bank("aiv")  # Approved
    bank("ai")  # Invoice review
    bank("a")  # Awaiting invoice
    if len(other) >= 3:
        payment_request_submit(user=finance, incentive_ids=[other.pop(0)], option=O.TOP_UP)  # Submitted
        cancelled = payment_request_submit(user=finance, incentive_ids=[other.pop(0)], option=O.COUPONS)
        flow.payment_cancel(request_id=cancelled.pk, actor=finance, reason="Chose another option")
        coupons = payment_request_submit(user=finance, incentive_ids=[other.pop(0)], option=O.COUPONS)
        today = timezone.localdate()
        flow.payment_record_paid(request_id=coupons.pk, actor=operator, paid_on=today, reference="")
