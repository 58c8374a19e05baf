"""Twenty issues racing for one quota on PostgreSQL never overdraw it."""

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from threading import Barrier

import pytest
from django.db import connection

from partner_center.errors import Conflict
from vouchers.models import OperationRecord, Voucher

from .conftest import issued, quota_for

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ISSUES = 20


def test_twenty_concurrent_issues_never_overdraw_the_quota(vouchers_setup):
    s = vouchers_setup
    quota = quota_for(s["distributor"], amount="1000.00", number="VQRACE")
    users = [s["admin"], s["sales"]]
    barrier = Barrier(ISSUES)

    def issue(number):
        barrier.wait(timeout=30)
        try:
            return ("issued", issued(users[number % 2], quota, s["customer"], "150.00").pk)
        except Conflict as error:
            return ("refused", error.code)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=ISSUES) as pool:
        results = list(pool.map(issue, range(ISSUES)))

    made = [value for outcome, value in results if outcome == "issued"]
    refused = [value for outcome, value in results if outcome == "refused"]
    assert len(made) == 6 and refused == ["quota_short"] * (ISSUES - 6)  # 6 x 150 fit in 1000
    quota.refresh_from_db()
    assert quota.issued_amount == Decimal("900.00") and quota.remaining_amount == Decimal("100.00")
    assert Voucher.objects.filter(quota=quota).count() == 6
    assert OperationRecord.objects.filter(quota=quota, result="succeeded").count() == 6
    assert OperationRecord.objects.filter(quota=quota, result="failed").count() == ISSUES - 6


def test_the_database_refuses_an_overdraw_even_without_the_lock(vouchers_setup):
    from django.db import IntegrityError

    quota = vouchers_setup["quota"]
    with pytest.raises(IntegrityError):
        type(quota).objects.filter(pk=quota.pk).update(issued_amount=Decimal("1000.01"))
