"""The claim page: the activity as held, actual expenses, proof uploads, submit; and the
authorised views that serve proof files (never a public media URL)."""

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from customers.capabilities import Capability, user_can
from customers.decorators import PartnerRequest, partner_required
from partner_center.errors import Conflict, InvalidInput
from partner_center.http_errors import flash_refusal
from partner_center.stored_files import stored_file_response

from ..forms import ClaimForm, ProofForm
from ..models import Claim, ProofKind
from ..policies import REQUIRED_PROOF, application_is_claimable, claim_is_editable
from ..selectors.applications import applications_for, claims_for, proofs_for, timeline
from ..services import claims as services
from ..services.proofs import proof_add, proof_remove


def _checklist(claim: Claim) -> list[tuple[str, bool]]:
    """Each required proof kind and each cost item's photo, with whether it is there."""
    proofs = list(claim.proofs.all())
    kinds = {proof.kind for proof in proofs}
    rows = [(str(ProofKind(kind).label), kind in kinds) for kind in REQUIRED_PROOF]
    photographed = {proof.cost_item_id for proof in proofs if proof.kind == ProofKind.COST}
    rows += [
        (f"{ProofKind.COST.label}: {item.get_kind_display()}", item.pk in photographed)
        for item in claim.application.cost_items.all()
    ]
    return rows


def _claim_form(claim: Claim, data=None) -> ClaimForm:
    items = list(claim.application.cost_items.all())
    actual = {item.cost_item_id: item.amount for item in claim.items.all()}
    initial = {
        "held_starts_on": claim.held_starts_on,
        "held_ends_on": claim.held_ends_on,
        "attendance": claim.attendance,
        "summary": claim.summary,
        "over_reason": claim.over_reason,
        **{f"expense_{item.pk}": actual.get(item.pk, item.amount) for item in items},
    }
    return ClaimForm(data, initial=initial, cost_items=items)


def _page(
    request: PartnerRequest, claim: Claim, form=None, proof_form=None, status: int = 200
) -> HttpResponse:
    items = list(claim.application.cost_items.all())
    return render(
        request,
        "mdf/claim.html",
        {
            "application": claim.application,
            "claim": claim,
            "editable": claim_is_editable(claim),
            "form": form or _claim_form(claim),
            "proof_form": proof_form or ProofForm(cost_items=items),
            "proofs": claim.proofs.select_related("cost_item"),
            "checklist": _checklist(claim),
            "expenses": claim.items.select_related("cost_item"),
            "events": timeline(claim.application),
            "can_claim": user_can(request.user, Capability.CLAIM_MDF),
        },
        status=status,
    )


@partner_required
def claim_page(request: PartnerRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(applications_for(request.user), pk=pk)
    claim = claims_for(request.user).filter(application=application).first()
    if claim is None:
        return render(
            request,
            "mdf/claim_start.html",
            {
                "application": application,
                "claimable": application_is_claimable(application),
                "can_claim": user_can(request.user, Capability.CLAIM_MDF),
            },
        )
    return _page(request, claim)


@require_POST
@partner_required
def claim_begin(request: PartnerRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(applications_for(request.user), pk=pk)
    try:
        services.claim_start(application_id=application.pk, actor=request.user)
    except Conflict as error:
        flash_refusal(request, error)
    return redirect("mdf:claim", pk=application.pk)


@require_POST
@partner_required
def claim_update(request: PartnerRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(claims_for(request.user), pk=pk)
    form = _claim_form(claim, request.POST)
    if not form.is_valid():
        return _page(request, claim, form=form, status=400)
    try:
        data = form.cleaned_data
        services.claim_save(
            claim_id=claim.pk,
            actor=request.user,
            held_starts_on=data["held_starts_on"],
            held_ends_on=data["held_ends_on"],
            attendance=data["attendance"],
            summary=data["summary"],
            over_reason=data["over_reason"],
            amounts=form.amounts(),
        )
    except (InvalidInput, Conflict) as error:
        form.add_error(None, error.message)
        return _page(request, claim, form=form, status=error.http_status)
    messages.success(request, _("Claim saved."))
    return redirect("mdf:claim", pk=claim.application_id)


@require_POST
@partner_required
def proof_upload(request: PartnerRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(claims_for(request.user), pk=pk)
    form = ProofForm(request.POST, request.FILES, cost_items=claim.application.cost_items.all())
    if not form.is_valid():
        return _page(request, claim, proof_form=form, status=400)
    try:
        for upload in request.FILES.getlist("file")[:50]:
            proof_add(
                claim_id=claim.pk,
                actor=request.user,
                kind=form.cleaned_data["kind"],
                cost_item_id=form.cleaned_data["cost_item"],
                upload=upload,
            )
    except (InvalidInput, Conflict) as error:
        form.add_error("file", f"{upload.name}: {error.message}")
        return _page(request, claim, proof_form=form, status=error.http_status)
    messages.success(request, _("File uploaded."))
    return redirect("mdf:claim", pk=claim.application_id)


@require_POST
@partner_required
def proof_delete(request: PartnerRequest, pk: int) -> HttpResponse:
    proof = get_object_or_404(proofs_for(request.user).select_related("claim"), pk=pk)
    try:
        proof_remove(proof_id=proof.pk, actor=request.user)
    except Conflict as error:
        flash_refusal(request, error)
    return redirect("mdf:claim", pk=proof.claim.application_id)


@require_POST
@partner_required
def claim_send(request: PartnerRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(claims_for(request.user), pk=pk)
    try:
        done = services.claim_submit(claim_id=claim.pk, actor=request.user)
    except (InvalidInput, Conflict) as error:
        flash_refusal(request, error)
    else:
        if done.changed:
            messages.success(request, _("Claim submitted for review."))
    return redirect("mdf:claim", pk=claim.application_id)


def _serve(name: str, content_type: str, download_name: str) -> HttpResponseBase:
    # inline and streamed (never a presigned redirect): thumbnails are <img>s under img-src 'self'
    if not name:
        raise Http404(_("The file is not available."))
    response = stored_file_response(
        name, filename=download_name, content_type=content_type, as_attachment=False
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    return response


@partner_required
def proof_file(request: PartnerRequest, pk: int) -> HttpResponseBase:
    """The stored copy, to the partner's own users only (another partner's file is a 404)."""
    proof = get_object_or_404(proofs_for(request.user), pk=pk)
    return _serve(proof.file.name, proof.content_type, proof.original_name)


@partner_required
def proof_thumbnail(request: PartnerRequest, pk: int) -> HttpResponseBase:
    proof = get_object_or_404(proofs_for(request.user), pk=pk)
    return _serve(proof.thumbnail.name, "image/jpeg", "thumbnail.jpg")
