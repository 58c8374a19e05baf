"""A customer's page lists its vouchers expiring within 7 days, with their amounts in the
portal's money format; only the partner's own, active, not used up."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from vouchers.models import Voucher
from vouchers.selectors.vouchers import vouchers_expiring_for

from .conftest import issued, quota_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def expiring(vouchers_setup):
    s = vouchers_setup
    admin, customer = s["admin"], s["customer"]
    quota = quota_for(s["distributor"], amount="5000.00", number="VQPAGE")
    made = {
        "today": issued(admin, quota, customer, "1234.50", days=0),
        "in_7": issued(admin, quota, customer, "20.00", days=7),
        "in_3_partly_used": issued(admin, quota, customer, "30.00", days=3),
        "in_8": issued(admin, quota, customer, "40.00", days=8),
        "recalled": issued(admin, quota, customer, "50.00", days=2),
        "used_up": issued(admin, quota, customer, "60.00", days=2),
        "other_customer": issued(admin, quota, s["other_customer"], "70.00", days=2),
    }
    Voucher.objects.filter(pk=made["in_3_partly_used"].pk).update(used_amount=Decimal("12.25"))
    Voucher.objects.filter(pk=made["used_up"].pk).update(used_amount=Decimal("60.00"))
    Voucher.objects.filter(pk=made["recalled"].pk).update(status="recalled")
    return made


def test_the_selector_keeps_the_customers_live_vouchers_of_the_next_7_days(vouchers_setup, expiring):
    s = vouchers_setup
    found = vouchers_expiring_for(s["sales"], s["customer"], timezone.localdate())
    assert [v.pk for v in found] == [expiring[k].pk for k in ("today", "in_3_partly_used", "in_7")]
    assert not vouchers_expiring_for(s["rival_admin"], s["customer"], timezone.localdate()).exists()
    tomorrow = timezone.localdate() + timedelta(days=1)  # today's voucher has expired by then
    assert expiring["today"].pk not in [
        v.pk for v in vouchers_expiring_for(s["admin"], s["customer"], tomorrow)
    ]


def test_the_customer_page_shows_them_with_their_amounts(client, vouchers_setup, expiring):
    s = vouchers_setup
    client.force_login(s["sales"])
    page = client.get(f"/customers/{s['customer'].pk}/").content.decode()
    assert "Vouchers expiring within 7 days" in page
    assert page.count('data-testid="expiring-voucher"') == 3
    assert expiring["today"].number in page and expiring["in_8"].number not in page
    assert expiring["other_customer"].number not in page and expiring["recalled"].number not in page
    assert "CNY 1,234.50" in page  # the face value, in the money format of the voucher pages
    assert 'data-testid="expiring-voucher-unused">CNY 17.75<' in page  # 30.00 less 12.25 used
    assert f'href="/vouchers/{expiring["in_7"].number}/"' in page


def test_a_customer_without_any_says_so_in_chinese_too(client, vouchers_setup):
    from customers.models import UserPreference

    s = vouchers_setup
    client.force_login(s["admin"])
    page = client.get(f"/customers/{s['other_customer'].pk}/").content.decode()
    assert 'data-testid="no-expiring-vouchers"' in page
    UserPreference.objects.update_or_create(user=s["admin"], defaults={"language": "zh-hans"})
    page = client.get(f"/customers/{s['other_customer'].pk}/").content.decode()
    assert "7 天内到期的代金券" in page and "该客户在此期间没有到期的代金券。" in page
