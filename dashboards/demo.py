"""The dashboards' demo data (seed_demo calls it last): the daily jobs run once, so the customer
dashboard has figures, Customer alerts has alerts and Indicators has values; demo-sales is the
account manager Li Wei."""

from django.contrib.auth import get_user_model

from .models import Indicator
from .services.alerts import alerts_derive
from .services.customer_stats import customer_stats_refresh_all

INDICATORS = [
    ("REV-M", "Monthly revenue", "All customers", "revenue_sum", "month"),
    ("REV-Q", "Quarterly revenue", "All customers", "revenue_sum", "quarter"),
    ("NEW-Y", "New customers this year", "All customers", "new_customers", "year"),
    ("PAY-Q", "Paying customers per quarter", "All customers", "paying_customers", "quarter"),
    ("GRO-M", "Monthly revenue growth", "All customers", "growth_rate", "month"),
]


def seed_dashboards() -> None:
    user = get_user_model().objects.filter(username="demo-sales", first_name="").first()
    if user is not None:
        user.first_name, user.last_name = "Li", "Wei"  # one of the demo lines' account managers
        user.save(update_fields=["first_name", "last_name"])
    for code, name, scope, method, period in INDICATORS:
        Indicator.objects.get_or_create(
            code=code, defaults={"name": name, "scope": scope, "method": method, "period_kind": period}
        )
    customer_stats_refresh_all()
    alerts_derive()
    from .services.indicators import indicators_compute

    indicators_compute()
