"""Two partners reporting the same company at the same moment: exactly one report is accepted
(the company's row lock, and behind it the one-pending-report constraint). PostgreSQL only."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import DatabaseError, connection, connections

from customers.models import CustomerReport, CustomerReportEvent
from customers.services.reports import report_approve, report_submit
from partner_center.errors import Conflict
from tests import factories

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(users, company, run=None):
    barrier = Barrier(len(users))

    def submit(user):
        try:
            barrier.wait()
            report_submit(user=user, company_id=company.pk, expected_spend="1000.00")
            return "accepted"
        except Conflict as error:
            return error.message
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(users)) as pool:
        return list(pool.map(submit, users))


def test_two_partners_reporting_at_once_give_exactly_one_accepted_report():
    company = factories.CompanyFactory()
    users = [factories.member(factories.PartnerFactory(name=f"P{n}"), "sales") for n in range(2)]
    for _attempt in range(5):  # a race that passes once by luck would not pass five times
        results = race(users, company)
        assert results.count("accepted") == 1, results
        assert "Another partner reported this company" in next(r for r in results if r != "accepted")
        pending = CustomerReport.objects.get(status="pending")
        assert pending.events.count() == 1
        with connection.cursor() as cursor:  # free the company for the next attempt
            cursor.execute(
                "UPDATE customers_customerreport SET status = 'rejected' WHERE id = %s", [pending.pk]
            )


def test_ten_partners_at_once_give_one_report_and_one_approval_one_customer():
    company = factories.CompanyFactory()
    users = [factories.member(factories.PartnerFactory(name=f"Q{n}"), "admin") for n in range(10)]
    results = race(users, company)
    assert results.count("accepted") == 1
    assert CustomerReport.objects.count() == 1 and CustomerReportEvent.objects.count() == 1
    made = CustomerReport.objects.get()
    barrier = Barrier(5)

    def approve(_n):
        try:
            barrier.wait()
            return report_approve(report_id=made.pk, actor=None).changed
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=5) as pool:
        assert sorted(pool.map(approve, range(5))) == [False, False, False, False, True]
    assert company.customers.count() == 1


def test_the_database_refuses_to_edit_or_delete_report_events():
    partner = factories.PartnerFactory()
    report_submit(
        user=factories.member(partner, "admin"), company_id=factories.CompanyFactory().pk, expected_spend="1"
    )
    with pytest.raises(DatabaseError, match="append-only"), connection.cursor() as cursor:
        cursor.execute("UPDATE customers_customerreportevent SET id = id")
    with pytest.raises(DatabaseError, match="append-only"), connection.cursor() as cursor:
        cursor.execute("DELETE FROM customers_customerreportevent")
