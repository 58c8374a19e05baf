"""REST API of capability certifications: the partner's certifications (with the badge links
and whether each expires within 90 days) and the labels it does not hold yet."""

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from partner_center.api_permissions import requires

from ..capabilities import Capability
from ..selectors.labels import certification_overview


class LabelSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    level = serializers.CharField()
    description = serializers.CharField()
    criteria = serializers.CharField()


class CertificationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = LabelSerializer()  # type: ignore[assignment]
    certificate_number = serializers.CharField()
    certified_on = serializers.DateField()
    valid_until = serializers.DateField()
    expiring_soon = serializers.BooleanField()
    badge_png = serializers.CharField()
    badge_svg = serializers.CharField()


class OverviewSerializer(serializers.Serializer):
    certifications = CertificationSerializer(many=True)
    not_held = LabelSerializer(many=True)


class CertificationsView(APIView):
    """The partner's certifications valid today and the labels it does not hold (one object)."""

    permission_classes = [requires(Capability.VIEW_CERTIFICATIONS)]

    @extend_schema(responses=OverviewSerializer)
    def get(self, request: Request) -> Response:
        overview = certification_overview(request.user, timezone.localdate())
        expiring = {c.pk for c in overview.expiring}
        for c in overview.valid:
            c.expiring_soon = c.pk in expiring  # type: ignore[attr-defined]
            for name in ("png", "svg"):
                url = request.build_absolute_uri(reverse("capabilities:badge", args=[c.pk, name]))
                setattr(c, f"badge_{name}", url)
        data = {"certifications": overview.valid, "not_held": overview.not_held}
        return Response(OverviewSerializer(data).data)
