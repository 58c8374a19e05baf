"""The invoice clerk's queue: invoice requests per status with counts, each with its due time
from the service level (working days of the mainland China calendar), overdue ones first and
marked; a request's page shows its orders and timeline with the buttons of its next steps."""

from typing import Any

from django.contrib import admin
from django.db.models import Count, F
from django.http import FileResponse, Http404, HttpRequest
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from incentives.admin.base import ReadOnlyInline, StaffRequest
from partner_center.admin_read_only import ServiceOwnedReadOnly
from partner_center.formatting import money

from ..invoice_levels import due_words, is_overdue
from ..models import (
    InvoiceProfile,
    InvoiceRequest,
    InvoiceRequestEvent,
    InvoiceRequestOrder,
    InvoiceRequestStatus,
    ResaleOrder,
)
from ..policies import invoice_action_allowed, invoice_downloadable
from .invoice_actions import CLERK_ACTIONS, PERMISSION, act_view


class OrderInline(ReadOnlyInline):
    model = InvoiceRequestOrder
    fields = ["order", "period", "amount", "tax_amount", "live"]
    readonly_fields = fields  # type: ignore[assignment]

    @admin.display(description=_("Billing period"))
    def period(self, item: InvoiceRequestOrder) -> str:
        return item.order.period


class EventInline(ReadOnlyInline):
    model = InvoiceRequestEvent
    fields = ["created_at", "action", "old_status", "new_status", "actor_label", "reason"]
    readonly_fields = fields  # type: ignore[assignment]
    ordering = ["-created_at", "-id"]


@admin.register(InvoiceRequest)
class InvoiceRequestAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    list_display = [
        "number_display",
        "partner",
        "kind",
        "medium",
        "status",
        "total_display",
        "submitted_at",
        "due",
    ]
    list_filter = ["status", "kind", "medium"]
    search_fields = ["partner__name", "invoice_number", "tracking_number", "orders__order__order_id"]
    list_select_related = ["partner"]
    fields = [
        "partner", "basis", "period", "customer", "kind", "medium", "status", "due", "reason", "total",
        "tax_amount", "currency", "title_info", "submitted_by", "submitted_at", "invoice_number", "issued_at",
        "carrier", "tracking_number", "invoice_file",
    ]  # fmt: skip
    readonly_fields = fields  # type: ignore[assignment]
    inlines = [OrderInline, EventInline]
    change_form_template = "admin/invoices/invoicerequest/change_form.html"
    change_list_template = "admin/invoices/invoicerequest/change_list.html"

    def get_ordering(self, request: HttpRequest) -> list[Any]:
        # the earliest due first (so the overdue lead), then those the clerk owes nothing
        return [F("due_at").asc(nulls_last=True), "-submitted_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("Invoice request"), ordering="pk")
    def number_display(self, invoice: InvoiceRequest) -> str:
        return invoice.number

    @admin.display(description=_("Amount (tax included)"), ordering="total")
    def total_display(self, invoice: InvoiceRequest) -> str:
        return money(invoice.total, invoice.currency)

    @admin.display(description=_("Due"), ordering="due_at")
    def due(self, invoice: InvoiceRequest) -> str:
        if invoice.due_at is None:
            return "—"
        if is_overdue(invoice):
            return format_html(
                '<strong class="overdue">{} ({})</strong>', due_words(invoice.due_at), _("overdue")
            )
        return due_words(invoice.due_at)

    @admin.display(description=_("Electronic invoice"))
    def invoice_file(self, invoice: InvoiceRequest) -> str:
        if not invoice_downloadable(invoice):
            return "—"
        url = reverse("admin:invoices_invoicerequest_pdf", args=[invoice.pk])
        return format_html('<a href="{}">{}</a>', url, invoice.invoice_number)

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        counts = dict(InvoiceRequest.objects.values_list("status").annotate(n=Count("pk")).order_by())
        queue = [
            {"status": value, "label": label, "count": counts.get(value, 0)}
            for value, label in InvoiceRequestStatus.choices
        ]
        return super().changelist_view(request, {**(extra_context or {}), "queue": queue})

    def render_change_form(
        self, request: HttpRequest, context: dict[str, Any], *args: Any, **kwargs: Any
    ) -> Any:
        invoice = context.get("original")
        buttons = []
        if invoice is not None and request.user.has_perm(PERMISSION):
            for action, (label, form) in CLERK_ACTIONS.items():
                if invoice_action_allowed(invoice, action):
                    url = reverse("admin:invoices_invoicerequest_act", args=[invoice.pk, action])
                    buttons.append({"label": label, "url": url, "form": form is not None, "action": action})
        context["clerk_buttons"] = buttons
        return super().render_change_form(request, context, *args, **kwargs)

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        return [
            path("<int:object_id>/act/<str:action>/", act_view(wrap), name="invoices_invoicerequest_act"),
            path("<int:object_id>/invoice.pdf", wrap(self.invoice_pdf), name="invoices_invoicerequest_pdf"),
            *super().get_urls(),
        ]

    def invoice_pdf(self, request: StaffRequest, object_id: int) -> FileResponse:
        invoice = InvoiceRequest.objects.filter(pk=object_id).first()
        if invoice is None or not self.has_view_permission(request) or not invoice_downloadable(invoice):
            raise Http404
        return FileResponse(invoice.pdf.open("rb"), filename=f"{invoice.invoice_number}.pdf")


@admin.register(InvoiceProfile)
class InvoiceProfileAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    list_display = ["partner", "title_type", "title", "tax_id", "updated_at"]
    search_fields = ["partner__name", "title", "tax_id"]
    list_select_related = ["partner"]
    readonly_fields = ["partner"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(ResaleOrder)
class ResaleOrderAdmin(ServiceOwnedReadOnly, admin.ModelAdmin):
    list_display = ["order_id", "partner", "customer", "period", "product_type", "amount"]
    list_filter = ["period"]
    search_fields = ["order_id", "partner__name", "customer__name"]
    list_select_related = ["partner", "customer"]
    raw_id_fields = ["partner", "customer"]
