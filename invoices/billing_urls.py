"""Billing > Invoices (invoice requests), mounted at /billing/."""

from django.urls import path

from .views import invoice_new, invoice_requests

app_name = "billing"

urlpatterns = [
    path("invoices/", invoice_requests.invoice_list, name="invoices"),
    path("invoices/new/", invoice_new.invoice_new, name="invoice_new"),
    path("invoices/information/", invoice_new.invoice_profile, name="invoice_profile"),
    path("invoices/<int:pk>/", invoice_requests.invoice_detail, name="invoice_request"),
    path("invoices/<int:pk>/cancel/", invoice_requests.invoice_cancel, name="invoice_cancel"),
    path("invoices/<int:pk>/sign/", invoice_requests.invoice_sign, name="invoice_sign"),
    path("invoices/<int:pk>/return/", invoice_requests.invoice_return, name="invoice_return"),
    path("invoices/<int:pk>/delete/", invoice_requests.invoice_delete, name="invoice_delete"),
    path("invoices/<int:pk>/invoice.pdf", invoice_requests.invoice_download, name="invoice_download"),
]
