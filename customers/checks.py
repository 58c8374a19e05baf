"""Deployment check: signed-in sessions must live in a cache that all web processes share."""

from django.conf import settings
from django.core import checks

PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@checks.register(checks.Tags.security, deploy=True)
def sessions_use_a_shared_cache(app_configs, **kwargs):
    cached = settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    if cached and settings.CACHES["default"]["BACKEND"] in PER_PROCESS_CACHES:
        return [
            checks.Warning(
                "Sessions are cached in a per-process cache: with several web processes a signed-out "
                "session would stay valid in the others.",
                hint="Set CACHE_URL to the Redis server (e.g. redis://redis:6379/1).",
                id="customers.W001",
            )
        ]
    return []
