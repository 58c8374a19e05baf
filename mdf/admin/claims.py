"""MDF claims for reviewers: the claim beside its application (approved budget against actual
expenses), the proof in a gallery, the checklist of required proof kinds, and Start review /
Approve / Return / Reject / Mark paid calling the services."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from partner_center.formatting import money
from partner_center.stored_files import stored_file_response

from ..models import Claim, Proof, ProofKind
from ..policies import REQUIRED_PROOF, claim_awaits_reviewer, claim_is_payable, claim_is_under_review
from ..services.claims import claim_approve, claim_pay, claim_reject, claim_return, claim_start_review
from .review import Decisions, ReviewAdmin

SHOWN = (
    "application",
    "status",
    "held_starts_on",
    "held_ends_on",
    "attendance",
    "summary",
    "over_reason",
    "amount_shown",
    "submitted_at",
    "resubmit_due_on",
    "approved_at",
    "invoice_due_on",
    "paid_at",
)


@admin.register(Claim)
class ClaimAdmin(ReviewAdmin):
    list_display = ["__str__", "partner", "status", "amount_shown", "submitted_at", "invoice_due_on"]
    list_filter = ["status"]
    search_fields = ["application__title", "application__partner__name"]
    list_select_related = ["application__partner"]
    ordering = ["submitted_at", "id"]
    fields = SHOWN
    readonly_fields = SHOWN
    id_argument = "claim_id"
    decisions: Decisions = {
        "start_review": (_("Start review"), claim_start_review, False),
        "approve": (_("Approve"), claim_approve, True),
        "return": (_("Return to partner"), claim_return, True),
        "reject": (_("Reject"), claim_reject, True),
        "pay": (_("Mark paid"), claim_pay, False),
    }

    @admin.display(description=_("partner"))
    def partner(self, obj):
        return obj.application.partner

    @admin.display(description=_("claimed amount (tax included)"), ordering="amount")
    def amount_shown(self, obj):
        return money(obj.amount, obj.application.currency)

    def offered(self, obj):
        if claim_awaits_reviewer(obj):
            return ["start_review", "approve", "return", "reject"]
        if claim_is_under_review(obj):
            return ["approve", "return", "reject"]
        return ["pay"] if claim_is_payable(obj) else []

    def review_context(self, obj):
        application = obj.application
        actual = {item.cost_item_id: item.amount for item in obj.items.all()}
        proofs = list(obj.proofs.select_related("cost_item"))
        kinds = {proof.kind for proof in proofs}
        photographed = {proof.cost_item_id for proof in proofs if proof.kind == ProofKind.COST}
        checklist = [(str(ProofKind(kind).label), kind in kinds) for kind in REQUIRED_PROOF]
        rows = []
        for item in application.cost_items.all():
            rows.append((item, actual.get(item.pk)))
            checklist.append((f"{ProofKind.COST.label}: {item.get_kind_display()}", item.pk in photographed))
        return {
            "claim_application": application,
            "budget_rows": rows,
            "proofs": proofs,
            "checklist": checklist,
            "reason_required_for": ["return", "reject"],
        }

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        return [
            path("proof/<int:pk>/", wrap(self.proof_view), name="mdf_claim_proof"),
            path(
                "proof/<int:pk>/thumbnail/",
                wrap(self.proof_view),
                {"thumbnail": True},
                name="mdf_claim_thumb",
            ),
            *super().get_urls(),
        ]

    def proof_view(self, request: HttpRequest, pk: int, thumbnail: bool = False) -> HttpResponseBase:
        """Proof files for staff who may see claims (reviewers), never a public URL."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        proof = get_object_or_404(Proof, pk=pk)
        name = proof.thumbnail.name if thumbnail else proof.file.name
        if not name:
            raise Http404
        content_type = "image/jpeg" if thumbnail else proof.content_type
        response = stored_file_response(name, content_type=content_type, as_attachment=False)
        response["X-Content-Type-Options"] = "nosniff"
        return response
