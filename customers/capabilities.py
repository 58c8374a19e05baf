"""Who may do what: the one role/capability table of the portal.

Every page, API permission, template and admin check asks `membership_can` (or the
`can` template filter); nothing else compares roles.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from partner_center.errors import Forbidden

from .models import Membership, Role
from .selectors import PortalUser, membership_of

A, F, S, V = Role.ADMIN, Role.FINANCE, Role.SALES, Role.VIEWER


class Capability(StrEnum):
    CONFIRM_BILL = "confirm_bill"
    EXPORT = "export"
    DOWNLOAD_EXPORT = "download_export"
    WRITE_FEEDBACK = "write_feedback"
    REQUEST_PAYMENT = "request_payment"
    REQUEST_INVOICE = "request_invoice"
    MANAGE_CUSTOMERS = "manage_customers"
    MANAGE_USERS_TOKENS = "manage_users_tokens"  # see and revoke other users' API tokens
    VIEW_CUSTOMER_AUDIT = "view_customer_audit"
    EXPORT_CUSTOMERS = "export_customers"  # the anonymised customer list, and its files in Export History
    MANAGE_PAYEE = "manage_payee"
    APPLY_MDF = "apply_mdf"  # write, submit and cancel MDF applications
    CLAIM_MDF = "claim_mdf"  # write and submit MDF claims, upload their proof
    SEE_ALL_ACCOUNT_MANAGERS = "see_all_account_managers"  # dashboards: every manager's figures
    HANDLE_ANY_ALERT = "handle_any_alert"  # process a customer alert assigned to someone else
    PROSPECT = "prospect"  # search the enterprise encyclopedia, report companies as customers
    VIEW_VOUCHERS = "view_vouchers"  # voucher quotas, vouchers and their operation log
    ISSUE_VOUCHER = "issue_voucher"
    RECALL_VOUCHER = "recall_voucher"
    EXPORT_VOUCHER_LOG = "export_voucher_log"
    VIEW_CONTRACTS = "view_contracts"  # offline contracts: search, detail, the signed PDF
    VIEW_CERTIFICATIONS = "view_certifications"  # capability labels held, and their badges


@dataclass(frozen=True)
class Rule:
    roles: frozenset[Role]
    refusal: Promise  # what a user without the capability is told


CAPABILITIES: dict[Capability, Rule] = {
    Capability.CONFIRM_BILL: Rule(
        frozenset({A, F}), _("Your role may not confirm bills; ask your partner's admin or finance user.")
    ),
    Capability.EXPORT: Rule(
        frozenset({A, F}), _("Only your partner's admin and finance users may export and download.")
    ),
    Capability.DOWNLOAD_EXPORT: Rule(
        frozenset({A, F}), _("Only your partner's admin and finance users may export and download.")
    ),
    Capability.WRITE_FEEDBACK: Rule(
        frozenset({A, F, S}),
        _("Viewers cannot write feedback; ask your partner's admin, finance or sales user."),
    ),
    Capability.REQUEST_PAYMENT: Rule(
        frozenset({A, F}),
        _("Only your partner's admin and finance users may request payment."),
    ),
    Capability.REQUEST_INVOICE: Rule(
        frozenset({A, F}),
        _("Only your partner's admin and finance users may request invoices."),
    ),
    Capability.MANAGE_CUSTOMERS: Rule(
        frozenset({A, S}),
        _("Only your partner's admin and sales users may manage customers."),
    ),
    Capability.MANAGE_USERS_TOKENS: Rule(
        frozenset({A}),
        _("Only your partner's admin may see and revoke other users' API tokens."),
    ),
    Capability.VIEW_CUSTOMER_AUDIT: Rule(
        frozenset({A}),
        _("Only your partner's admin may see who revealed customers' contacts."),
    ),
    Capability.EXPORT_CUSTOMERS: Rule(
        frozenset({A}),
        _("Only your partner's admin may export customers."),
    ),
    Capability.MANAGE_PAYEE: Rule(
        frozenset({A}),
        _("Only your partner's admin may change the payee profile."),
    ),
    Capability.APPLY_MDF: Rule(
        frozenset({A, S}),
        _("Only your partner's admin and sales users may apply for market development funds."),
    ),
    Capability.CLAIM_MDF: Rule(
        frozenset({A, F, S}),
        _("Only your partner's admin, finance and sales users may claim market development funds."),
    ),
    Capability.SEE_ALL_ACCOUNT_MANAGERS: Rule(
        frozenset({A, F, V}),
        _("Sales users see the figures of their own customers only."),
    ),
    Capability.HANDLE_ANY_ALERT: Rule(
        frozenset({A}),
        _("Only the alert's handler or your partner's admin may process this alert."),
    ),
    Capability.PROSPECT: Rule(
        frozenset({A, S}),
        _(
            "Only your partner's admin and sales users may search the enterprise encyclopedia"
            " and report customers."
        ),
    ),
    Capability.VIEW_VOUCHERS: Rule(
        frozenset({A, F, S, V}),
        _("Your role may not see vouchers."),
    ),
    Capability.ISSUE_VOUCHER: Rule(
        frozenset({A, S}),
        _("Only your partner's admin and sales users may issue vouchers."),
    ),
    Capability.RECALL_VOUCHER: Rule(
        frozenset({A, S}),
        _("Only your partner's admin and sales users may recall vouchers."),
    ),
    Capability.EXPORT_VOUCHER_LOG: Rule(
        frozenset({A, F}),
        _("Only your partner's admin and finance users may export the voucher operation log."),
    ),
    Capability.VIEW_CONTRACTS: Rule(
        frozenset({A, F}),
        _("Only your partner's admin and finance users may see offline contracts."),
    ),
    Capability.VIEW_CERTIFICATIONS: Rule(
        frozenset({A, F, S, V}),
        _("Your role may not see your partner's capability certifications."),
    ),
}


def role_can(role: str, capability: Capability) -> bool:
    return role in CAPABILITIES[capability].roles


def roles_with(capability: Capability) -> frozenset[Role]:
    return CAPABILITIES[capability].roles


def membership_can(membership: Membership | None, capability: Capability) -> bool:
    return membership is not None and role_can(membership.role, capability)


def user_can(user: PortalUser, capability: Capability) -> bool:
    return membership_can(membership_of(user), capability)


def require_capability(user: PortalUser, capability: Capability) -> Membership:
    """The user's membership if their role has the capability; Forbidden with the reason if not."""
    membership = membership_of(user)
    if membership is None or not role_can(membership.role, capability):
        raise Forbidden(CAPABILITIES[capability].refusal)
    return membership
