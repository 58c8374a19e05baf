"""The operators' Django admin for incentives, one module per topic. Importing them registers them."""

from . import catalogue, exports, feedback, reminders, review, statements  # noqa: F401
