"""Customer Management in Simplified Chinese, with the source page's terms and no English left."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from customers.models import ContactReveal
from tests import factories
from tests.i18n.conftest import ZH, chinese_partner, sign_in  # noqa: F401 (the fixture)
from tests.i18n.test_pages_in_chinese import english_left

pytestmark = pytest.mark.django_db


def chinese_only(html: str) -> list[str]:
    """English words left, once the customers' accounts and e-mail domains (data) are set aside."""
    return english_left(re.sub(r"acct\d+|\b[\w.*]+@[\w.]+\b|\bV\d\b", " ", html))


@pytest.fixture
def chinese_customers(chinese_partner):  # noqa: F811
    partner = chinese_partner["partner"]
    reseller = factories.PartnerFactory(name="杭州云联科技有限公司", kind="reseller", distributor=partner)
    customer = partner.customers.get()
    customer.tier2_reseller, customer.industry, customer.level = reseller, "finance", "V2"
    customer.mobile, customer.email, customer.discount = "13812345678", "zhang@example.cn", Decimal("0.1")
    customer.save()
    factories.CustomerFactory(partner=reseller, name="宁波汇通电子商务有限公司", account_manager="陈静")
    ContactReveal.objects.create(
        partner=partner, customer=customer, actor=chinese_partner["admin"], field="mobile"
    )
    return {"customer": customer, "sub": reseller.customers.get()}


def test_the_customer_pages_read_in_chinese(client, chinese_partner, chinese_customers):  # noqa: F811
    sign_in(client, chinese_partner["admin"], **ZH)
    customer, sub = chinese_customers["customer"], chinese_customers["sub"]
    pages = {
        "/customers/": ["客户管理", "客户名称", "客户账号", "关联类型", "关联时间", "客户经理", "二级经销商",
                        "行业", "等级", "可用额度", "折扣", "已关联", "金融", "138****5678"],
        reverse("customers:customer", args=[customer.pk]): [
            "基本信息", "可用额度", "折扣", "历史记录", "查看了手机号码",
        ],
        reverse("customers:sub_customers"): ["云经销商的子客户", "宁波汇通电子商务有限公司"],
        reverse("customers:customer", args=[sub.pk]): ["只能查看其基本信息", "联系"],
        reverse("customers:reveals"): ["联系方式查看记录", "查看人", "手机号码"],
    }  # fmt: skip
    for url, terms in pages.items():
        html = client.get(url, **ZH).content.decode()
        assert '<html lang="zh-Hans">' in html
        for term in terms:
            assert term in html, (url, term)
        assert chinese_only(html) == [], url
