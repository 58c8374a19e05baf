"""The security settings come from the environment (README.md, "Configuration"), in a fresh
interpreter as in production."""

import json

from tests.project.test_settings import load

PROBE_ENV = {
    "DJANGO_DEBUG": "true",
    "SESSION_IDLE_SECONDS": "900",
    "SESSION_WARNING_SECONDS": "120",
    "LOGIN_FAILURE_LIMIT": "5",
    "LOGIN_LOCKOUT_MINUTES": "15",
    "TRUSTED_PROXY_COUNT": "1",
    "API_TOKEN_DAYS": "7",
    "THROTTLE_AUTH_TOKEN": "5/min",
    "THROTTLE_EXPORT_CREATE": "10/hour",
}


def test_security_settings_follow_the_environment(tmp_path, monkeypatch):
    import tests.project.test_settings as probe

    monkeypatch.setattr(
        probe,
        "PROBE",
        """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({
    "age": s.SESSION_COOKIE_AGE, "warning": s.SESSION_WARNING_SECONDS, "limit": s.AXES_FAILURE_LIMIT,
    "cooloff_hours": s.AXES_COOLOFF_TIME, "proxies": s.TRUSTED_PROXY_COUNT,
    "drf_proxies": s.REST_FRAMEWORK["NUM_PROXIES"], "token_days": s.REST_KNOX["TOKEN_TTL"].days,
    "rates": s.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "tmp": str(s.EXPORT_TMP_DIR),
}))
""",
    )
    result = load(VAR_DIR=str(tmp_path), **PROBE_ENV)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded == {
        "age": 900, "warning": 120, "limit": 5, "cooloff_hours": 0.25, "proxies": 1, "drf_proxies": 1,
        "token_days": 7, "rates": {"auth_token": "5/min", "export_create": "10/hour"},
        "tmp": str(tmp_path / "tmp" / "exports"),
    }  # fmt: skip
