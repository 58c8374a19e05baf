"""Export kinds: what differs between exports. Everything else is shared.

The job model, the task, Export History, the download views, the API, expiry and the text
rules are the same for every export; a kind only says which rows (a selector taking the job)
and which columns. Each app registers its kinds once, from its AppConfig.ready().
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise

from .columns import Columns


@dataclass(frozen=True)
class ExportKind:
    name: str  # stored on the job (ExportJob.kind, max 40 characters)
    label: str | Promise
    sheet_title: str | Promise  # xlsx: "<title>", "<title> (2)", ...
    # file names start with it: "<stem>-<partner>-<scope>-<time>-<id>.<format>" (translatable)
    file_stem: str | Promise
    columns: Columns
    # The job's rows, scoped to its partner, in a stable order (the file's row order).
    rows: Callable[[Any], QuerySet]
    count_label: str | Promise  # the Summary's line count, e.g. "Detail lines"
    job_total: str | None = None  # the total column kept on the job (shown in Export History)
    # The xlsx Summary's lines about what the job covers (periods, filters, in words), as
    # (label, value) pairs in the active language; the job's partner, requester and time are
    # written for every kind.
    describe: Callable[[Any], list[tuple[str, object]]] | None = None
    # The partner's rows *Export Selected* may name (their ids are checked against these);
    # None: the partner's detail lines.
    selectable: Callable[[Any], QuerySet] | None = None
    # Kinds other than the incentive details: the capability (a name of the capability table)
    # the requester needs, and the check that turns a page's filters into what the job keeps
    # (raising the domain error InvalidInput for a filter it refuses).
    capability: str = "export"
    clean_filters: Callable[[dict], dict] | None = None
    # Each row as read, rewritten in Python before it is written (the customers kind masks names
    # and contacts with customers/masking.py); such a kind's CSV never takes PostgreSQL's COPY
    # path, which would write the stored values.
    rewrite: Callable[[Sequence], list] | None = None
    # A kind whose jobs only users with this capability see in Export History and download (the
    # customers export: admins only); None: every user of the partner sees them.
    history_capability: str | None = None

    def __post_init__(self) -> None:
        if len(self.name) > 40:
            raise ValueError(f"Export kind name {self.name!r} is longer than 40 characters.")
        totals = [self.columns[index].field for index in self.columns.total_indexes()]
        if self.job_total is not None and self.job_total not in totals:
            raise ValueError(
                f"Export kind {self.name!r}: job_total {self.job_total!r} is not a total column."
            )


_KINDS: dict[str, ExportKind] = {}


def register(kind: ExportKind) -> ExportKind:
    """Register a kind once; registering the same name again with another kind is a mistake."""
    existing = _KINDS.get(kind.name)
    if existing is not None and existing is not kind:
        raise ValueError(f"Export kind {kind.name!r} is already registered.")
    _KINDS[kind.name] = kind
    return kind


def get_kind(name: str) -> ExportKind:
    """The registered kind; KeyError for an unknown name (callers turn it into their message)."""
    return _KINDS[name]


def kinds() -> list[ExportKind]:
    return list(_KINDS.values())
