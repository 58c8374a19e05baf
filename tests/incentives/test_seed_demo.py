import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from customers.models import Customer, Membership, Partner
from incentives.models import DetailLine, Incentive, ReconciliationPeriod, Statement, StatementEvent
from incentives.operators import OPERATORS_GROUP
from invoices.demo import EXTRA_LINES

pytestmark = pytest.mark.django_db


def _counts():
    models = [
        Partner,
        Membership,
        Customer,
        ReconciliationPeriod,
        Statement,
        Incentive,
        DetailLine,
        StatementEvent,
    ]
    return {m.__name__: m.objects.count() for m in models} | {"users": get_user_model().objects.count()}


def test_seed_demo_is_idempotent():
    call_command("seed_demo", "--details", "500")
    first = _counts()
    call_command("seed_demo", "--details", "500")
    assert _counts() == first
    assert first["DetailLine"] == 500 + EXTRA_LINES  # and the payment demo's older referral bills


def test_seed_demo_creates_the_documented_users_and_statuses():
    call_command("seed_demo", "--details", "300", "--password", "s3cret-demo")
    User = get_user_model()

    roles = {
        m.user.username: (m.partner.name, m.role)
        for m in Membership.objects.select_related("user", "partner")
    }
    assert roles["demo-admin"] == ("Demo Distributor", "admin")
    assert roles["demo-finance"] == ("Demo Distributor", "finance")
    assert roles["reseller-admin"][1] == "admin"
    assert Partner.objects.get(name=roles["reseller-admin"][0]).distributor.name == "Demo Distributor"
    assert roles["rival-admin"][0] == "Rival Cloud Partner"
    operator = User.objects.get(username="operator")
    assert operator.is_staff and operator.groups.filter(name=OPERATORS_GROUP).exists()
    assert User.objects.get(username="demo-admin").check_password("s3cret-demo")

    periods = list(ReconciliationPeriod.objects.order_by("-code"))
    statuses = [set(p.statements.values_list("status", flat=True)) for p in periods]
    assert statuses[:6] == [
        {"estimated"},
        {"pending_confirmation"},
        {"pending_confirmation"},
        {"issuing"},
        {"issued"},
        {"issued"},
    ]
    assert periods[1].confirmation_deadline > timezone.now() > periods[2].confirmation_deadline
    assert Incentive.objects.values("program__association_type").distinct().count() >= 3


def test_seed_demo_names_include_chinese_and_english_customers():
    call_command("seed_demo", "--details", "50")
    names = list(Customer.objects.values_list("name", flat=True))
    assert any("有限公司" in n for n in names) and any("Ltd." in n or "Inc." in n for n in names)
