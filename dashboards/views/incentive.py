"""Sales > Operations dashboard > Incentive dashboard (激励看板)."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from customers.decorators import PartnerRequest, partner_required
from customers.models import AssociationType
from incentives.models import StatementStatus

from ..forms import IncentiveDashboardForm
from ..selectors.incentive_dashboard import (
    STATUSES,
    ZERO,
    dashboard_choices,
    incentive_figures,
)
from ..selectors.scope import fixed_manager, manager_filter
from .charts import as_number


@partner_required
def incentive_dashboard(request: PartnerRequest) -> HttpResponse:
    today = timezone.localdate()
    fixed = fixed_manager(request.user)  # a sales user's own name, else "" (a supervisor chooses)
    choices = dashboard_choices(request.user, today.year)
    form = IncentiveDashboardForm(
        request.GET or None,
        years=choices.years,
        managers=choices.managers,
        programs=choices.programs,
        manager_fixed=fixed,
    )
    chosen = form.cleaned_data if form.is_bound and form.is_valid() else {}
    year = chosen.get("year") or today.year
    manager = manager_filter(request.user, chosen.get("manager") or "")
    figures = incentive_figures(
        request.user,
        year=year,
        cutoff_month=today.month if year == today.year else 12,
        manager=manager,
        program=chosen.get("program"),
    )
    labels = dict(StatementStatus.choices)
    names = {p.pk: p.name for p in figures.programs.values()}
    month_rows = [
        {
            "month": month,
            "statuses": [figures.month_status[month][status] for status in STATUSES],
            "total": sum(figures.month_status[month].values(), ZERO),
        }
        for month in figures.months
    ]
    chart = {
        "months": [month[5:] for month in figures.months],
        "byStatus": [
            {"name": str(labels[s]), "data": [as_number(figures.month_status[m][s]) for m in figures.months]}
            for s in STATUSES
        ],
        "byProgram": [
            {"name": names[pk], "data": [as_number(figures.month_program[m][pk]) for m in figures.months]}
            for pk in sorted(names)
        ],
        "programs": [{"name": names[pk], "value": as_number(v)} for pk, v in figures.by_program.items()],
    }
    return render(
        request,
        "dashboards/incentive.html",
        {
            "form": form,
            "figures": figures,
            "status_cards": [(status, labels[status], figures.by_status[status]) for status in STATUSES],
            "status_labels": [labels[s] for s in STATUSES],
            "month_rows": month_rows,
            "program_rows": sorted(
                ((names[pk], v) for pk, v in figures.by_program.items()), key=lambda r: -r[1]
            ),
            "association_rows": [
                (AssociationType(key).label if key in AssociationType.values else key, v)
                for key, v in sorted(figures.by_association.items())
            ],
            "product_rows": sorted(figures.by_product.items(), key=lambda row: -row[1]),
            "chart": chart,
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )
