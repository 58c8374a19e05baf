"""Enterprise encyclopedia reads: the company directory (shared by every partner, like a public
register) and each partner's own customer reports; why a company cannot be reported now."""

from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import formats
from django.utils.translation import gettext as _

from ..models import Company, Customer, CustomerReport, CustomerReportEvent, Partner, ReportStatus, Site
from ..policies import HOLDING, company_in_partners_site
from .tenancy import PortalUser, membership_of, partner_scoped


def companies_for(user: PortalUser) -> QuerySet[Company]:
    """The whole directory for a partner's user; nothing for anyone else."""
    if membership_of(user) is None:
        return Company.objects.none()
    return Company.objects.all()


def customer_reports_for(user: PortalUser) -> QuerySet[CustomerReport]:
    """The partner's own reports, newest first."""
    return partner_scoped(CustomerReport.objects.all(), user).select_related("company", "requested_by")


def company_reports_for(user: PortalUser, company: Company) -> list[CustomerReport]:
    """The partner's reports of one company, newest first (never another partner's)."""
    return list(customer_reports_for(user).filter(company=company)[:20])


def report_events(report: CustomerReport) -> list[CustomerReportEvent]:
    return list(report.events.select_related("actor"))


def _day(moment: datetime) -> str:
    return formats.date_format(moment, "Y-m-d")


def company_report_refusal(partner: Partner, company: Company, now: datetime) -> str:
    """Why `partner` may not report `company` now, in words for the partner; "" when it may.

    The service asks this again under the company's row lock, so two reports at once cannot
    both pass. Another partner is never named.
    """
    if not company_in_partners_site(company, partner):
        return _(
            "This company is registered on the %(site)s site; your partner sells on the %(own)s site."
        ) % {"site": Site(company.site).label, "own": Site(partner.site).label}
    holder = (
        Customer.objects.filter(Q(company=company) | Q(name__iexact=company.name), status__in=HOLDING)
        .values_list("partner_id", flat=True)
        .first()
    )
    if holder == partner.pk:
        return _("This company is already your customer.")
    if holder is not None:
        return _("This company is already associated with a partner.")
    pending = (
        CustomerReport.objects.filter(company=company, status=ReportStatus.PENDING, expires_at__gt=now)
        .only("partner_id", "requested_at", "expires_at")
        .first()
    )
    if pending is not None and pending.partner_id == partner.pk:
        return _("You reported this company on %(date)s; the report is pending review.") % {
            "date": _day(pending.requested_at)
        }
    if pending is not None:
        return _("Another partner reported this company; the report holds it until %(date)s.") % {
            "date": _day(pending.expires_at)
        }
    return ""
