"""The dashboards' demo data (seed_demo calls it last): the daily jobs run once, so the customer
dashboard has figures and Customer alerts has alerts; demo-sales is the account manager Li Wei."""

from django.contrib.auth import get_user_model

from .services.alerts import alerts_derive
from .services.customer_stats import customer_stats_refresh_all


def seed_dashboards() -> None:
    user = get_user_model().objects.filter(username="demo-sales", first_name="").first()
    if user is not None:
        user.first_name, user.last_name = "Li", "Wei"  # one of the demo lines' account managers
        user.save(update_fields=["first_name", "last_name"])
    customer_stats_refresh_all()
    alerts_derive()
