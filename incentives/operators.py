"""The vendor's operators: a group holding exactly the admin permissions they need."""

from django.contrib.auth.management import create_permissions

OPERATORS_GROUP = "Operators"

# (app_label, codename): read everything, publish and review bills, answer line feedback.
OPERATOR_PERMISSIONS = [
    ("customers", "view_partner"),
    ("customers", "view_membership"),
    ("customers", "view_customer"),
    ("incentives", "view_incentiveprogram"),
    ("incentives", "view_programrate"),
    ("incentives", "view_reconciliationperiod"),
    ("incentives", "view_statement"),
    ("incentives", "publish_statement"),
    ("incentives", "review_payout"),
    ("incentives", "view_incentive"),
    ("incentives", "view_detailline"),
    ("incentives", "change_detailline"),
    ("incentives", "view_statementevent"),
    ("incentives", "view_feedbackline"),
    ("incentives", "change_feedbackline"),
    ("incentives", "reply_feedback"),
    ("incentives", "view_feedbackmessage"),
]


def ensure_operators_group(app_config=None, using="default", **kwargs):
    """Create or update the Operators group; runs after every `migrate` (idempotent)."""
    from django.apps import apps
    from django.contrib.auth.models import Group, Permission

    for label in {"customers", "incentives"}:
        create_permissions(apps.get_app_config(label), verbosity=0, using=using)
    group, _ = Group.objects.using(using).get_or_create(name=OPERATORS_GROUP)
    permissions = [
        Permission.objects.using(using).get(content_type__app_label=app, codename=codename)
        for app, codename in OPERATOR_PERMISSIONS
    ]
    group.permissions.set(permissions)
    return group
