"""The invoice request pages in Simplified Chinese, with no English left (the source page's terms)."""

from decimal import Decimal

import pytest
from django.utils import translation

from incentives.models import DetailLine
from invoices.models import InvoiceProfile, ResaleOrder
from invoices.services.invoice_requests import transition
from invoices.services.invoice_submit import invoice_request_submit
from tests.i18n.conftest import ZH, chinese_partner, sign_in  # noqa: F401
from tests.i18n.test_pages_in_chinese import english_left

from .conftest import PROFILE

pytestmark = pytest.mark.django_db
DATA = {"IR", "ORD", "CST", "ECS", "CNY"}  # request and order numbers, the zone, the product


@pytest.fixture
def chinese_requests(chinese_partner):  # noqa: F811
    partner, admin = chinese_partner["partner"], chinese_partner["admin"]
    customer = DetailLine.objects.filter(partner=partner).first().customer
    for number in (1, 2):
        ResaleOrder.objects.create(
            partner=partner, customer=customer, order_id=f"ORD-{number}", period="2026-10",
            product_type="ECS", amount=Decimal("1060.00"),
        )  # fmt: skip
    chinese = {
        "title": "华东云科技有限公司", "registered_address": "上海市浦东新区",
        "bank_name": "招商银行上海分行", "recipient": "张敏", "mailing_address": "上海市浦东新区",
    }  # fmt: skip
    InvoiceProfile.objects.create(partner=partner, **{**PROFILE, **chinese})
    with translation.override("zh-hans"):
        paper = invoice_request_submit(
            user=admin, basis="orders", order_ids=["ORD-1"], kind="special", medium="paper"
        )
        for action in ("approve", "request_cancel", "reject_cancel"):
            transition(request_id=paper.pk, action=action, actor=admin, reason="发票已打印")
    return {"paper": paper}


@pytest.mark.parametrize(
    ("url", "terms"),
    [
        ("/billing/invoices/", ["发票索取", "开票中(撤销失败)", "发票专员将于", "申请时间"]),
        ("/billing/invoices/{pk}/", ["开票中(撤销失败)", "发票已打印", "撤销申请被驳回", "时间线"]),
        ("/billing/invoices/new/?basis=period&period=2026-10&kind=ordinary&medium=electronic",
         ["索取发票", "可开票订单", "按账期", "提交发票索取申请"]),
        ("/billing/invoices/information/", ["发票信息", "纳税人识别号", "电子发票接收邮箱"]),
    ],
)  # fmt: skip
def test_invoice_pages_are_chinese(client, chinese_partner, chinese_requests, url, terms):  # noqa: F811
    sign_in(client, chinese_partner["admin"], **ZH)
    response = client.get(url.format(pk=chinese_requests["paper"].pk), **ZH)
    html = response.content.decode()
    assert response.status_code == 200
    for term in terms:
        assert term in html, term
    assert [word for word in english_left(html) if word not in DATA] == []
