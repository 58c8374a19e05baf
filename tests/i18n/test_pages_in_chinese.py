"""A zh-CN browser gets the portal in Simplified Chinese, with no English left on the pages."""

import re
from html.parser import HTMLParser

import pytest

from .conftest import EN, ZH, sign_in

pytestmark = pytest.mark.django_db

# Latin words a Chinese page may show: codes, identifiers and names that are data, not text.
ALLOWED = {
    "ID",
    "RSL",
    "ECS",
    "CNY",
    "Asia",
    "Shanghai",
    "English",
    "Excel",
    "xlsx",
    "CSV",
    "csv",
    "YYYY",
    "MM",
    "zhang",
    "li",
    "CS",
    "API",  # the account menu's API 令牌 (API tokens)
    # MDF pages: the vendor's Chinese pages say MDF (MDF申请, MDF申领); file kinds and sizes
    "MDF",
    "JPEG",
    "PNG",
    "PDF",
    "MB",
}


class VisibleText(HTMLParser):
    """The text a person reads: text nodes (not scripts or styles) and labelling attributes."""

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("title", "aria-label", "placeholder", "alt") or name.startswith("data-text"):
                self.parts.append(value or "")
            if tag == "input" and name == "value" and ("type", "submit") in attrs:
                self.parts.append(value or "")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def english_left(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    text = " ".join(parser.parts)
    # data, not text: periods and dates, incentive IDs, the factories' customer accounts, files
    text = re.sub(r"\d{4}-\d{2}(-\d{2})?|INC-[\w-]+|acct\d+|%\(\w+\)s|\S+\.(xlsx|csv)\b", " ", text)
    return sorted({word for word in re.findall(r"[A-Za-z]{2,}", text) if word not in ALLOWED})


@pytest.mark.parametrize(
    ("url", "terms"),
    [
        ("/incentives/summary/", ["汇总", "确认账单", "对账期", "激励ID", "待确认", "激励金额"]),
        ("/incentives/details/?period=2026-10", ["明细", "对账期", "订单号", "客户名称", "客户账号", "反馈"]),
        ("/incentives/exports/", ["导出记录", "按对账期导出", "对账期"]),
        ("/", ["激励管理", "总览", "待确认"]),
    ],
)
def test_a_zh_cn_browser_gets_chinese_pages_without_english_leftovers(client, chinese_partner, url, terms):
    sign_in(client, chinese_partner["admin"], **ZH)
    response = client.get(url, **ZH)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-Hans">' in html
    assert response.headers["Content-Language"] == "zh-hans"
    for term in terms:
        assert term in html, term
    menu = html.split('<aside class="sidemenu', 1)[1].split("</aside>", 1)[0]
    assert "汇总" in menu and "Summary" not in menu and "概览" not in menu  # not Django's Overview
    assert english_left(html) == []


def test_the_line_and_incentive_pages_are_chinese_too(client, chinese_partner):
    sign_in(client, chinese_partner["admin"], **ZH)
    incentive = chinese_partner["statement"].incentives.get()
    page = client.get(f"/incentives/incentive/{incentive.incentive_id}/", **ZH).content.decode()
    assert "激励政策" in page and "激励计算" in page and "舍入规则" in page and "四舍五入" in page
    assert english_left(page) == []
    line = incentive.lines.first()
    page = client.get(f"/incentives/details/{line.pk}/", **ZH).content.decode()
    assert "明细行详情" in page
    assert english_left(page) == []


def test_anonymous_users_get_the_browsers_language(client, db):
    chinese = client.get("/accounts/login/", **ZH).content.decode()
    assert '<html lang="zh-Hans">' in chinese and "登录伙伴中心" in chinese
    assert english_left(chinese) == []
    english = client.get("/accounts/login/", **EN).content.decode()
    assert '<html lang="en">' in english and "Sign in to Partner Center" in english


def test_the_leftover_check_sees_english(chinese_partner):
    assert english_left("<p>汇总 Summary <span title='Confirm'>确认</span> RSL 2026-10</p>") == [
        "Confirm",
        "Summary",
    ]
