"""What both MDF workflows share: the transition check and the audit event.

A transition table maps action -> (statuses it starts from, status it ends in, statuses in
which it is already done). `check` answers False for a repeat (a no-op success) and raises
Conflict for a wrong start; `record` writes the append-only event in the caller's transaction.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeAlias, TypeVar

from django.db import models
from django.utils.translation import gettext as _

from partner_center.errors import Conflict, InvalidInput

from ..models import MdfEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Actor: TypeAlias = "User | None"  # None: the system (the daily deadline job)
PartnerUser: TypeAlias = "User"  # a signed-in partner user: the partner's own actions
Table: TypeAlias = Mapping[str, tuple[frozenset[str], str, frozenset[str]]]
T = TypeVar("T", bound=models.Model)

REASON_MAX = 2000


@dataclass(frozen=True)
class Transition(Generic[T]):
    obj: T
    changed: bool


def check(table: Table, action: str, status: str, labels: type[models.TextChoices]) -> bool:
    """True if the action may run now, False if it is already done; Conflict otherwise."""
    sources, _to, done = table[action]
    if status in done:
        return False
    if status not in sources:
        raise Conflict(
            _("This is not possible while the status is %(status)s (possible from: %(sources)s).")
            % {
                "status": labels(status).label,
                "sources": ", ".join(str(labels(s).label) for s in sorted(sources)),
            }
        )
    return True


def clean_reason(reason: str, *, required: bool) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise InvalidInput(_("Please give a reason."))
    if len(reason) > REASON_MAX:
        raise InvalidInput(_("The reason may be at most %(max)d characters.") % {"max": REASON_MAX})
    return reason


def record(
    *,
    application_id: int,
    action: str,
    old: str,
    new: str,
    actor: Actor,
    reason: str = "",
    claim_id: int | None = None,
) -> MdfEvent:
    return MdfEvent.objects.create(
        application_id=application_id,
        claim_id=claim_id,
        action=action,
        old_status=old,
        new_status=new,
        actor=actor,
        actor_label=actor.get_username() if actor is not None else _("System"),
        reason=reason,
    )
