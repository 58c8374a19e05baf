from django.urls import path

from .views import records, vouchers

app_name = "vouchers"

urlpatterns = [
    path("", vouchers.quotas, name="quotas"),
    path("issue/", vouchers.issue, name="issue"),
    path("records/", records.records, name="records"),
    path("records/export/", records.export, name="export"),
    path("<text:number>/", vouchers.voucher_page, name="voucher"),
    path("<text:number>/recall/", vouchers.recall, name="recall"),
]
