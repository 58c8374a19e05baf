"""MDF API shapes: quotas with their figures, applications, claims, proof, timelines."""

from rest_framework import serializers

from ..models import Application, Claim, CostItem, CostKind, MdfEvent, Proof


class QuotaFiguresSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="quota.pk")
    year = serializers.IntegerField(source="quota.year")
    span = serializers.CharField(source="quota.span")
    starts_on = serializers.DateField(source="quota.starts_on")
    ends_on = serializers.DateField(source="quota.ends_on")
    currency = serializers.CharField(source="quota.currency")
    amount = serializers.DecimalField(source="quota.amount", max_digits=18, decimal_places=2)
    requested = serializers.DecimalField(max_digits=18, decimal_places=2)
    approved = serializers.DecimalField(max_digits=18, decimal_places=2)
    claimed = serializers.DecimalField(max_digits=18, decimal_places=2)
    paid = serializers.DecimalField(max_digits=18, decimal_places=2)
    left = serializers.DecimalField(max_digits=18, decimal_places=2)


class CostItemSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=CostKind.choices)
    description = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    class Meta:
        model = CostItem
        fields = ["id", "kind", "description", "amount"]
        read_only_fields = ["id"]


class ApplicationSerializer(serializers.ModelSerializer):
    number = serializers.CharField(read_only=True)
    cost_items = CostItemSerializer(many=True, required=False)
    claim_status = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = [
            "id",
            "number",
            "status",
            "title",
            "activity_type",
            "starts_on",
            "ends_on",
            "location",
            "plan",
            "agreement_accepted",
            "objectives",
            "expected_attendance",
            "expected_leads",
            "cost_items",
            "amount",
            "currency",
            "steps_done",
            "late_reason",
            "quota",
            "submitted_at",
            "decided_at",
            "claim_due_on",
            "claim_overdue",
            "claim_status",
            "created_at",
        ]
        read_only_fields = [
            "status",
            "amount",
            "currency",
            "steps_done",
            "late_reason",
            "quota",
            "submitted_at",
            "decided_at",
            "claim_due_on",
            "claim_overdue",
            "created_at",
        ]

    def get_claim_status(self, application) -> str | None:
        claim = getattr(application, "claim", None)
        return claim.status if claim is not None else None


class SubmitSerializer(serializers.Serializer):
    late_reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    confirm_duplicate = serializers.BooleanField(required=False, default=False)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class MdfEventSerializer(serializers.ModelSerializer):
    action_label = serializers.CharField()

    class Meta:
        model = MdfEvent
        fields = [
            "at",
            "action",
            "action_label",
            "old_status",
            "new_status",
            "actor_label",
            "reason",
            "claim",
        ]


class ProofSerializer(serializers.ModelSerializer):
    class Meta:
        model = Proof
        fields = [
            "id",
            "kind",
            "cost_item",
            "content_type",
            "size_bytes",
            "original_name",
            "sha256",
            "uploaded_at",
        ]


class ExpenseSerializer(serializers.Serializer):
    cost_item = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=18, decimal_places=2, min_value=0)


class ClaimSerializer(serializers.ModelSerializer):
    expenses = serializers.SerializerMethodField()
    proofs = ProofSerializer(many=True, read_only=True)

    class Meta:
        model = Claim
        fields = [
            "id",
            "application",
            "status",
            "held_starts_on",
            "held_ends_on",
            "attendance",
            "summary",
            "over_reason",
            "amount",
            "expenses",
            "proofs",
            "submitted_at",
            "resubmit_due_on",
            "approved_at",
            "invoice_due_on",
            "paid_at",
        ]
        read_only_fields = fields

    def get_expenses(self, claim) -> list[dict]:
        return [{"cost_item": item.cost_item_id, "amount": str(item.amount)} for item in claim.items.all()]


class ClaimWriteSerializer(serializers.Serializer):
    held_starts_on = serializers.DateField()
    held_ends_on = serializers.DateField()
    attendance = serializers.IntegerField(min_value=0, allow_null=True)
    summary = serializers.CharField(max_length=4000, allow_blank=True)
    over_reason = serializers.CharField(max_length=2000, allow_blank=True, required=False, default="")
    expenses = ExpenseSerializer(many=True)


class ClaimCreateSerializer(serializers.Serializer):
    application = serializers.IntegerField()


class ProofUploadSerializer(serializers.Serializer):
    kind = serializers.CharField(max_length=16)
    cost_item = serializers.IntegerField(required=False, allow_null=True)
    file = serializers.FileField()
