"""The language switch: the next page in the chosen language, remembered for the user (on
another browser too), in the cookie; the API and e-mails speak the user's language."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.template import Context, Template
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from rest_framework.test import APIClient

from customers.languages import user_language
from customers.models import UserPreference
from incentives.models import Statement
from incentives.services.reminders import reminders_send_due
from partner_center import formatting
from tests import factories

from .conftest import EN, ZH, sign_in

pytestmark = pytest.mark.django_db


def switch(client, language, next_url, **headers):
    return client.post("/i18n/setlang/", {"language": language, "next": next_url}, **headers)


def test_the_switch_changes_the_next_page_and_is_remembered_for_the_user(client, chinese_partner):
    admin = chinese_partner["admin"]
    sign_in(client, admin, **EN)
    page = client.get("/incentives/summary/", **EN).content.decode()
    assert '<html lang="en">' in page and 'data-testid="language-switch"' in page
    assert 'name="next" value="/incentives/summary/"' in page and "简体中文" in page

    response = switch(client, "zh-hans", "/incentives/summary/", **EN)
    assert response.status_code == 302 and response.url == "/incentives/summary/"
    assert response.cookies["django_language"].value == "zh-hans"
    page = client.get("/incentives/summary/", **EN).content.decode()
    assert '<html lang="zh-Hans">' in page and "确认账单" in page
    assert UserPreference.objects.get(user=admin).language == "zh-hans"

    # Another browser, English, no cookie: the user's choice wins, and the cookie follows it.
    other = Client()
    signed_in = sign_in(other, admin, **EN)
    assert signed_in.cookies["django_language"].value == "zh-hans"
    other.cookies.pop("django_language")
    assert "汇总" in other.get("/incentives/summary/", **EN).content.decode()

    switch(other, "en", "/incentives/details/", **EN)
    assert UserPreference.objects.get(user=admin).language == "en"
    assert '<html lang="en">' in other.get("/incentives/details/", **ZH).content.decode()


def test_the_switch_needs_a_post_with_csrf_and_a_known_language(chinese_partner):
    client = Client(enforce_csrf_checks=True)
    sign_in_csrf = client.get("/accounts/login/")
    assert sign_in_csrf.status_code == 200
    assert client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"}).status_code == 403
    assert Client().get("/i18n/setlang/?language=zh-hans").status_code == 405
    other = Client()
    sign_in(other, chinese_partner["admin"])
    switch(other, "xx", "/")
    assert not UserPreference.objects.filter(user=chinese_partner["admin"]).exists()


def test_anonymous_switch_sets_only_the_cookie(client, db):
    response = switch(client, "zh-hans", "/accounts/login/")
    assert response.cookies["django_language"].value == "zh-hans"
    assert "登录伙伴中心" in client.get("/accounts/login/", **EN).content.decode()
    assert not UserPreference.objects.exists()


def test_the_signed_in_user_and_the_language_cost_one_query(client, chinese_partner):
    UserPreference.objects.create(user=chinese_partner["admin"], language="zh-hans")
    sign_in(client, chinese_partner["admin"])
    client.get("/incentives/exports/")  # warm the session cache
    with CaptureQueriesContext(connection) as queries:
        client.get("/accounts/password/")
    user_queries = [q["sql"] for q in queries.captured_queries if "auth_user" in q["sql"]]
    assert len(user_queries) == 1 and "customers_userpreference" in user_queries[0]


def test_api_messages_follow_accept_language(chinese_partner):
    statement = chinese_partner["statement"]
    api = APIClient()
    api.force_authenticate(chinese_partner["viewer"])
    refused = api.post(f"/api/v1/statements/{statement.pk}/confirm/", HTTP_ACCEPT_LANGUAGE="zh-Hans")
    assert refused.status_code == 403
    assert refused.json()["detail"] == "您的角色不能确认账单；请联系本合作伙伴的管理员或财务用户。"
    assert refused.headers["Content-Language"] == "zh-hans"
    bad = api.get("/api/v1/details/", {"period": "10-2026"}, HTTP_ACCEPT_LANGUAGE="zh-Hans").json()
    assert "不是有效的对账期" in str(bad)
    english = api.post(f"/api/v1/statements/{statement.pk}/confirm/", HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["detail"].startswith("Your role may not confirm bills")
    anonymous = APIClient().get("/api/v1/incentives/", HTTP_ACCEPT_LANGUAGE="zh-Hans")
    assert anonymous.status_code in (401, 403) and "身份认证信息未提供" in anonymous.json()["detail"]


def test_reminders_go_out_in_each_users_language(chinese_partner):
    statement = chinese_partner["statement"]
    Statement.objects.filter(pk=statement.pk).update(confirmation_deadline=timezone.now() + timedelta(days=2))
    finance = factories.member(chinese_partner["partner"], "finance", username="wang")
    UserPreference.objects.create(user=chinese_partner["admin"], language="zh-hans")
    reminders_send_due()
    by_user = {message.to[0]: message for message in mail.outbox}
    chinese, english = by_user[chinese_partner["admin"].email], by_user[finance.email]
    assert chinese.subject.startswith("请在") and "2026-10 的激励账单" in chinese.subject
    assert "仍待确认" in chinese.body and "账单总额: CNY 111.73" in chinese.body
    assert english.subject.startswith("Please confirm") and "still pending" in english.body
    assert user_language(chinese_partner["admin"]) == "zh-hans" and user_language(finance) is None


def test_numbers_and_times_read_the_same_in_chinese(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    moment = datetime(2026, 10, 31, 16, 0, tzinfo=UTC)
    template = Template(
        "{% load display %}{{ a|money:'CNY' }} | {{ r|rate }} | {{ n|thousands }} | {{ t|when }}"
    )
    context = Context({"a": Decimal("1234.5"), "r": Decimal("0.0725"), "n": 12345, "t": moment})
    with translation.override("zh-hans"):
        assert template.render(context) == "CNY 1,234.50 | 7.25% | 12,345 | 2026-11-01 00:00 Asia/Shanghai"
        assert formatting.money(Decimal("1234.5")) == "1,234.50"
        assert (
            Template("{{ t|date:'DATE_FORMAT' }} {{ t|date:'YEAR_MONTH_FORMAT' }}").render(
                Context({"t": moment})
            )
            == "2026-11-01 2026年11月"
        )
