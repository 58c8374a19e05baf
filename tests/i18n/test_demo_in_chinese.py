"""The demo has a Chinese partner user who sees the portal, and Chinese data, in Chinese."""

import pytest
from django.contrib.auth import get_user_model

from customers.languages import user_language
from incentives.demo import DEFAULT_PASSWORD, seed_demo
from incentives.models import FeedbackMessage, IncentiveProgram

from .conftest import EN

pytestmark = pytest.mark.django_db


def test_demo_zh_is_an_admin_of_the_distributor_and_reads_chinese(client):
    seed_demo(details=300)
    seed_demo(details=300)  # idempotent, the language stays
    user = get_user_model().objects.get(username="demo-zh")
    assert user.membership.partner.name == "Demo Distributor" and user.membership.role == "admin"
    assert user_language(user) == "zh-hans"
    assert all("按月结算" in p.policy for p in IncentiveProgram.objects.all())
    assert FeedbackMessage.objects.filter(author=user, text__contains="激励比例").exists()

    client.post("/accounts/login/", {"username": "demo-zh", "password": DEFAULT_PASSWORD}, **EN)
    page = client.get("/incentives/summary/?status=pending_confirmation", **EN).content.decode()
    assert '<html lang="zh-Hans">' in page and "确认账单" in page
    details = client.get("/incentives/details/", **EN).content.decode()
    assert "有限公司" in details and "明细" in details
