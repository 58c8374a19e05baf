import pytest

from incentives.services.statements import statement_publish
from tests import factories

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9,en;q=0.5"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


@pytest.fixture
def chinese_partner(db):
    """A Chinese distributor with a pending bill (Chinese data, so English on a page is ours)."""
    partner = factories.PartnerFactory(code="P8801", name="华东云科技有限公司", kind="distributor")
    program = factories.ProgramFactory(code="RSL", name="解决方案伙伴代售激励", policy="按月支付。")
    customer = factories.CustomerFactory(partner=partner, name="杭州星海科技有限公司", account_manager="赵磊")
    statement = factories.bill(
        partner,
        factories.PeriodFactory(code="2026-10"),
        program=program,
        customer=customer,
        lines=[("1234.50", "0.05"), ("1000.00", "0.05")],
    )
    statement_publish(statement_id=statement.pk, actor=None)
    statement.refresh_from_db()
    return {
        "partner": partner,
        "statement": statement,
        "admin": factories.member(partner, "admin", username="zhang"),
        "viewer": factories.member(partner, "viewer", username="li"),
    }


def sign_in(client, user, **headers):
    response = client.post(
        "/accounts/login/", {"username": user.username, "password": factories.PASSWORD}, **headers
    )
    assert response.status_code == 302, response.content[:500]
    return response
