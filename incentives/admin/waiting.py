"""What waits for the operators, counted on the admin index (templates/admin/index.html).

Two cheap counts, each on an index (EXPLAINed on PostgreSQL): Issuing bills
(statement_review_queue, status first) and open feedback (an index-only scan of the partial
index line_with_feedback); each links to its filtered list. A
count is shown only to users who may open that list.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from customers.selectors import PortalUser

from ..models import DetailLine, FeedbackStatus, Statement, StatementStatus


@dataclass(frozen=True)
class Waiting:
    label: str
    count: int
    url: str


def waiting_for_operators(user: PortalUser) -> list[Waiting]:
    waiting = []
    if user.has_perm("incentives.view_payoutreview"):
        issuing = Statement.objects.filter(status=StatementStatus.ISSUING).count()
        url = _list("payoutreview", status=StatementStatus.ISSUING)
        waiting.append(Waiting(str(_("Bills waiting for payout review")), issuing, url))
    if user.has_perm("incentives.view_feedbackline"):
        # an index-only scan of line_with_feedback (status "open" implies its "feedback given")
        open_count = DetailLine.objects.filter(feedback_status=FeedbackStatus.OPEN).count()
        url = _list("feedbackline", feedback_status__exact=FeedbackStatus.OPEN)
        waiting.append(Waiting(str(_("Feedback waiting for a reply")), open_count, url))
    return waiting


def _list(model_name: str, **query: str) -> str:
    return reverse(f"admin:incentives_{model_name}_changelist") + "?" + urlencode(query)
