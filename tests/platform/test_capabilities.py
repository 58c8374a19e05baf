"""The role/capability table: every role x every capability, as partners' admins rely on it,
and every way of asking it (service guard, template filter, API permission) agrees."""

import pytest
from django.template import Context, Template
from rest_framework.test import APIRequestFactory

from customers.capabilities import CAPABILITIES, Capability, membership_can, require_capability, role_can
from customers.models import Role
from partner_center.api_permissions import requires
from partner_center.errors import Forbidden

C = Capability
# Written out on purpose: changing who may do what must change this test too.
EXPECTED = {
    Role.ADMIN: {
        C.CONFIRM_BILL, C.EXPORT, C.DOWNLOAD_EXPORT, C.WRITE_FEEDBACK,
        C.REQUEST_PAYMENT, C.REQUEST_INVOICE, C.MANAGE_CUSTOMERS, C.MANAGE_USERS_TOKENS,
        C.VIEW_CUSTOMER_AUDIT, C.EXPORT_CUSTOMERS, C.MANAGE_PAYEE, C.APPLY_MDF, C.CLAIM_MDF,
        C.SEE_ALL_ACCOUNT_MANAGERS, C.HANDLE_ANY_ALERT, C.PROSPECT,
        C.VIEW_VOUCHERS, C.ISSUE_VOUCHER, C.RECALL_VOUCHER, C.EXPORT_VOUCHER_LOG, C.VIEW_CONTRACTS,
        C.VIEW_CERTIFICATIONS,
    },
    Role.FINANCE: {
        C.CONFIRM_BILL, C.EXPORT, C.DOWNLOAD_EXPORT, C.WRITE_FEEDBACK, C.REQUEST_PAYMENT, C.REQUEST_INVOICE,
        C.CLAIM_MDF, C.SEE_ALL_ACCOUNT_MANAGERS, C.VIEW_VOUCHERS, C.EXPORT_VOUCHER_LOG, C.VIEW_CONTRACTS,
        C.VIEW_CERTIFICATIONS,
    },
    Role.SALES: {
        C.WRITE_FEEDBACK, C.MANAGE_CUSTOMERS, C.APPLY_MDF, C.CLAIM_MDF, C.PROSPECT,
        C.VIEW_VOUCHERS, C.ISSUE_VOUCHER, C.RECALL_VOUCHER, C.VIEW_CERTIFICATIONS,
    },
    Role.VIEWER: {C.SEE_ALL_ACCOUNT_MANAGERS, C.VIEW_VOUCHERS, C.VIEW_CERTIFICATIONS},
}  # fmt: skip
MATRIX = [(role, capability) for role in Role for capability in Capability]


def test_the_table_covers_every_capability():
    assert set(CAPABILITIES) == set(Capability)
    assert all(str(rule.refusal) for rule in CAPABILITIES.values())


@pytest.mark.parametrize(("role", "capability"), MATRIX, ids=lambda v: str(v))
def test_role_x_capability(role, capability):
    assert role_can(role, capability) is (capability in EXPECTED[role])


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "capability"), MATRIX, ids=lambda v: str(v))
def test_every_way_of_asking_agrees(partner_setup, role, capability):
    user = partner_setup[str(role)]
    allowed = capability in EXPECTED[role]
    membership = user.membership

    assert membership_can(membership, capability) is allowed
    rendered = Template("{% load capabilities %}{% if m|can:cap %}yes{% else %}no{% endif %}").render(
        Context({"m": membership, "cap": str(capability)})
    )
    assert rendered == ("yes" if allowed else "no")
    request = APIRequestFactory().get("/")
    request.user = user
    assert requires(capability)().has_permission(request, None) is allowed
    if allowed:
        assert require_capability(user, capability) == membership
    else:
        with pytest.raises(Forbidden, match=str(CAPABILITIES[capability].refusal)[:30]):
            require_capability(user, capability)


@pytest.mark.django_db
def test_users_outside_any_partner_may_do_nothing(django_user_model):
    staff = django_user_model.objects.create(username="ops", is_staff=True)
    for capability in Capability:
        assert not membership_can(None, capability)
        with pytest.raises(Forbidden):
            require_capability(staff, capability)
