"""REST API of MDF: quotas, applications (create and update the draft, submit, cancel), claims
(with proof upload) and their timelines. Reads are scoped to the partner (another partner's
object is a 404); writes go through the services, which check the capabilities."""

from typing import TYPE_CHECKING, cast

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, parsers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from partner_center.errors import DomainError

if TYPE_CHECKING:
    from django.contrib.auth.models import User

from ..selectors.applications import applications_for, claims_for, timeline
from ..selectors.quotas import figures_for
from ..services import applications as app_services
from ..services import claims as claim_services
from ..services.proofs import proof_add
from .serializers import (
    ApplicationSerializer,
    ClaimCreateSerializer,
    ClaimSerializer,
    ClaimWriteSerializer,
    MdfEventSerializer,
    ProofSerializer,
    ProofUploadSerializer,
    QuotaFiguresSerializer,
    ReasonSerializer,
    SubmitSerializer,
)

PLAN = ["title", "activity_type", "starts_on", "ends_on", "location", "plan", "agreement_accepted"]
OBJECTIVES = ["objectives", "expected_attendance", "expected_leads"]


def me(request: Request) -> "User":
    """The signed-in partner user (IsPartnerMember let only members through)."""
    return cast("User", request.user)


def refused(error: DomainError) -> Response:
    return Response({"detail": error.message, "code": error.code}, status=error.http_status)


class QuotaViewSet(viewsets.ViewSet):
    """The partner's quotas with requested, approved, claimed, paid and left."""

    @extend_schema(responses=QuotaFiguresSerializer(many=True))
    def list(self, request: Request) -> Response:
        return Response(QuotaFiguresSerializer(figures_for(request.user), many=True).data)


class ApplicationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ApplicationSerializer

    def get_queryset(self):
        return (
            applications_for(self.request.user).prefetch_related("cost_items").order_by("-created_at", "-id")
        )

    def _save(self, application, data) -> None:
        """Each step whose fields are given, in order, through its service."""
        current = {name: getattr(application, name) for name in PLAN} if application else {}
        if application is None or any(name in data for name in PLAN):
            application = app_services.application_save_plan(
                actor=me(self.request),
                application_id=application.pk if application else None,
                **{name: data.get(name, current.get(name)) for name in PLAN},
            )
        if any(name in data for name in OBJECTIVES):
            app_services.application_save_objectives(
                actor=me(self.request),
                application_id=application.pk,
                **{name: data.get(name, getattr(application, name)) for name in OBJECTIVES},
            )
        if "cost_items" in data:
            items = [
                (item["kind"], item.get("description", ""), item["amount"]) for item in data["cost_items"]
            ]
            app_services.application_save_budget(
                actor=me(self.request), application_id=application.pk, items=items
            )
        self._saved = application

    def create(self, request: Request) -> Response:
        """A new draft: step 1's fields at least; objectives and cost items may come too."""
        given = ApplicationSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        self._save(None, given.validated_data)
        return Response(ApplicationSerializer(self.get_queryset().get(pk=self._saved.pk)).data, status=201)

    def partial_update(self, request: Request, pk: str) -> Response:
        """Update the draft (or a returned application): any step's fields."""
        application = self.get_object()
        given = ApplicationSerializer(application, data=request.data, partial=True)
        given.is_valid(raise_exception=True)
        self._save(application, given.validated_data)
        return Response(ApplicationSerializer(self.get_queryset().get(pk=application.pk)).data)

    @extend_schema(request=SubmitSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str) -> Response:
        """409 likely_duplicate (until confirm_duplicate), 400 late_reason_required, 409 quota_exceeded."""
        application = self.get_object()
        given = SubmitSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            done = app_services.application_submit(
                application_id=application.pk, actor=me(request), **given.validated_data
            )
        except DomainError as error:
            return refused(error)
        return Response(
            {**ApplicationSerializer(self.get_queryset().get(pk=pk)).data, "changed": done.changed}
        )

    @extend_schema(request=ReasonSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str) -> Response:
        application = self.get_object()
        given = ReasonSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        done = app_services.application_cancel(
            application_id=application.pk, actor=me(request), **given.validated_data
        )
        return Response(
            {**ApplicationSerializer(self.get_queryset().get(pk=pk)).data, "changed": done.changed}
        )

    @extend_schema(responses=MdfEventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def timeline(self, request: Request, pk: str) -> Response:
        return Response(MdfEventSerializer(timeline(self.get_object()), many=True).data)


class ClaimViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ClaimSerializer

    def get_queryset(self):
        return (
            claims_for(self.request.user).prefetch_related("items", "proofs").order_by("-created_at", "-id")
        )

    @extend_schema(
        request=ClaimCreateSerializer,
        responses={201: ClaimSerializer, 404: OpenApiResponse(description="no such application among yours")},
    )
    def create(self, request: Request) -> Response:
        """The application's claim, started as a draft (the same claim if it exists)."""
        given = ClaimCreateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        application = get_object_or_404(
            applications_for(request.user), pk=given.validated_data["application"]
        )
        claim = claim_services.claim_start(application_id=application.pk, actor=me(request))
        return Response(ClaimSerializer(self.get_queryset().get(pk=claim.pk)).data, status=201)

    @extend_schema(request=ClaimWriteSerializer, responses=ClaimSerializer)
    def update(self, request: Request, pk: str) -> Response:
        claim = self.get_object()
        given = ClaimWriteSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        amounts = {row["cost_item"]: row["amount"] for row in data.pop("expenses")}
        claim_services.claim_save(claim_id=claim.pk, actor=me(request), amounts=amounts, **data)
        return Response(ClaimSerializer(self.get_queryset().get(pk=claim.pk)).data)

    @extend_schema(request=ProofUploadSerializer, responses={201: ProofSerializer})
    @action(detail=True, methods=["post"], parser_classes=[parsers.MultiPartParser])
    def proofs(self, request: Request, pk: str) -> Response:
        claim = self.get_object()
        given = ProofUploadSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        proof = proof_add(
            claim_id=claim.pk,
            actor=me(request),
            kind=data["kind"],
            upload=data["file"],
            cost_item_id=data.get("cost_item"),
        )
        return Response(ProofSerializer(proof).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=ClaimSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str) -> Response:
        claim = self.get_object()
        try:
            done = claim_services.claim_submit(claim_id=claim.pk, actor=me(request))
        except DomainError as error:
            return refused(error)
        return Response({**ClaimSerializer(self.get_queryset().get(pk=pk)).data, "changed": done.changed})

    @extend_schema(responses=MdfEventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def timeline(self, request: Request, pk: str) -> Response:
        return Response(MdfEventSerializer(timeline(self.get_object().application), many=True).data)
