"""Capabilities > Capability certification (能力认证): the certified labels and their badges,
those expiring within 90 days, and the labels not held yet with their criteria."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from ..badges import badge_png, badge_svg
from ..capabilities import Capability, require_capability
from ..decorators import PartnerRequest, partner_required
from ..selectors.labels import EXPIRING_DAYS, certification_overview, certifications_for

FORMATS = {"png": ("image/png", badge_png), "svg": ("image/svg+xml", badge_svg)}


@partner_required
def certification_list(request: PartnerRequest) -> HttpResponse:
    require_capability(request.user, Capability.VIEW_CERTIFICATIONS)
    overview = certification_overview(request.user, timezone.localdate())
    return render(
        request,
        "customers/certifications.html",
        {"overview": overview, "expiring_ids": {c.pk for c in overview.expiring}, "days": EXPIRING_DAYS},
    )


@partner_required
def badge(request: PartnerRequest, pk: int, file_format: str) -> HttpResponse:
    """A certification's badge, only through this view: the partner's own, while valid."""
    require_capability(request.user, Capability.VIEW_CERTIFICATIONS)
    today = timezone.localdate()
    certification = get_object_or_404(
        certifications_for(request.user).select_related("partner"), pk=pk, valid_until__gte=today
    )
    if file_format not in FORMATS:
        raise Http404
    content_type, render_badge = FORMATS[file_format]
    response = HttpResponse(render_badge(certification), content_type=content_type)
    name = f"badge-{certification.certificate_number}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
