"""Security settings, read from the environment like the rest (README.md, "Configuration").

Imported by settings.py: sign-in lockout (django-axes), API tokens (django-rest-knox), the
sessions' idle timeout, the Content-Security-Policy (django-csp) and the API's throttles.
"""

from datetime import timedelta

import environ

env = environ.Env()

# Idle timeout: a session not used for this long has ended (its cookie, cache entry and row all
# expire then). Using it slides the expiry, saved at most once per SESSION_REFRESH_SECONDS so a
# signed-in page still costs no session write (customers/idle.py). The page warns
# SESSION_WARNING_SECONDS before the end (static/js/session.js).
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_SECONDS", default=2 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS
SESSION_REFRESH_SECONDS = min(60, SESSION_IDLE_SECONDS // 10)
SESSION_WARNING_SECONDS = env.int("SESSION_WARNING_SECONDS", default=5 * 60)
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Brute-force protection (django-axes): after LOGIN_FAILURE_LIMIT failed sign-ins for one
# username, or from one address, further attempts are refused for LOGIN_LOCKOUT_MINUTES
# (a failure during the lockout starts it again), on the sign-in page, the admin's and the
# API token endpoint. Operators unlock in the admin (Axes > Access attempts: delete).
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=10)
LOGIN_LOCKOUT_MINUTES = env.int("LOGIN_LOCKOUT_MINUTES", default=30)
AXES_COOLOFF_TIME = LOGIN_LOCKOUT_MINUTES / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own
AXES_RESET_ON_SUCCESS = True  # a user who gets in starts from zero
AXES_LOCKOUT_CALLABLE = "customers.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "customers.lockout.client_ip"
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["password"]
# How many proxies in front of gunicorn append to X-Forwarded-For (0: the peer address is the
# client's). Behind one load balancer: 1, or every client shares the balancer's address.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# API tokens (django-rest-knox): stored hashed, each with an expiry, revocable, and all of a
# user's tokens end when the password changes (customers/tokens.py).
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=env.int("API_TOKEN_DAYS", default=30)),
    "AUTH_HEADER_PREFIX": "Token",
    "TOKEN_LIMIT_PER_USER": 20,
}
# ScopedRateThrottle on the token endpoint and on export creation (per user, else per address).
THROTTLE_RATES = {
    "auth_token": env.str("THROTTLE_AUTH_TOKEN", default="20/min"),
    "export_create": env.str("THROTTLE_EXPORT_CREATE", default="30/min"),
}

# Content-Security-Policy (django-csp): only our own scripts and styles, no inline script or
# style, no eval. htmx is configured to need neither (base.html's htmx-config meta).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
