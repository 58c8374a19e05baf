"""The MDF pages in Simplified Chinese, with no English left (data aside)."""

import pytest
from django.urls import reverse

from mdf.models import Claim, Proof
from tests.i18n.conftest import ZH, chinese_partner, sign_in  # noqa: F401 (fixture)
from tests.i18n.test_pages_in_chinese import english_left

from .conftest import approved, claim_ready, draft, quota_for

pytestmark = pytest.mark.django_db


def test_every_mdf_page_is_chinese(client, chinese_partner):  # noqa: F811
    admin = chinese_partner["admin"]
    quota_for(chinese_partner["partner"])
    from tests import factories

    operator = factories.UserFactory(username="运营员", is_staff=True)
    zh = {"plan": "一天的演讲。", "objectives": "一百个商机", "location": "杭州"}
    open_draft = draft(admin, title="华东云峰会", **zh)
    application = approved(
        admin, operator, title="杭州客户培训", **zh, items=[("venue", "8000"), ("catering", "2000")]
    )
    claim = claim_ready(admin, application)
    Claim.objects.filter(pk=claim.pk).update(summary="活动顺利举办。")  # Chinese data: English left is ours
    Proof.objects.update(original_name="现场照片")
    sign_in(client, admin, **ZH)
    pages = {
        reverse("mdf:overview"): ["市场发展基金", "额度", "剩余", "审核通过", "草稿"],
        reverse("mdf:apply"): ["活动方案与协议", "活动名称"],
        reverse("mdf:step", args=[open_draft.pk, 3]): ["预算", "场地", "餐饮"],
        reverse("mdf:application", args=[open_draft.pk]): ["提交审核", "费用项"],
        reverse("mdf:application", args=[application.pk]): ["审核通过", "报销"],
        reverse("mdf:claim", args=[application.pk]): ["证明材料", "签到表", "实际费用", "提交报销"],
    }
    for url, terms in pages.items():
        response = client.get(url, **ZH)
        html = response.content.decode()
        assert response.status_code == 200, url
        for term in terms:
            assert term in html, (url, term)
        assert english_left(html) == [], url
