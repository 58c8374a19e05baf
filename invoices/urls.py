from django.urls import path

from .views import contracts, payees, payment_invoices, payments

app_name = "invoices"

urlpatterns = [
    path("", payments.payable, name="payable"),
    path("requests/", payments.request_list, name="payment_requests"),
    path("requests/<int:pk>/", payments.request_detail, name="payment_request"),
    path("requests/<int:pk>/cancel/", payments.request_cancel, name="payment_cancel"),
    path("requests/<int:pk>/invoices/", payment_invoices.invoice_upload, name="invoice_upload"),
    path("requests/<int:pk>/invoices/submit/", payment_invoices.invoices_submit, name="invoices_submit"),
    path("requests/<int:pk>/invoicing-list/", payment_invoices.invoicing_list, name="invoicing_list"),
    path(
        "requests/<int:pk>/invoicing-list.pdf", payment_invoices.invoicing_list_pdf, name="invoicing_list_pdf"
    ),
    path("payee/", payees.payee_profile, name="payee"),
    path("contracts/", contracts.contract_list, name="contracts"),
    path("contracts/<text:code>/", contracts.contract_detail, name="contract"),
    path("contracts/<text:code>/signed.pdf", contracts.contract_pdf, name="contract_pdf"),
]
