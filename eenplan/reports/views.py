# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The report pages: the team dashboard and the outcomes per neighbourhood and period, each with CSV and XLSX export
of exactly what the page shows (`?formaat=csv|xlsx`).

Doors (docs/reports.md, "Access"): the team dashboard counts the households of a team that the door's list gives the
user (`household_list_view`, one access-log entry, as the caseload list writes); the outcomes read only the summary of
counts, which names no household, through `no_household_data` (no entry: no household data is shown or read)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from eenplan.access.door import household_list_view, no_household_data, parse_id
from eenplan.access.policy import report_scope
from eenplan.accounts.models import Neighbourhood, Team
from eenplan.households.models import Household
from eenplan.lib.disclosure import threshold
from eenplan.lib.requests import authenticated_user
from eenplan.reports import outcomes as outcomes_report
from eenplan.reports import team as team_report
from eenplan.reports.summary import latest_run
from eenplan.reports.tables import DEFAULT_PERIOD, PERIODS, Period, Section, as_csv, as_xlsx, period

EXPORTS = {"csv", "xlsx"}
SERVICE_PAGE_SIZE = 25


def _period_and_format(request: HttpRequest, errors: list[str]) -> tuple[Period, str]:
    code = request.GET.get("periode", DEFAULT_PERIOD) or DEFAULT_PERIOD
    if code not in PERIODS:
        errors.append(_("Choose one of the periods in the list."))
        code = DEFAULT_PERIOD
    export = request.GET.get("formaat", "")
    if export and export not in EXPORTS:
        errors.append(_("Export as CSV or XLSX."))
        export = ""
    return period(code), export


def _export(export: str, title: str, sections: list[Section], caption: list[str]) -> HttpResponse:
    name = slugify(title) or "rapportage"
    if export == "csv":
        response = HttpResponse("\ufeff" + as_csv(title, sections, caption), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    response = HttpResponse(
        as_xlsx(title, sections, caption),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@household_list_view
def team_dashboard(request: HttpRequest, households: QuerySet[Household]) -> HttpResponse:
    """A team's caseload and workflow in counts, for its team leader and members (policy: `report_scope`)."""
    user = authenticated_user(request)
    scope = report_scope(user)
    if not scope.team_ids:
        raise PermissionDenied
    teams = list(Team.objects.filter(pk__in=scope.team_ids).select_related("organisation").order_by("name", "id"))
    errors: list[str] = []
    chosen = teams[0]
    asked = request.GET.get("team", "")
    if asked:
        team_id = parse_id(asked)
        found = next((t for t in teams if t.pk == team_id), None)
        if found is None:
            errors.append(_("Choose one of your own teams."))
        else:
            chosen = found
    when, export = _period_and_format(request, errors)
    status = 400 if errors else 200
    sections = team_report.build(chosen, households, when, suppress=scope.suppress_team_counts)
    title = _("Team dashboard %(team)s") % {"team": chosen.name}
    caption = [_("Period: %(period)s") % {"period": when.label}]
    if export and not errors:
        return _export(export, title, sections, caption)
    return render(
        request,
        "reports/team.html",
        {
            "title": title,
            "teams": teams,
            "team": chosen,
            "periods": PERIODS.items(),
            "period": when,
            "sections": sections,
            "errors": errors,
            "small_cell": threshold(),
        },
        status=status,
    )


@no_household_data
def outcomes(request: HttpRequest) -> HttpResponse:
    """Outcomes per neighbourhood and period, from the nightly summary, small cells suppressed for everyone."""
    user = authenticated_user(request)
    scope = report_scope(user)
    if not scope.outcomes:
        raise PermissionDenied
    errors: list[str] = []
    neighbourhoods = list(Neighbourhood.objects.order_by("name").values_list("pk", "name"))
    chosen: Neighbourhood | None = None
    asked = request.GET.get("wijk", "")
    if asked:
        neighbourhood_id = parse_id(asked)
        chosen = Neighbourhood.objects.filter(pk=neighbourhood_id).first() if neighbourhood_id else None
        if chosen is None:
            errors.append(_("Choose one of the neighbourhoods in the list."))
    when, export = _period_and_format(request, errors)
    run = latest_run()
    sections = outcomes_report.kept_sections(run, when, chosen, suppress=scope.suppress_outcomes) if run else []
    where = chosen.name if chosen else _("all neighbourhoods")
    title = _("Outcomes")
    caption = [
        _("Period: %(period)s") % {"period": when.label},
        _("Neighbourhood: %(where)s") % {"where": where},
    ]
    if run is not None and run.finished_at is not None:
        caption.append(_("Computed: %(when)s") % {"when": date_format(run.finished_at, "DATETIME_FORMAT")})
    if export and not errors and run is not None:
        return _export(export, f"{title} {where} {when.label}", sections, caption)
    services = next((s for s in sections if s.key == "services"), None)
    service_page = None
    if services is not None:
        service_page = Paginator(services.rows, SERVICE_PAGE_SIZE).get_page(request.GET.get("pagina"))
        services.extra["page"] = service_page
    return render(
        request,
        "reports/outcomes.html",
        {
            "title": title,
            "run": run,
            "neighbourhoods": neighbourhoods,
            "neighbourhood": chosen,
            "periods": PERIODS.items(),
            "period": when,
            "sections": sections,
            "errors": errors,
            "small_cell": threshold(),
            "page": service_page,
        },
        status=400 if errors else 200,
    )
