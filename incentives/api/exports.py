"""REST API of exports: request (202), history, one job, and the file."""

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle

from partner_center.api_permissions import CanDownloadExport, CanExport, IsPartnerMember
from partner_center.errors import Conflict
from partner_center.params import MAX_ID

from ..models import PERIOD_PATTERN, ExportFormat, ExportJob, ExportMethod, IncentiveProgram
from ..policies import export_is_downloadable
from ..selectors.exports import exports_for
from ..services.exports import CONTENT_TYPES, export_file_response, export_request

THROTTLED = OpenApiResponse(description="too many exports requested by this user in a minute; retry later")


class ExportJobSerializer(serializers.ModelSerializer):
    period = serializers.CharField(source="period.code", default=None, allow_null=True)  # null: selected
    programs: "serializers.SlugRelatedField[IncentiveProgram]" = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    requested_by = serializers.CharField(source="requested_by.get_username")
    format = serializers.CharField(source="file_format")
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ExportJob
        fields = [
            "id", "kind", "method", "format", "period", "programs", "detail_ids", "filters", "status",
            "rows_total", "rows_written", "size_bytes", "total_amount", "file_name", "error", "requested_by",
            "requested_at", "started_at", "finished_at", "expires_at", "download_url",
        ]  # fmt: skip

    def get_download_url(self, job) -> str | None:
        if not export_is_downloadable(job):
            return None
        return self.context["request"].build_absolute_uri(reverse("export-download", args=[job.pk]))


class ExportRequestSerializer(serializers.Serializer):
    method = serializers.ChoiceField(choices=ExportMethod.choices)
    format = serializers.ChoiceField(choices=ExportFormat.choices, default=ExportFormat.XLSX)
    period = serializers.CharField(required=False, max_length=7)
    programs = serializers.ListField(
        child=serializers.CharField(max_length=20), required=False, max_length=100
    )
    detail_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), required=False
    )


# What each method needs, for the schema only (ExportRequestSerializer reads the request, and
# export_request refuses what these leave out, with its own messages).
class _ExportBy(serializers.Serializer):
    format = serializers.ChoiceField(choices=ExportFormat.choices, default=ExportFormat.XLSX)


class PeriodExportRequest(_ExportBy):
    method = serializers.ChoiceField(choices=[ExportMethod.PERIOD.value])
    period = serializers.RegexField(PERIOD_PATTERN, help_text="The reconciliation period, YYYY-MM.")


class ProgramsExportRequest(PeriodExportRequest):
    method = serializers.ChoiceField(choices=[ExportMethod.PROGRAMS.value])
    programs = serializers.ListField(
        child=serializers.CharField(max_length=20), min_length=1, max_length=100, help_text="Program codes."
    )


class SelectedExportRequest(_ExportBy):
    method = serializers.ChoiceField(choices=[ExportMethod.SELECTED.value])
    detail_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), min_length=1, help_text="Line ids."
    )


EXPORT_REQUEST = PolymorphicProxySerializer(
    component_name="ExportRequest",
    serializers={
        ExportMethod.PERIOD.value: PeriodExportRequest,
        ExportMethod.PROGRAMS.value: ProgramsExportRequest,
        ExportMethod.SELECTED.value: SelectedExportRequest,
    },
    resource_type_field_name="method",
)
REFUSALS = {
    400: OpenApiResponse(description="A period, program or selection that is not the partner's, or none."),
    403: OpenApiResponse(description="Only admin and finance users export."),
}


class ExportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The partner's exports. Creating and downloading need the admin or finance role."""

    serializer_class = ExportJobSerializer

    def get_queryset(self):
        return (
            exports_for(self.request.user)
            .select_related("period", "requested_by")
            .prefetch_related("programs")
        )

    def get_throttles(self):
        if self.action == "create":  # each export is a worker's job: ScopedRateThrottle per user
            self.throttle_scope = "export_create"
            return [ScopedRateThrottle()]
        return []

    def get_permissions(self):
        needed = {"create": CanExport, "download": CanDownloadExport}.get(self.action, IsPartnerMember)
        return [needed()]

    @extend_schema(request=EXPORT_REQUEST, responses={202: ExportJobSerializer, **REFUSALS, 429: THROTTLED})
    def create(self, request):
        given = ExportRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        job = export_request(
            user=request.user,
            method=data["method"],
            file_format=data["format"],
            period=data.get("period"),
            programs=data.get("programs", []),
            detail_ids=data.get("detail_ids", []),
        )
        return Response(self.get_serializer(job).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        responses={
            **{(200, media_type.split(";")[0]): OpenApiTypes.BINARY for media_type in CONTENT_TYPES.values()},
            302: OpenApiResponse(
                description="files on an S3 bucket: Location is a presigned URL of the file, valid for "
                "S3_URL_SECONDS (60 s); follow it without the Authorization header"
            ),
            409: OpenApiResponse(description="the export has no file (queued, running, failed or expired)"),
        }
    )
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        job = self.get_object()
        if not export_is_downloadable(job):
            raise Conflict(
                _("This export has no file to download: it is %(status)s.")
                % {"status": job.get_status_display()}
            )
        return export_file_response(job)
