"""The indicator values' export kind (Export Selected and export by period, into Export History),
registered once from DashboardsConfig.ready()."""

from django.db.models import QuerySet
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from incentives.models import ExportMethod
from partner_center.exports.columns import DATE, STATUS, Column, Columns
from partner_center.exports.registry import ExportKind, register

from .models import IndicatorMethod, IndicatorValue, StatisticalPeriod

INDICATOR_VALUES = "indicator_values"

COLUMNS = Columns(
    [
        Column("indicator__name", _("Indicator name"), width=28),
        Column("indicator__scope", _("Scope"), width=20),
        Column("indicator__method", _("Statistical method"), STATUS, choices=dict(IndicatorMethod.choices)),
        Column(
            "indicator__period_kind", _("Statistical period"), STATUS, choices=dict(StatisticalPeriod.choices)
        ),
        Column("indicator__dimension", _("Dimension"), width=16),
        Column("period_code", _("Reconciliation period"), width=12),
        Column("value", _("Indicator value"), width=16),
        Column("row_count", _("Rows"), width=10),
        Column("computed_at", _("Computed at"), DATE),
        Column("feedback", _("Feedback"), width=40),
    ]
)


def export_indicator_values(job) -> QuerySet[IndicatorValue]:
    """Selected values, or those of every statistical period holding the job's period."""
    values = IndicatorValue.objects.filter(partner_id=job.partner_id)
    if job.method == ExportMethod.SELECTED:
        values = values.filter(pk__in=job.detail_ids)
    else:
        values = values.filter(period_start__lte=job.period.start, period_end__gte=job.period.start)
    return values.order_by("pk")


def export_indicator_scope(job) -> list[tuple[str, object]]:
    period = job.period.code if job.period is not None else ""
    return [(gettext("Reconciliation period"), period), (gettext("Export method"), job.get_method_display())]


indicator_values = register(
    ExportKind(
        name=INDICATOR_VALUES,
        label=_("Indicator values"),
        sheet_title=_("Indicators"),
        file_stem=pgettext_lazy("export file name", "indicators"),
        columns=COLUMNS,
        rows=export_indicator_values,
        count_label=_("Indicator values"),
        describe=export_indicator_scope,
        selectable=lambda partner: IndicatorValue.objects.filter(partner=partner),
    )
)
