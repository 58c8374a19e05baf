"""Feedback on detail lines: partners write it, operators answer it. Every write is here.

Each write locks the line's bill row first (as the status transitions and the figures import
do), then the line, appends a FeedbackMessage (who, when, what, resulting status: the audit
trail) and updates the line's denormalised feedback fields and the Details totals, all in
one transaction.
"""

import re
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from customers.capabilities import Capability, require_capability
from customers.selectors import PortalUser
from partner_center.errors import Conflict, Forbidden, InvalidInput, NotFound

from ..models import DetailLine, FeedbackAuthor, FeedbackMessage, FeedbackStatus, Statement
from ..policies import feedback_closed_reason, line_takes_feedback
from ..selectors.details import detail_lines_for
from .line_totals import line_totals_move

if TYPE_CHECKING:
    from django.contrib.auth.models import User

FEEDBACK_MAX_LENGTH = 2000
REPLY_STATUSES = (FeedbackStatus.ANSWERED, FeedbackStatus.RESOLVED)
# C0 and C1 control characters and DEL; line feeds and tabs are ordinary text in a textarea.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Bidirectional controls (embeddings, overrides such as U+202E, isolates, marks): they make a
# text display in another order than it is read and stored ("Trojan Source").
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean_feedback_text(value: str | None, *, required: bool = True) -> str:
    """Feedback as stored: line breaks normalised, trimmed, required, bounded, no control characters."""
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text):
        raise InvalidInput(
            _("Remove the control characters (invisible characters such as NUL or ESC) from the text."),
            code="control_characters",
        )
    if _BIDI.search(text):
        raise InvalidInput(
            _(
                "Remove the text-direction characters (invisible characters such as U+202E that make "
                "text display in a different order) from the text."
            ),
            code="bidi_characters",
        )
    text = text.strip()
    if required and not text:
        raise InvalidInput(_("Write the feedback text; it cannot be empty."), code="required")
    if len(text) > FEEDBACK_MAX_LENGTH:
        raise InvalidInput(
            _("Keep the text to at most %(limit)d characters (it has %(length)d).")
            % {"limit": FEEDBACK_MAX_LENGTH, "length": len(text)},
            code="max_length",
        )
    return text


def may_reply_feedback(user: PortalUser) -> bool:
    return bool(getattr(user, "is_staff", False)) and user.has_perm("incentives.reply_feedback")


def feedback_add(*, line_id: int, actor: "User", text: str) -> DetailLine:
    """A partner user's feedback on one of the partner's lines: the line's feedback is then open.

    Another partner's line raises NotFound, a viewer Forbidden, a line of an Issued bill
    Conflict. Sending the same text again
    while it is the latest message (a double click, a client retry) changes nothing.
    """
    text = clean_feedback_text(text)
    require_capability(actor, Capability.WRITE_FEEDBACK)
    with transaction.atomic():
        statement_id = _statement_of(detail_lines_for(actor), line_id)
        statement = Statement.objects.select_for_update().get(pk=statement_id)
        if not line_takes_feedback(statement):
            raise Conflict(feedback_closed_reason(statement))
        line = DetailLine.objects.select_for_update().get(pk=line_id)
        latest = line.feedback_messages.order_by("-created_at", "-id").first()
        if (
            line.feedback_status == FeedbackStatus.OPEN
            and latest is not None
            and (latest.author_id, latest.text) == (actor.pk, text)
        ):
            return line
        return _append(line, statement_id, actor, FeedbackAuthor.PARTNER, text, FeedbackStatus.OPEN)


def feedback_reply(*, line_id: int, actor: "User", text: str, status: str) -> DetailLine:
    """An operator's reply: the feedback becomes answered (text required) or resolved.

    Resolving without text is allowed; repeating the current status without text is a no-op.
    """
    if status not in REPLY_STATUSES:
        raise InvalidInput(_("A reply sets the feedback to Answered or Resolved."))
    text = clean_feedback_text(text, required=status == FeedbackStatus.ANSWERED)
    if not may_reply_feedback(actor):
        raise Forbidden(_("Only operators may reply to feedback."))
    with transaction.atomic():
        statement_id = _statement_of(DetailLine.objects.all(), line_id)
        Statement.objects.select_for_update().get(pk=statement_id)
        line = DetailLine.objects.select_for_update().get(pk=line_id)
        if line.feedback_status == FeedbackStatus.NONE:
            raise Conflict(_("This line has no feedback to reply to."))
        if not text and line.feedback_status == status:
            return line
        return _append(line, statement_id, actor, FeedbackAuthor.OPERATOR, text, status)


def _statement_of(lines: QuerySet[DetailLine], line_id: int) -> int:
    statement_id = lines.filter(pk=line_id).values_list("incentive__statement_id", flat=True).first()
    if statement_id is None:
        raise NotFound(_("There is no such detail line in your partner account."))
    return statement_id


def _append(
    line: DetailLine, statement_id: int, actor: "User", author_kind: str, text: str, status: str
) -> DetailLine:
    old_status = line.feedback_status
    FeedbackMessage.objects.create(
        line=line,
        author_kind=author_kind,
        author=actor,
        author_label=actor.get_username(),
        text=text,
        status=status,
    )
    fields = ["feedback_status", "feedback_at"]
    line.feedback_status, line.feedback_at = status, timezone.now()
    if author_kind == FeedbackAuthor.PARTNER:
        # a new question: the previous reply no longer answers it
        line.feedback, line.feedback_reply = text, ""
        fields += ["feedback", "feedback_reply"]
    elif text:
        line.feedback_reply = text
        fields.append("feedback_reply")
    line.save(update_fields=fields)
    line_totals_move(line=line, statement_id=statement_id, old_status=old_status, new_status=status)
    return line
