"""Feedback on detail lines: partners write it, operators answer it. Every write is here.

Each write locks the line's bill row first (as the status transitions and the figures import
do), then the line, appends a FeedbackMessage (who, when, what, resulting status: the audit
trail) and updates the line's denormalised feedback fields and the Details totals, all in
one transaction.
"""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from customers.models import Role
from customers.selectors import membership_of

from .line_totals import line_totals_move
from .models import DetailLine, FeedbackAuthor, FeedbackMessage, FeedbackStatus, Statement, StatementStatus
from .selectors import detail_lines_for
from .services import IncentiveError

FEEDBACK_MAX_LENGTH = 2000
FEEDBACK_ROLES = frozenset({Role.ADMIN, Role.FINANCE, Role.SALES})  # everyone but viewers
REPLY_STATUSES = (FeedbackStatus.ANSWERED, FeedbackStatus.RESOLVED)
VIEWER_REFUSAL = gettext_lazy(
    "Viewers cannot write feedback; ask your partner's admin, finance or sales user."
)
# C0 and C1 control characters and DEL; line feeds and tabs are ordinary text in a textarea.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_feedback_text(value, *, required=True) -> str:
    """Feedback as stored: line breaks normalised, trimmed, required, bounded, no control characters."""
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text):
        raise ValidationError(
            _("Remove the control characters (invisible characters such as NUL or ESC) from the text."),
            code="control_characters",
        )
    text = text.strip()
    if required and not text:
        raise ValidationError(_("Write the feedback text; it cannot be empty."), code="required")
    if len(text) > FEEDBACK_MAX_LENGTH:
        raise ValidationError(
            _("Keep the text to at most %(limit)d characters (it has %(length)d).")
            % {"limit": FEEDBACK_MAX_LENGTH, "length": len(text)},
            code="max_length",
        )
    return text


def may_write_feedback(user) -> bool:
    membership = membership_of(user)
    return membership is not None and membership.role in FEEDBACK_ROLES


def issued_refusal(statement) -> str:
    return _("The bill of %(period)s is already issued; its lines no longer take feedback.") % {
        "period": statement.period.code
    }


def may_reply_feedback(user) -> bool:
    return bool(getattr(user, "is_staff", False)) and user.has_perm("incentives.reply_feedback")


def feedback_add(*, line_id: int, actor, text: str) -> DetailLine:
    """A partner user's feedback on one of the partner's lines: the line's feedback is then open.

    Another partner's line raises DetailLine.DoesNotExist (a 404 to the caller), a viewer
    PermissionDenied, a line of an Issued bill IncentiveError. Sending the same text again
    while it is the latest message (a double click, a client retry) changes nothing.
    """
    text = clean_feedback_text(text)
    if not may_write_feedback(actor):
        raise PermissionDenied(str(VIEWER_REFUSAL))
    with transaction.atomic():
        statement_id = _statement_of(detail_lines_for(actor), line_id)
        statement = Statement.objects.select_for_update().get(pk=statement_id)
        if statement.status == StatementStatus.ISSUED:
            raise IncentiveError(issued_refusal(statement))
        line = DetailLine.objects.select_for_update().get(pk=line_id)
        latest = line.feedback_messages.order_by("-created_at", "-id").first()
        if (
            line.feedback_status == FeedbackStatus.OPEN
            and latest is not None
            and (latest.author_id, latest.text) == (actor.pk, text)
        ):
            return line
        return _append(line, statement_id, actor, FeedbackAuthor.PARTNER, text, FeedbackStatus.OPEN)


def feedback_reply(*, line_id: int, actor, text: str, status: str) -> DetailLine:
    """An operator's reply: the feedback becomes answered (text required) or resolved.

    Resolving without text is allowed; repeating the current status without text is a no-op.
    """
    if status not in REPLY_STATUSES:
        raise IncentiveError(_("A reply sets the feedback to Answered or Resolved."))
    text = clean_feedback_text(text, required=status == FeedbackStatus.ANSWERED)
    if not may_reply_feedback(actor):
        raise PermissionDenied(_("Only operators may reply to feedback."))
    with transaction.atomic():
        statement_id = _statement_of(DetailLine.objects.all(), line_id)
        Statement.objects.select_for_update().get(pk=statement_id)
        line = DetailLine.objects.select_for_update().get(pk=line_id)
        if line.feedback_status == FeedbackStatus.NONE:
            raise IncentiveError(_("This line has no feedback to reply to."))
        if not text and line.feedback_status == status:
            return line
        return _append(line, statement_id, actor, FeedbackAuthor.OPERATOR, text, status)


def _statement_of(lines, line_id):
    statement_id = lines.filter(pk=line_id).values_list("incentive__statement_id", flat=True).first()
    if statement_id is None:
        raise DetailLine.DoesNotExist(f"detail line {line_id} not found")
    return statement_id


def _append(line, statement_id, actor, author_kind, text, status):
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
