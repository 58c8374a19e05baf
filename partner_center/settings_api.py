"""The REST framework and its OpenAPI schema (drf-spectacular). Imported by settings.py."""

from .settings_security import THROTTLE_RATES, TRUSTED_PROXY_COUNT

__all__ = ["REST_FRAMEWORK", "SPECTACULAR_SETTINGS"]

# --- REST framework -------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",  # browser session, CSRF enforced
    ],
    "DEFAULT_PERMISSION_CLASSES": ["partner_center.api_permissions.IsPartnerMember"],
    "DEFAULT_PARSER_CLASSES": [
        "partner_center.api_parsers.DepthLimitedJSONParser",  # a 400, not a RecursionError
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "partner_center.http_errors.api_exception_handler",
    # ScopedRateThrottle on the token endpoint and on export creation (per user, or address).
    "DEFAULT_THROTTLE_RATES": THROTTLE_RATES,
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Partner Center incentive API",
    "DESCRIPTION": "Incentive reconciliation for partners' ERP systems. Token or session auth.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "partner_center.api_schema.document_errors",  # the 400/401/403/404 every operation may give
    ],
    "ENUM_NAME_OVERRIDES": {
        "BillStatusEnum": "incentives.models.StatementStatus",
        "ExportStatusEnum": "incentives.models.ExportStatus",
        "PaymentStatusEnum": "invoices.models.PaymentStatus",
        "PaymentInvoiceStatusEnum": "invoices.models.InvoiceStatus",
        "InvoiceRequestStatusEnum": "invoices.models.InvoiceRequestStatus",
        "InvoiceKindEnum": "invoices.models.InvoiceKind",
        "InvoiceMediumEnum": "invoices.models.InvoiceMedium",
        "InvoiceRequestBasisEnum": "invoices.models.RequestBasis",
    },
}
