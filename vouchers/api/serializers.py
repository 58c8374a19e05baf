"""The voucher API's shapes."""

from rest_framework import serializers

from incentives.models import ExportFormat

from ..models import OperationRecord, Voucher, VoucherQuota


class QuotaSerializer(serializers.ModelSerializer):
    used_amount = serializers.DecimalField(max_digits=18, decimal_places=2, read_only=True)
    remaining_amount = serializers.DecimalField(max_digits=18, decimal_places=2, read_only=True)

    class Meta:
        model = VoucherQuota
        fields = [
            "id", "number", "amount", "currency", "valid_from", "valid_until", "product_scope",
            "issued_amount", "recalled_amount", "used_amount", "remaining_amount",
        ]  # fmt: skip


class VoucherSerializer(serializers.ModelSerializer):
    quota = serializers.CharField(source="quota.number")
    customer = serializers.IntegerField(source="customer_id")
    customer_name = serializers.CharField(source="customer.name")
    issued_by = serializers.CharField(source="issued_by.get_username")

    class Meta:
        model = Voucher
        fields = [
            "number", "quota", "customer", "customer_name", "amount", "used_amount", "valid_from",
            "valid_until", "product_scope", "status", "issued_by", "issued_at", "recall_operation",
            "returned_amount", "recalled_at",
        ]  # fmt: skip


class IssueSerializer(serializers.Serializer):
    quota = serializers.IntegerField(min_value=1, help_text="the quota's id")
    customer = serializers.IntegerField(min_value=1, help_text="the customer's id")
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    valid_until = serializers.DateField()
    product_scope = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")


class RecallSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")


class RecallResultSerializer(serializers.Serializer):
    changed = serializers.BooleanField()
    voucher = VoucherSerializer()


class RecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = OperationRecord
        fields = [
            "id", "at", "operation", "result", "customer_name", "quota_number", "voucher_number", "amount",
            "operator_label", "message",
        ]  # fmt: skip


class RecordExportSerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=ExportFormat.choices, default=ExportFormat.XLSX)
    filters = serializers.DictField(child=serializers.CharField(max_length=100), required=False, default=dict)
