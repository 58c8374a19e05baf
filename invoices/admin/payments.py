"""Finance's queue of payment requests: per status with counts, ageing and due dates (the service
levels, working days of the mainland China calendar); a request's page shows its items and
invoices side by side with the buttons of its next steps."""

from typing import Any

from django.contrib import admin
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from incentives.admin.base import ReadOnlyInline, StaffRequest
from partner_center.admin_read_only import ServiceOwnedReadOnly
from partner_center.formatting import money
from partner_center.stored_files import stored_file_response

from ..models import PaymentEvent, PaymentInvoice, PaymentRequest, PaymentRequestItem, PaymentStatus
from ..policies import payment_action_allowed
from ..selectors.payments import invoice_sums
from ..service_levels import current_due
from .payment_actions import FINANCE_ACTIONS, act_view


class ItemInline(ReadOnlyInline):
    model = PaymentRequestItem
    fields = ["incentive", "period", "program", "amount"]
    readonly_fields = fields  # type: ignore[assignment]

    @admin.display(description=_("Reconciliation period"))
    def period(self, item: PaymentRequestItem) -> str:
        return item.incentive.statement.period.code

    @admin.display(description=_("Incentive name"))
    def program(self, item: PaymentRequestItem) -> str:
        return item.incentive.program.name


class InvoiceInline(ReadOnlyInline):
    model = PaymentInvoice
    fields = ["number", "issued_on", "amount", "tax_amount", "status", "rejection_reason", "document"]
    readonly_fields = fields  # type: ignore[assignment]

    @admin.display(description=_("Invoice file"))
    def document(self, invoice: PaymentInvoice) -> str:
        url = reverse("admin:invoices_paymentrequest_invoice_file", args=[invoice.request_id, invoice.pk])
        return format_html('<a href="{}">{}</a>', url, _("Open"))


class EventInline(ReadOnlyInline):
    model = PaymentEvent
    fields = ["created_at", "action", "old_status", "new_status", "actor_label", "reason"]
    readonly_fields = fields  # type: ignore[assignment]
    ordering = ["-created_at", "-id"]


@admin.register(PaymentRequest)
class PaymentRequestAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    list_display = [
        "number_display",
        "partner",
        "option",
        "status",
        "total_display",
        "submitted_at",
        "age",
        "due",
    ]
    list_filter = ["status", "option", "automatic"]
    search_fields = ["partner__name", "payment_reference", "invoices__number"]
    list_select_related = ["partner"]
    fields = [
        "partner", "option", "status", "total", "currency", "automatic", "submitted_by", "submitted_at",
        "invoices_received_at", "due", "invoiced", "paid_on", "payment_reference", "paid_amount",
        "coupons_valid_until",
    ]  # fmt: skip
    readonly_fields = fields  # type: ignore[assignment]
    inlines = [ItemInline, InvoiceInline, EventInline]
    change_form_template = "admin/invoices/paymentrequest/change_form.html"
    change_list_template = "admin/invoices/paymentrequest/change_list.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("Payment request"), ordering="pk")
    def number_display(self, payment: PaymentRequest) -> str:
        return payment.number

    @admin.display(description=_("Amount"), ordering="total")
    def total_display(self, payment: PaymentRequest) -> str:
        return money(payment.total, payment.currency)

    @admin.display(description=_("Age (days)"))
    def age(self, payment: PaymentRequest) -> int:
        return (timezone.now() - payment.submitted_at).days

    @admin.display(description=_("Due"))
    def due(self, payment: PaymentRequest) -> str:
        due = current_due(payment)
        if due is None:
            return "—"
        if due.overdue:
            return format_html('<strong class="overdue">{} {} ({})</strong>', due.what, due.on, _("overdue"))
        return f"{due.what} {due.on}"

    @admin.display(description=_("Invoiced"))
    def invoiced(self, payment: PaymentRequest) -> str:
        sums = invoice_sums(payment)
        return f"{money(sums.amount, payment.currency)} / {money(payment.total, payment.currency)}"

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        counts = dict(PaymentRequest.objects.values_list("status").annotate(n=Count("pk")).order_by())
        queue = [
            {"status": value, "label": label, "count": counts.get(value, 0)}
            for value, label in PaymentStatus.choices
        ]
        return super().changelist_view(request, {**(extra_context or {}), "queue": queue})

    def render_change_form(
        self, request: HttpRequest, context: dict[str, Any], *args: Any, **kwargs: Any
    ) -> Any:
        payment = context.get("original")
        buttons = []
        if payment is not None and request.user.has_perm("invoices.process_payment"):
            for action, (label, _form) in FINANCE_ACTIONS.items():
                if payment_action_allowed(payment, action):
                    url = reverse("admin:invoices_paymentrequest_act", args=[payment.pk, action])
                    buttons.append({"label": label, "url": url, "form": _form is not None, "action": action})
        context["finance_buttons"] = buttons
        return super().render_change_form(request, context, *args, **kwargs)

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        return [
            path("<int:object_id>/act/<str:action>/", act_view(wrap), name="invoices_paymentrequest_act"),
            path(
                "<int:object_id>/invoices/<int:invoice_id>/file/",
                wrap(self.invoice_file),
                name="invoices_paymentrequest_invoice_file",
            ),
            *super().get_urls(),
        ]

    def invoice_file(self, request: StaffRequest, object_id: int, invoice_id: int) -> HttpResponseBase:
        if not self.has_view_permission(request):
            raise Http404
        invoice = get_object_or_404(PaymentInvoice, pk=invoice_id, request_id=object_id)
        return stored_file_response(
            invoice.file.name,
            filename=invoice.file.name.rsplit("/", 1)[-1],
            as_attachment=False,
            storage=invoice.file.storage,
        )
