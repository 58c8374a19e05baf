"""The vendor's staff groups, each holding exactly the admin permissions its work needs.

Operators review bills and payouts; Vendor finance sees every partner's exports and
downloads their files.
"""

from django.contrib.auth.management import create_permissions

OPERATORS_GROUP = "Operators"

# (app_label, codename): read everything, publish and review bills, answer line feedback.
OPERATOR_PERMISSIONS = [
    ("customers", "view_partner"),
    ("customers", "view_membership"),
    ("customers", "view_customer"),
    ("customers", "view_contactreveal"),
    ("customers", "view_authorisation"),
    ("customers", "view_authorisationevent"),
    ("customers", "review_authorisation"),
    ("customers", "view_customerevent"),
    ("customers", "view_customerconsent"),
    ("customers", "review_disassociation"),
    ("customers", "view_company"),
    ("customers", "view_customerreport"),
    ("customers", "view_customerreportevent"),
    ("customers", "review_customerreport"),
    ("incentives", "view_incentiveprogram"),
    ("incentives", "view_programrate"),
    ("incentives", "view_reconciliationperiod"),
    ("incentives", "view_statement"),
    ("incentives", "publish_statement"),
    ("incentives", "review_payout"),
    ("incentives", "view_payoutreview"),
    ("incentives", "view_deadlinereminder"),
    ("incentives", "view_incentive"),
    ("incentives", "view_detailline"),
    ("incentives", "view_statementevent"),
    ("incentives", "view_exportjob"),  # see export activity; downloading is Vendor finance's
    ("incentives", "view_feedbackline"),
    ("incentives", "change_feedbackline"),
    ("incentives", "reply_feedback"),
    ("incentives", "view_feedbackmessage"),
    # sign-in lockouts (django-axes): see them and unlock (deleting the attempts ends a lockout)
    ("axes", "view_accessattempt"),
    ("axes", "delete_accessattempt"),
    ("axes", "view_accesslog"),
    # payment requests (invoices app): verify payees, holds and arrears, process requests
    ("invoices", "view_paymentrequest"),
    ("invoices", "process_payment"),
    ("invoices", "view_payeeprofile"),
    ("invoices", "verify_payee"),
    ("invoices", "view_hold"),
    ("invoices", "add_hold"),
    ("invoices", "change_hold"),
    ("invoices", "view_arrears"),
    ("invoices", "add_arrears"),
    ("invoices", "change_arrears"),
    # invoice requests (invoices app): the invoice clerk's queue
    ("invoices", "view_invoicerequest"),
    ("invoices", "process_invoice"),
    ("invoices", "view_invoiceprofile"),
    ("invoices", "view_resaleorder"),
    # MDF (mdf/): grant quotas, review applications and claims, see their proof
    ("mdf", "view_quota"),
    ("mdf", "add_quota"),
    ("mdf", "change_quota"),
    ("mdf", "view_application"),
    ("mdf", "view_claim"),
    ("mdf", "view_mdfevent"),
    ("mdf", "review_mdf"),
    # dashboards (dashboards/): customer alerts, indicator definitions, answers to their feedback
    ("dashboards", "view_customeralert"),
    ("dashboards", "view_alertevent"),
    ("dashboards", "view_indicator"),
    ("dashboards", "add_indicator"),
    ("dashboards", "change_indicator"),
    ("dashboards", "view_indicatorvalue"),
    ("dashboards", "view_indicatorfeedback"),
    ("dashboards", "reply_indicator_feedback"),
    # vouchers (vouchers/): grant quotas, record the system's recalls (change), read the log
    ("vouchers", "view_voucherquota"),
    ("vouchers", "add_voucherquota"),
    ("vouchers", "change_voucherquota"),
    ("vouchers", "view_voucher"),
    ("vouchers", "change_voucher"),
    ("vouchers", "view_operationrecord"),
    # offline contracts (invoices app) and capability labels (customers app): master data
    ("invoices", "view_offlinecontract"),
    ("invoices", "add_offlinecontract"),
    ("invoices", "change_offlinecontract"),
    ("invoices", "view_contractdiscount"),
    ("invoices", "add_contractdiscount"),
    ("invoices", "change_contractdiscount"),
    ("invoices", "delete_contractdiscount"),
    ("customers", "view_capabilitylabel"),
    ("customers", "add_capabilitylabel"),
    ("customers", "change_capabilitylabel"),
    ("customers", "view_certification"),
    ("customers", "add_certification"),
    ("customers", "change_certification"),
]

VENDOR_FINANCE_GROUP = "Vendor finance"
VENDOR_FINANCE_PERMISSIONS = [
    ("customers", "view_partner"),
    ("incentives", "view_exportjob"),
    ("incentives", "download_any_export"),
    ("invoices", "view_paymentrequest"),
    ("invoices", "process_payment"),
    ("invoices", "view_payeeprofile"),
    ("invoices", "view_invoicerequest"),
    ("invoices", "process_invoice"),
    ("invoices", "view_invoiceprofile"),
]


def ensure_operators_group(app_config=None, using="default", **kwargs):
    """Create or update the staff groups; runs after every `migrate` (idempotent).

    Returns the Operators group.
    """
    from django.apps import apps

    for label in {"customers", "incentives", "invoices", "mdf", "dashboards", "vouchers", "axes"}:
        create_permissions(apps.get_app_config(label), verbosity=0, using=using)
    _group_with(VENDOR_FINANCE_GROUP, VENDOR_FINANCE_PERMISSIONS, using)
    return _group_with(OPERATORS_GROUP, OPERATOR_PERMISSIONS, using)


def ensure_vendor_finance_group(using="default"):
    ensure_operators_group(using=using)
    from django.contrib.auth.models import Group

    return Group.objects.using(using).get(name=VENDOR_FINANCE_GROUP)


def _group_with(name, codenames, using):
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.using(using).get_or_create(name=name)
    group.permissions.set(
        [
            Permission.objects.using(using).get(content_type__app_label=app, codename=codename)
            for app, codename in codenames
        ]
    )
    return group
