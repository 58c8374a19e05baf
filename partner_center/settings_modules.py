"""Settings of the modules beyond incentives (customers, MDF), read from the environment like
the rest (README.md, "Configuration"). Imported by settings.py before the beat schedule."""

import environ
from celery.schedules import crontab

env = environ.Env()
__all__ = [
    "AUTHORISATION_EXPIRY_DAYS",
    "AUTHORISATION_EXPIRY_SWEEP_SECONDS",
    "CLAMD_SOCKET",
    "CLAMD_HOST",
    "CLAMD_PORT",
    "CLAMD_TIMEOUT",
    "MDF_DEADLINE_SWEEP_SECONDS",
    "DASHBOARDS_DAILY_HOUR",
    "DASHBOARDS_BEAT",
    "MODULES_BEAT",
    "ALERT_CHURN_DROP",
    "ALERT_EXPIRY_DAYS",
    "ALERT_IDLE_DAYS",
    "ALERT_QUOTA_SHARE",
    "CUSTOMER_REPORT_VALIDITY_DAYS",
    "CUSTOMER_REPORT_EXPIRY_SWEEP_SECONDS",
    "DEMO_COMPANIES",
    "CUSTOMER_CODE_MINUTES",
    "RENEWAL_DIGEST_HOUR",
    "VOUCHER_EXPIRY",
]

# --- Customers ------------------------------------------------------------------------------
AUTHORISATION_EXPIRY_DAYS = env.int("AUTHORISATION_EXPIRY_DAYS", default=14)  # unanswered requests expire
AUTHORISATION_EXPIRY_SWEEP_SECONDS = env.float("AUTHORISATION_EXPIRY_SWEEP_SECONDS", default=3600.0)
# a customer report (报备) holds its company for the partner this many days while operators review it
CUSTOMER_REPORT_VALIDITY_DAYS = env.int("CUSTOMER_REPORT_VALIDITY_DAYS", default=30)
CUSTOMER_REPORT_EXPIRY_SWEEP_SECONDS = env.float("CUSTOMER_REPORT_EXPIRY_SWEEP_SECONDS", default=3600.0)
# the customer's verification code (and its signed link) for approving or revoking an authorisation
CUSTOMER_CODE_MINUTES = env.int("CUSTOMER_CODE_MINUTES", default=60)
DEMO_COMPANIES = env.int("DEMO_COMPANIES", default=50_000)  # seed_demo's enterprise encyclopedia
# local hour from which the account managers' daily renewal digest goes out (beat tries hourly
# from then until midnight; each manager's digest is sent once a day)
RENEWAL_DIGEST_HOUR = env.int("RENEWAL_DIGEST_HOUR", default=8)

# --- MDF (mdf/) -----------------------------------------------------------------------------
CLAMD_SOCKET = env.str("CLAMD_SOCKET", default="")  # e.g. /run/clamav/clamd.ctl; empty: no scan
CLAMD_HOST = env.str("CLAMD_HOST", default="")
CLAMD_PORT = env.int("CLAMD_PORT", default=3310)
CLAMD_TIMEOUT = env.float("CLAMD_TIMEOUT", default=30.0)
MDF_DEADLINE_SWEEP_SECONDS = env.float("MDF_DEADLINE_SWEEP_SECONDS", default=3600.0)

# --- Dashboards and customer alerts (dashboards/) -------------------------------------------
DASHBOARDS_DAILY_HOUR = env.int("DASHBOARDS_DAILY_HOUR", default=1)  # local hour of the daily jobs
ALERT_CHURN_DROP = env.float("ALERT_CHURN_DROP", default=0.5)  # spend down more than this share
ALERT_EXPIRY_DAYS = env.int("ALERT_EXPIRY_DAYS", default=15)  # resources expiring within N days
ALERT_IDLE_DAYS = env.int("ALERT_IDLE_DAYS", default=30)  # no consumption for N days
ALERT_QUOTA_SHARE = env.float("ALERT_QUOTA_SHARE", default=0.1)  # quota left below this share of budget
# settings.py's CELERY_BEAT_SCHEDULE takes these; each job is idempotent, a rerun is harmless
DASHBOARDS_BEAT = {
    "dashboards-customer-stats": {
        "task": "dashboards.tasks.refresh_customer_stats",
        "schedule": crontab(minute=0, hour=DASHBOARDS_DAILY_HOUR),
    },
    "dashboards-customer-alerts": {
        "task": "dashboards.tasks.derive_customer_alerts",
        "schedule": crontab(minute=15, hour=DASHBOARDS_DAILY_HOUR),
    },
    "dashboards-indicators": {
        "task": "dashboards.tasks.compute_indicators",
        "schedule": crontab(minute=30, hour=DASHBOARDS_DAILY_HOUR),
    },
}
# --- Vouchers (vouchers/) -------------------------------------------------------------------
# the daily job recalling vouchers past their last valid day (local time, settings.TIME_ZONE)
VOUCHER_EXPIRY = crontab(minute=15, hour=0)

# --- The modules' beat jobs (settings.py's CELERY_BEAT_SCHEDULE takes them all) --------------
MODULES_BEAT = {
    "expire-authorisations": {
        "task": "customers.tasks.expire_authorisations",
        "schedule": AUTHORISATION_EXPIRY_SWEEP_SECONDS,
        "options": {"expires": AUTHORISATION_EXPIRY_SWEEP_SECONDS},
    },
    "renewal-digests": {  # e-mail each account manager the renewals due in 7 / 15 / 30 days
        "task": "customers.tasks.send_renewal_digests",
        "schedule": crontab(minute=5, hour=f"{RENEWAL_DIGEST_HOUR}-23"),
    },
    "expire-customer-reports": {  # customer reports (报备) left pending past their validity
        "task": "customers.tasks.expire_customer_reports",
        "schedule": CUSTOMER_REPORT_EXPIRY_SWEEP_SECONDS,
        "options": {"expires": CUSTOMER_REPORT_EXPIRY_SWEEP_SECONDS},
    },
    # Payment requests: holds from the arrears list daily at 01:00, automatic requests on the 1st.
    "sync-holds-from-arrears": {
        "task": "invoices.tasks.sync_holds_from_arrears",
        "schedule": crontab(minute=0, hour=1),
    },
    "submit-automatic-payment-requests": {
        "task": "invoices.tasks.submit_automatic_payment_requests",
        "schedule": crontab(minute=0, hour=2, day_of_month=1),
    },
    "recall-expired-vouchers": {"task": "vouchers.tasks.recall_expired_vouchers", "schedule": VOUCHER_EXPIRY},
    # daily in effect: marks overdue claims and sends the 14- and 3-day reminders once each
    "mdf-claim-deadlines": {
        "task": "mdf.tasks.claim_deadlines",
        "schedule": MDF_DEADLINE_SWEEP_SECONDS,
        "options": {"expires": MDF_DEADLINE_SWEEP_SECONDS},
    },
    **DASHBOARDS_BEAT,  # daily: the customer dashboard's figures, then the customer alerts
}
