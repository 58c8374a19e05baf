"""The admin speaks the operator's language: the portal's switch (in the admin's user tools and
on its sign-in page), the stored choice and the language cookie, with our own customisations
(titles, actions, buttons, messages, counts) translated like Django's own admin."""

import re
from html import unescape
from pathlib import Path

import pytest
from django.contrib import messages as levels
from django.test import Client
from django.urls import reverse

from customers.models import UserPreference
from tests.i18n import pofile

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
CATALOG = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
QUEUE = reverse("admin:incentives_payoutreview_changelist")


def text_of(response):
    """What a person reads on the page: its text, button labels and tooltips (not the markup)."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    labels = re.findall(r'<input[^>]*type="(?:submit|button)"[^>]*value="([^"]*)"', body)
    labels += re.findall(r'(?:placeholder|title|aria-label)="([^"]*)"', body)
    return unescape(" ".join([re.sub(r"<[^>]+>", " ", body), *labels]))


def said(response):
    return [(m.level, str(m)) for m in response.context["messages"]]


def test_an_operator_who_picks_chinese_gets_the_admin_in_chinese(client, operator, bills):
    client.force_login(operator)
    english = client.get(reverse("admin:index"), **EN)
    assert 'data-testid="language-switch"' in english.content.decode() and "简体中文" in text_of(english)
    assert "Bills waiting for payout review" in text_of(english)

    switched = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/admin/"}, **EN)

    assert switched.status_code == 302 and switched.url == "/admin/"
    assert UserPreference.objects.get(user=operator).language == "zh-hans"
    index = client.get(reverse("admin:index"), **EN)  # the browser still asks for English
    page = text_of(index)
    assert '<html lang="zh-hans"' in index.content.decode()
    assert "伙伴中心运营" in page and "待发放审核的账单" in page and "时间均为 " in page
    assert "注销" in page and "修改密码" in page  # Django's own admin strings, in the same language
    queue = text_of(client.get(QUEUE, **EN))
    assert "审核通过发放（发放中 → 发放成功）" in queue and "退回合作伙伴（附原因和新的截止时间）" in queue

    # a bulk action's result and a refusal, as the operator reads them
    approved = client.post(
        f"{QUEUE}?status=all",
        {"action": "approve_payout", "_selected_action": [bills["by_partner"].pk, bills["pending"].pk]},
        follow=True,
        **EN,
    )
    (success, success_text), (warning, warning_text) = said(approved)
    assert (success, success_text) == (levels.SUCCESS, "已审核通过 1 笔发放。")
    assert warning == levels.WARNING and "待确认" in warning_text


def test_the_language_cookie_alone_gives_the_admin_in_chinese(operator):
    client = Client()
    client.cookies["django_language"] = "zh-hans"  # chosen on the sign-in page, nothing stored
    login = text_of(client.get(reverse("admin:login"), **EN))
    assert "伙伴中心运营" in login and "简体中文" in login
    client.force_login(operator)
    assert "待发放审核的账单" in text_of(client.get(reverse("admin:index"), **EN))
    assert not UserPreference.objects.filter(user=operator).exists()


def test_no_admin_customisation_of_ours_is_left_in_english_on_the_chinese_admin(client, operator, bills):
    """Every msgid that only our admin code and templates use, looked for on the Chinese pages."""
    ours = [
        entry.msgid
        for entry in pofile.read(CATALOG)
        if entry.comments
        and all(
            "incentives/admin/" in ref or "templates/admin/" in ref
            for line in entry.comments
            if line.startswith("#:")
            for ref in line[2:].split()
        )
        and len(entry.msgid) >= 8
        and "%" not in entry.msgid
        and "{" not in entry.msgid
    ]
    assert len(ours) > 10
    UserPreference.objects.create(user=operator, language="zh-hans")
    client.force_login(operator)
    bill = bills["by_partner"]
    pages = [
        reverse("admin:index"),
        f"{QUEUE}?status=all",
        reverse("admin:incentives_payoutreview_change", args=[bill.pk]),
        reverse("admin:incentives_payoutreview_return", args=[bill.pk]),
        reverse("admin:incentives_statement_change", args=[bill.pk]),
        reverse("admin:incentives_feedbackline_changelist"),
        reverse("admin:incentives_exportjob_changelist"),
    ]
    shown = ""
    for url in pages:
        response = client.get(url, **EN)
        assert response.status_code == 200, url
        shown += text_of(response)
    left = [msgid for msgid in ours if msgid in shown]
    assert left == [], f"English on the Chinese admin: {left}"
    assert "明细反馈" in shown and "发放审核" in shown
