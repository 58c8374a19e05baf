from django.urls import path

from .views import applications, claims

app_name = "mdf"

urlpatterns = [
    path("", applications.overview, name="overview"),
    path("applications/new/", applications.application_step, name="apply"),
    path("applications/<int:pk>/", applications.application_detail, name="application"),
    path("applications/<int:pk>/step/<int:step>/", applications.application_step, name="step"),
    path("applications/<int:pk>/submit/", applications.application_submit, name="submit"),
    path("applications/<int:pk>/cancel/", applications.application_cancel, name="cancel"),
    path("applications/<int:pk>/claim/", claims.claim_page, name="claim"),
    path("applications/<int:pk>/claim/start/", claims.claim_begin, name="claim_start"),
    path("claims/<int:pk>/save/", claims.claim_update, name="claim_save"),
    path("claims/<int:pk>/proofs/", claims.proof_upload, name="proof_upload"),
    path("claims/<int:pk>/submit/", claims.claim_send, name="claim_submit"),
    path("proofs/<int:pk>/remove/", claims.proof_delete, name="proof_remove"),
    path("proofs/<int:pk>/file/", claims.proof_file, name="proof_file"),
    path("proofs/<int:pk>/thumbnail/", claims.proof_thumbnail, name="proof_thumbnail"),
]
