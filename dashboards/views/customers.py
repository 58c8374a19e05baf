"""Sales > Operations dashboard > Customer dashboard (客户看板), *Overview* tab."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from customers.capabilities import Capability, require_capability
from customers.decorators import PartnerRequest, partner_required
from customers.models import CustomerLevel, CustomerStatus, Industry

from ..forms import ManagerForm
from ..models import StatDimension
from ..selectors.customer_dashboard import customer_figures, stat_managers
from ..selectors.scope import fixed_manager, manager_filter
from ..services.customer_stats import BANDS

D = StatDimension


def _band_label(key: str) -> str:
    if key == "0":
        return _("No spend")
    bounds = [str(int(b)) if b >= 1 else "0.01" for b in BANDS]
    upper = dict(zip(bounds[1:], bounds[:-1], strict=True))
    if key in upper:
        return f"{key} – {upper[key]}"
    return f"≥ {key}"


def _rows(counts: dict[str, int], labels: dict[str, str] | None = None, order=None):
    keys = order if order is not None else sorted(counts, key=lambda k: -counts[k])
    unknown = _("Not given")
    return [
        ((labels or {}).get(k, k) or unknown, counts.get(k, 0)) for k in keys if counts.get(k, 0) or order
    ]


@partner_required
def customer_dashboard(request: PartnerRequest) -> HttpResponse:
    require_capability(request.user, Capability.MANAGE_CUSTOMERS)
    fixed = fixed_manager(request.user)
    form = ManagerForm(request.GET or None, managers=stat_managers(request.user), manager_fixed=fixed)
    chosen = form.cleaned_data if form.is_bound and form.is_valid() else {}
    manager = manager_filter(request.user, chosen.get("manager") or "")
    figures = customer_figures(request.user, manager=manager, today=timezone.localdate())
    c = figures.counts
    tables = {
        "status": _rows(
            c[D.STATUS], {k: str(v) for k, v in CustomerStatus.choices}, list(CustomerStatus.values)
        ),
        "level": _rows(
            c[D.LEVEL], {k: str(v) for k, v in CustomerLevel.choices}, ["", *CustomerLevel.values]
        ),
        "industry": _rows(c[D.INDUSTRY], {k: str(v) for k, v in Industry.choices}),
        "region": _rows(c[D.REGION]),
        "band": _rows(
            c[D.SPEND_BAND],
            {k: _band_label(k) for k in c[D.SPEND_BAND]},
            ["0", "0.01", "1000", "10000", "100000"],
        ),
    }
    tables["level"] = [row for row in tables["level"] if row[1] or row[0] != _("Not given")]
    months = list(
        zip(
            figures.months,
            figures.per_month(D.ASSOCIATED_MONTH),
            figures.per_month(D.DISASSOCIATED_MONTH),
            strict=True,
        )
    )
    chart = {
        "months": [m[2:] for m in figures.months],
        "movement": [
            {"name": _("Newly associated"), "data": figures.per_month(D.ASSOCIATED_MONTH)},
            {"name": _("Disassociated"), "data": figures.per_month(D.DISASSOCIATED_MONTH)},
        ],
        **{key: [{"name": str(name), "value": n} for name, n in rows] for key, rows in tables.items()},
        "top": [{"name": t.customer.name, "value": float(t.revenue)} for t in figures.top],
    }
    return render(
        request,
        "dashboards/customers.html",
        {"form": form, "figures": figures, "tables": tables, "months": months, "chart": chart},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )
