"""What a customer's or an authorisation's state allows. Services enforce these; views, API
and templates ask them ({% load customer_policies %}), never comparing status strings."""

from datetime import datetime

from .models import (
    AssociationType,
    Authorisation,
    AuthorisationStatus,
    Company,
    Customer,
    CustomerReport,
    CustomerStatus,
    Partner,
    ReportStatus,
)

A = AuthorisationStatus
PENDING = frozenset({A.PENDING_DISTRIBUTOR, A.PENDING_CUSTOMER})
LIVE = PENDING | {A.AUTHORISED}  # a partner has at most one of these per customer


def authorisation_is_pending(authorisation: Authorisation) -> bool:
    return authorisation.status in PENDING


def authorisation_awaits_distributor(authorisation: Authorisation) -> bool:
    return authorisation.status == A.PENDING_DISTRIBUTOR


def authorisation_awaits_customer(authorisation: Authorisation) -> bool:
    return authorisation.status == A.PENDING_CUSTOMER


def authorisation_is_live(authorisation: Authorisation) -> bool:
    return authorisation.status in LIVE


def authorisation_allows_ordering(authorisation: Authorisation | None) -> bool:
    return authorisation is not None and authorisation.status == A.AUTHORISED


def customer_needs_authorisation(customer: Customer) -> bool:
    """Ordering for a resale customer needs a live authorisation; referral customers order themselves."""
    return customer.association_type == AssociationType.RESALE


def customer_is_associated(customer: Customer) -> bool:
    return customer.status == CustomerStatus.ASSOCIATED


# Customer reports (报备): a customer counts as associated while not disassociated.
HOLDING = frozenset({CustomerStatus.ASSOCIATED, CustomerStatus.DISASSOCIATION_REQUESTED})


def company_in_partners_site(company: Company, partner: Partner) -> bool:
    """A partner reports only companies registered on its own cloud site (Chinese mainland or
    international): each site has its own customers, contracts and prices."""
    return company.site == partner.site


def report_holds_company(report: CustomerReport, now: datetime) -> bool:
    """A pending report keeps the company for its partner until it expires."""
    return report.status == ReportStatus.PENDING and report.expires_at > now


def report_is_pending(report: CustomerReport) -> bool:
    return report.status == ReportStatus.PENDING
