"""Which fields of a model only its services write ("service-owned"), as each model declares them.

A model of the project says it in one class attribute, next to its fields:

    SERVICE_OWNED_FIELDS = ("status", "total", ...)   # these; the rest are people's data
    SERVICE_OWNED_FIELDS = ALL                        # every field: audit rows, jobs, totals
    SERVICE_OWNED_FIELDS = ()                         # none: data that staff maintain by hand

Every model of the project's apps declares it (tests/hardening/test_admin_read_only.py checks
that a new model does too); models of other packages are declared in OTHER_MODELS below. The
admin shows these fields read-only (partner_center/admin_read_only.py), and the same test walks
every registered admin, as a superuser and as each staff group, to prove none is editable.
"""

from typing import Any

ALL = "__all__"

# Models we do not own: what Django and the libraries write themselves (a library not
# installed is simply never looked up).
OTHER_MODELS: dict[str, tuple[str, ...] | str] = {
    "auth.user": ("last_login", "date_joined"),  # the sign-in and the account's creation
    "knox.authtoken": ("digest", "token_key", "created", "expiry"),  # made with the token
    "axes.accessattempt": ALL,  # sign-in throttling's records
    "axes.accesslog": ALL,
    "axes.accessfailurelog": ALL,
}


def declared(model: Any) -> tuple[str, ...] | str | None:
    """What the model itself declares (a proxy inherits its model's); None: nothing declared."""
    own = getattr(model, "SERVICE_OWNED_FIELDS", None)
    if own is not None:
        return own
    return OTHER_MODELS.get(model._meta.concrete_model._meta.label_lower)


def service_owned_fields(model: Any) -> frozenset[str]:
    """The names of the model's service-owned fields (ALL expanded to every field but the id)."""
    names = declared(model) or ()
    if names == ALL:
        fields = [*model._meta.concrete_model._meta.fields, *model._meta.concrete_model._meta.many_to_many]
        return frozenset(field.name for field in fields if not field.primary_key)
    return frozenset(names)
