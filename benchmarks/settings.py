"""The portal's settings plus the benchmark commands and their reference URLs."""

from partner_center.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks"]  # noqa: F405
ROOT_URLCONF = "benchmarks.urls"
