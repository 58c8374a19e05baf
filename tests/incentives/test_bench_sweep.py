from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from incentives.models import Statement, StatementEvent
from tests import factories

pytestmark = pytest.mark.django_db


def test_bench_sweep_times_one_sweep_over_new_overdue_bills():
    out = StringIO()

    call_command("bench_sweep", bills=120, batch_size=50, stdout=out)

    assert "Swept 120 bills in" in out.getvalue() and "bills/s" in out.getvalue()
    assert Statement.objects.filter(status="issuing", partner__code__startswith="B").count() == 120
    assert StatementEvent.objects.filter(actor_label="System (deadline passed)").count() == 120


def test_bench_sweep_refuses_a_database_with_other_overdue_bills():
    factories.overdue_bills(1)
    with pytest.raises(CommandError, match="database of its own"):
        call_command("bench_sweep", bills=10, stdout=StringIO())
    assert Statement.objects.count() == 1
