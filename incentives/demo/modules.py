"""The other modules' demo data, each from its own app's demo module, after the incentives'."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from customers.models import Partner


def seed_other_modules(partners: dict[str, Partner], operator: User) -> None:
    from dashboards.demo import seed_dashboards  # figures and alerts of the daily jobs
    from invoices.demo_contracts import seed_contracts  # offline contracts
    from mdf.demo import seed_mdf
    from vouchers.demo import seed_vouchers

    _demo_payments(partners, operator)
    seed_mdf(partners["P1001"], User.objects.get(username="demo-admin"), operator)
    seed_dashboards()
    seed_vouchers(partners["P1001"])
    seed_contracts(partners["P1001"])


def _demo_payments(partners: dict[str, Partner], operator: User) -> None:
    """Payments, payees, holds, invoice requests: the invoices app's demo (demo.py, invoice_demo.py)."""
    from invoices.demo import seed_payments

    users = get_user_model().objects.in_bulk(["demo-admin", "demo-finance"], field_name="username")
    seed_payments(
        partners=partners, operator=operator, admin=users["demo-admin"], finance=users["demo-finance"]
    )
    from invoices.invoice_demo import seed_invoice_requests  # invoice requests in every status

    seed_invoice_requests(partner=partners["P1001"], finance=users["demo-finance"], operator=operator)
