from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render

from customers.selectors import membership_of

from .selectors import statements_for


@login_required
def home(request):
    """Incentive Management overview: the partner's bills, one per reconciliation period."""
    if membership_of(request.user) is None:
        return render(request, "incentives/no_partner.html", status=403)
    statements = (
        statements_for(request.user)
        .select_related("period")
        .annotate(incentive_count=Count("incentives"))
        .order_by("-period__code")
    )
    return render(request, "incentives/home.html", {"statements": statements})
