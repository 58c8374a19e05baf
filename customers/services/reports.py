"""Reporting a company as the partner's customer (报备客户): one transition table and one
service per change.

A partner's admin or sales user reports a company of the enterprise encyclopedia with an
expected spend and notes; the report is refused with the reason when the company is outside
the partner's site, already associated with a partner, or held by another partner's pending
report that has not expired (selectors.companies.company_report_refusal). Operators approve
(the customer is created and associated with the partner) or reject with a reason in the admin;
a report nobody answers expires after CUSTOMER_REPORT_VALIDITY_DAYS (a Celery job, and inline
when someone reports the company again). Every change locks the company row, then the report
row, checks TRANSITIONS, saves with update_fields and writes a CustomerReportEvent in the same
transaction; repeating a done change is a no-op success.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, TypeAlias

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partner_center.errors import Conflict, InvalidInput, NotFound

from ..capabilities import Capability, require_capability
from ..models import (
    AssociationType,
    Company,
    Customer,
    CustomerEvent,
    CustomerReport,
    CustomerReportEvent,
    CustomerStatus,
    ReportStatus,
)
from ..selectors.companies import company_report_refusal
from ..selectors.tenancy import PortalUser

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Actor: TypeAlias = "User | None"  # None: the system (the expiry job)
R = ReportStatus

# The only status changes there are: action -> (from, to, statuses where it is already done).
TRANSITIONS: dict[str, tuple[set[str], str, set[str]]] = {
    # an operator approves: the customer is created and associated with the partner
    "approve": ({R.PENDING}, R.APPROVED, {R.APPROVED}),
    # an operator rejects, with a reason
    "reject": ({R.PENDING}, R.REJECTED, {R.REJECTED}),
    # nobody answered within CUSTOMER_REPORT_VALIDITY_DAYS
    "expire": ({R.PENDING}, R.EXPIRED, {R.EXPIRED}),
}
VERBS = {
    "approve": gettext_lazy("approved"),
    "reject": gettext_lazy("rejected"),
    "expire": gettext_lazy("expired"),
}
TEXT_MAX = 1000
SPEND_MAX = Decimal("9999999999999999.99")


@dataclass(frozen=True)
class Change:
    report: CustomerReport
    changed: bool


def _event(report: CustomerReport, old: str, new: str, actor: Actor, reason: str = "") -> None:
    CustomerReportEvent(
        report=report,
        old_status=old,
        new_status=new,
        actor=actor,
        actor_label=actor.get_username() if actor is not None else _("System"),
        reason=reason,
    ).save()


def _spend(value: object) -> Decimal:
    try:
        spend = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise InvalidInput(_("Give the expected monthly spend as an amount, e.g. 12000.00.")) from None
    if not spend.is_finite() or spend < 0 or spend > SPEND_MAX or spend != spend.quantize(Decimal("0.01")):
        raise InvalidInput(_("The expected spend must be an amount of zero or more, to the cent."))
    return spend.quantize(Decimal("0.01"))


def report_submit(
    *,
    user: PortalUser,
    company_id: int,
    expected_spend: object,
    association_type: str = AssociationType.RESALE,
    notes: str = "",
    now: datetime | None = None,
) -> CustomerReport:
    """Report a company as the partner's customer; Conflict with the reason when it may not be."""
    membership = require_capability(user, Capability.PROSPECT)
    partner = membership.partner
    spend = _spend(expected_spend)
    if association_type not in (AssociationType.RESALE, AssociationType.REFERRAL):
        raise InvalidInput(_("Choose resale or referral."))
    notes = (notes or "").strip()
    if len(notes) > TEXT_MAX:
        raise InvalidInput(_("The notes are too long (at most %(most)s characters).") % {"most": TEXT_MAX})
    now = now or timezone.now()
    with transaction.atomic():
        # the company's row lock serialises two partners reporting it at the same moment
        company = Company.objects.select_for_update().filter(pk=company_id).first()
        if company is None:
            raise NotFound(_("No such company in the enterprise encyclopedia."))
        _expire_stale(company, now)
        refusal = company_report_refusal(partner, company, now)
        if refusal:
            raise Conflict(refusal)
        try:
            with transaction.atomic():  # the unique pending report is the database's last word
                report = CustomerReport.objects.create(
                    partner=partner,
                    company=company,
                    status=R.PENDING,
                    association_type=association_type,
                    expected_spend=spend,
                    notes=notes,
                    requested_by=membership.user,
                    expires_at=now + timedelta(days=settings.CUSTOMER_REPORT_VALIDITY_DAYS),
                )
        except IntegrityError:
            raise Conflict(_("Another partner reported this company a moment ago.")) from None
        _event(report, "", R.PENDING, membership.user)
    return report


def _expire_stale(company: Company, now: datetime) -> None:
    """The company's pending reports past their validity expire (the company row is locked)."""
    stale = CustomerReport.objects.select_for_update().filter(
        company=company, status=R.PENDING, expires_at__lte=now
    )
    for report in stale:
        _apply(report, "expire", None, "")


def _apply(report: CustomerReport, action: str, actor: Actor, reason: str) -> Change:
    sources, to, done = TRANSITIONS[action]
    if report.status in done:
        return Change(report, changed=False)
    old = report.status
    if old not in sources:
        raise Conflict(
            _("This report cannot be %(verb)s: it is %(status)s.")
            % {"verb": VERBS[action], "status": R(old).label}
        )
    fields = ["status", "status_changed_at"]
    if action == "approve":
        report.customer = _associate(report, actor)
        fields.append("customer")
    if reason:
        report.reason = reason
        fields.append("reason")
    report.status, report.status_changed_at = to, timezone.now()
    report.save(update_fields=fields)
    _event(report, old, to, actor, reason)
    return Change(report, changed=True)


def _associate(report: CustomerReport, actor: Actor) -> Customer:
    """The approved report's customer, associated with the reporting partner."""
    company, partner = report.company, report.partner
    holder = Customer.objects.filter(company=company, status__in=[CustomerStatus.ASSOCIATED]).first()
    holder = (
        holder or Customer.objects.filter(name__iexact=company.name, status=CustomerStatus.ASSOCIATED).first()
    )
    if holder is not None:
        raise Conflict(_("This company was associated with a partner meanwhile; reject the report."))
    base = f"hwc_{company.credit_code.lower()}"[:60]
    taken = set(
        Customer.objects.filter(partner=partner, account__startswith=base).values_list("account", flat=True)
    )
    account = next(
        name for n in range(len(taken) + 1) if (name := base if n == 0 else f"{base}_{n}") not in taken
    )
    requester = report.requested_by
    customer = Customer.objects.create(
        partner=partner,
        company=company,
        name=company.name,
        account=account,
        association_type=report.association_type,
        account_manager=requester.get_full_name() or requester.get_username(),
        industry=company.industry,
    )
    CustomerEvent(
        customer=customer,
        old_status="",
        new_status=CustomerStatus.ASSOCIATED,
        actor=actor,
        actor_label=actor.get_username() if actor is not None else _("System"),
        reason=_("Reported as your customer; the report was approved."),
    ).save()
    return customer


def _transition(*, report_id: int, action: str, actor: Actor, reason: str = "") -> Change:
    company_id = CustomerReport.objects.filter(pk=report_id).values_list("company_id", flat=True).first()
    if company_id is None:
        raise NotFound(_("No such customer report."))
    with transaction.atomic():
        Company.objects.select_for_update().filter(pk=company_id).first()  # company first, as report_submit
        report = (
            CustomerReport.objects.select_for_update().select_related("company", "partner").get(pk=report_id)
        )
        return _apply(report, action, actor, reason)


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Give a reason."))
    if len(reason) > TEXT_MAX:
        raise InvalidInput(_("The reason is too long (at most %(most)s characters).") % {"most": TEXT_MAX})
    return reason


def report_approve(*, report_id: int, actor: Actor) -> Change:
    """Pending review -> Approved: the company becomes the partner's customer."""
    return _transition(report_id=report_id, action="approve", actor=actor)


def report_reject(*, report_id: int, actor: Actor, reason: str) -> Change:
    return _transition(report_id=report_id, action="reject", actor=actor, reason=_reason(reason))


def reports_expire(*, now: datetime | None = None) -> int:
    """Expire every pending report past its validity; how many expired."""
    now = now or timezone.now()
    stale = CustomerReport.objects.filter(status=R.PENDING, expires_at__lte=now)
    expired = 0
    for pk in stale.values_list("pk", flat=True).iterator():
        expired += _transition(report_id=pk, action="expire", actor=None).changed
    return expired
