"""The one family of errors a service raises. Each says, in words a person can read, why the
request was refused; partner_center/http_errors.py maps them to HTTP for the API and pages.

    InvalidInput -> 400   the input itself is wrong (a blank reason, an unknown period)
    Forbidden    -> 403   the user's role may not do this
    NotFound     -> 404   no such object among the user's (another partner's reads the same)
    Conflict     -> 409   the object's state forbids it now (confirming an issued bill)
"""

from django.core.exceptions import ValidationError
from django.utils.functional import Promise


class DomainError(Exception):
    """A business rule refused the request; `message` is safe to show to the user."""

    http_status = 400
    default_code = "refused"

    def __init__(self, message: str | Promise, *, code: str | None = None) -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.code = code or self.default_code

    def as_validation_error(self) -> ValidationError:
        """For forms and serializers, which report field problems as ValidationError."""
        return ValidationError(self.message, code=self.code)


class InvalidInput(DomainError):
    http_status = 400
    default_code = "invalid"


class Forbidden(DomainError):
    http_status = 403
    default_code = "forbidden"


class NotFound(DomainError):
    http_status = 404
    default_code = "not_found"


class Conflict(DomainError):
    http_status = 409
    default_code = "conflict"
