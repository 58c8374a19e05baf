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
    "VOUCHER_EXPIRY",
]

# --- Customers ------------------------------------------------------------------------------
AUTHORISATION_EXPIRY_DAYS = env.int("AUTHORISATION_EXPIRY_DAYS", default=14)  # unanswered requests expire
AUTHORISATION_EXPIRY_SWEEP_SECONDS = env.float("AUTHORISATION_EXPIRY_SWEEP_SECONDS", default=3600.0)

# --- MDF (mdf/) -----------------------------------------------------------------------------
CLAMD_SOCKET = env.str("CLAMD_SOCKET", default="")  # e.g. /run/clamav/clamd.ctl; empty: no scan
CLAMD_HOST = env.str("CLAMD_HOST", default="")
CLAMD_PORT = env.int("CLAMD_PORT", default=3310)
CLAMD_TIMEOUT = env.float("CLAMD_TIMEOUT", default=30.0)
MDF_DEADLINE_SWEEP_SECONDS = env.float("MDF_DEADLINE_SWEEP_SECONDS", default=3600.0)

# --- Vouchers (vouchers/) -------------------------------------------------------------------
# the daily job recalling vouchers past their last valid day (local time, settings.TIME_ZONE)
VOUCHER_EXPIRY = crontab(minute=15, hour=0)
