"""The payment pages in Simplified Chinese, with no English left (Huawei's own terms)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from incentives.services.statements import statement_approve, statement_confirm
from invoices.models import PaymentOption
from invoices.services.payment_invoices import payment_invoice_add
from invoices.services.payment_submit import payment_request_submit
from invoices.services.payments import payment_accept
from tests.i18n.conftest import ZH, chinese_partner, sign_in  # noqa: F401
from tests.i18n.test_pages_in_chinese import english_left

from .conftest import verified_payee
from .test_invoices import PDF

pytestmark = pytest.mark.django_db
DATA = {"PR", "PDF", "MB", "JPEG", "PNG", "INV"}  # request numbers, file types, invoice numbers


@pytest.fixture
def chinese_request(chinese_partner):  # noqa: F811
    with translation.override("zh-hans"):  # the partner works in Chinese; events keep its words
        return _chinese_request(chinese_partner)


def _chinese_request(chinese_partner):  # noqa: F811
    statement = chinese_partner["statement"]
    statement_confirm(statement_id=statement.pk, actor=None)
    statement_approve(statement_id=statement.pk, actor=None)
    program = statement.incentives.get().program
    program.association_type = "referral"
    program.save()
    name = "华东云科技有限公司"
    verified_payee(
        chinese_partner["partner"], signing_entity=name, bank_name="招商银行上海分行", account_holder=name
    )
    request = payment_request_submit(
        user=chinese_partner["admin"],
        incentive_ids=[statement.incentives.get().incentive_id],
        option=PaymentOption.BANK_TRANSFER,
    )
    payment_accept(request_id=request.pk, actor=None)
    payment_invoice_add(
        request_id=request.pk, actor=chinese_partner["admin"], number="INV-1", issued_on=statement.period.end,
        amount="1.00", tax_amount="0.00", file=SimpleUploadedFile("i.pdf", PDF),
    )  # fmt: skip
    return request


@pytest.mark.parametrize(
    ("url", "terms"),
    [
        ("/payments/", ["付款申请", "当前没有可申请付款的激励", "合计"]),
        ("/payments/requests/", ["我的付款申请", "付款方式", "待开票"]),
        ("/payments/requests/{pk}/", ["付款申请", "发票号码", "上传发票", "待开票金额"]),
        ("/payments/requests/{pk}/invoicing-list/", ["开票清单", "发票抬头", "增值税专用发票"]),
        ("/payments/payee/", ["收款信息", "开户银行", "银行账号"]),
    ],
)
def test_payment_pages_are_chinese(client, chinese_partner, chinese_request, url, terms):  # noqa: F811
    sign_in(client, chinese_partner["admin"], **ZH)
    response = client.get(url.format(pk=chinese_request.pk), **ZH)
    html = response.content.decode()
    assert response.status_code == 200
    for term in terms:
        assert term in html, term
    assert [word for word in english_left(html) if word not in DATA] == []


def test_the_invoicing_list_pdf_is_made_in_chinese(client, chinese_partner, chinese_request):  # noqa: F811
    sign_in(client, chinese_partner["admin"], **ZH)
    response = client.get(f"/payments/requests/{chinese_request.pk}/invoicing-list.pdf", **ZH)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
