# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The report pages: who may open which, what they show (small cells hidden on the outcomes), the exports hold the
page's figures, bad filters answer 400, the team dashboard logs one entry and costs the same number of queries for
more households, and roles without a caseload land on their report."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from eenplan.access.models import AccessLogEntry
from eenplan.accounts.models import Role
from eenplan.assessments.models import Instrument
from eenplan.plans import services as plan_services
from eenplan.reports.models import Measure, OutcomeFact, SummaryRun
from eenplan.reports.summary import refresh
from tests import access_helpers as story
from tests import factories
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def summary(centrum):
    """A computed summary in which one life domain has three residents better (small) beside larger counts."""
    run = SummaryRun.objects.create(finished_at=timezone.now(), seconds=0.1)
    month = timezone.localdate().replace(day=1)
    domains = list(Instrument.objects.get(is_default=True).domains.order_by("position", "id")[:3])
    counts = {domains[0].code: (3, 20, 12), domains[1].code: (30, 25, 15), domains[2].code: (18, 40, 9)}
    for code, numbers in counts.items():
        for outcome, n in zip(("better", "same", "worse"), numbers, strict=True):
            OutcomeFact.objects.create(
                run=run,
                measure=Measure.ZRM,
                neighbourhood=centrum,
                month=month,
                dimension=code,
                outcome=outcome,
                count=n,
            )
    return run


def _zrm_rows(html: str) -> str:
    return html.split('id="kop-zrm"', 1)[1].split("</section>", 1)[0]


def test_a_team_leader_opens_the_team_dashboard_with_the_caseload_of_each_professional(team_leader, plan_regisseur):
    response = login_verified(Client(), team_leader).get("/rapportages/team/")
    assert response.status_code == 200
    caseload = response.content.decode().split('id="kop-caseload"', 1)[1].split("</table>", 1)[0]
    assert plan_regisseur.full_name in caseload


def test_the_team_dashboard_shows_no_household_name(team_leader, plan_regisseur, household):
    response = login_verified(Client(), team_leader).get("/rapportages/team/")
    assert household.display_name not in response.content.decode()


def test_a_policy_officer_may_not_open_a_team_dashboard(policy_officer):
    assert login_verified(Client(), policy_officer).get("/rapportages/team/").status_code == 403


def test_a_partner_professional_sees_no_report():
    partner = story.member_of(story.partner_organisation(), Role.PARTNER_PROFESSIONAL)
    client = login_verified(Client(), partner)
    assert client.get("/rapportages/team/").status_code == 403
    assert client.get("/rapportages/uitkomsten/").status_code == 403


def test_the_team_dashboard_writes_one_access_log_entry(team_leader, plan_regisseur):
    client = login_verified(Client(), team_leader)
    before = AccessLogEntry.objects.count()
    client.get("/rapportages/team/")
    assert AccessLogEntry.objects.count() == before + 1


def test_the_outcomes_write_no_access_log_entry(policy_officer, summary):
    client = login_verified(Client(), policy_officer)
    before = AccessLogEntry.objects.count()
    assert client.get("/rapportages/uitkomsten/").status_code == 200
    assert AccessLogEntry.objects.count() == before


def test_a_team_leader_may_not_choose_another_team(team_leader, plan_regisseur):
    other = factories.TeamFactory()
    response = login_verified(Client(), team_leader).get(f"/rapportages/team/?team={other.pk}")
    assert response.status_code == 400


@pytest.mark.parametrize("query", ["periode=morgen", "formaat=pdf", "wijk=abc", "wijk=99999999"])
def test_a_bad_filter_on_the_outcomes_answers_400(policy_officer, summary, query):
    assert login_verified(Client(), policy_officer).get(f"/rapportages/uitkomsten/?{query}").status_code == 400


def test_the_outcomes_hide_a_small_count_and_its_partner_in_the_row(policy_officer, summary):
    html = _zrm_rows(login_verified(Client(), policy_officer).get("/rapportages/uitkomsten/").content.decode())
    first_row = html.split("<tbody>", 1)[1].split("</tr>", 1)[0]
    assert '<td class="ep-num">3</td>' not in first_row
    assert first_row.count(">x<") >= 2


def test_the_csv_export_holds_the_figures_of_the_page(policy_officer, summary):
    client = login_verified(Client(), policy_officer)
    response = client.get("/rapportages/uitkomsten/?formaat=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    domain_row = next(row for row in rows if row and row[1:4] == ["30", "25", "15"])
    assert domain_row[4] == "70"
    small_row = next(row for row in rows if len(row) > 4 and row[2] == "20")
    assert (small_row[1], small_row[3]) == ("x", "x")  # the 3 and the next smallest of its row, 12


def test_the_xlsx_export_holds_the_same_figures(policy_officer, summary):
    response = login_verified(Client(), policy_officer).get("/rapportages/uitkomsten/?formaat=xlsx")
    book = load_workbook(io.BytesIO(response.content))
    values = [[cell.value for cell in row] for sheet in book.worksheets for row in sheet.iter_rows()]
    assert any(row[1:5] == [30, 25, 15, 70] for row in values)
    assert not any(row[1:2] == [3] for row in values if len(row) > 3)


def test_the_team_dashboard_exports_as_csv(team_leader, plan_regisseur):
    response = login_verified(Client(), team_leader).get("/rapportages/team/?formaat=csv")
    assert plan_regisseur.full_name in response.content.decode("utf-8-sig")


def test_the_team_dashboard_costs_the_same_queries_for_more_households(team_leader, plan_regisseur, team):
    client = login_verified(Client(), team_leader)
    client.get("/rapportages/team/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/rapportages/team/")
    for _ in range(4):
        household = factories.HouseholdFactory(owning_team=team)
        plan_services.start_plan(household, by=plan_regisseur, regisseur=plan_regisseur)
    with CaptureQueriesContext(connection) as more:
        client.get("/rapportages/team/")
    assert len(more) == len(few)


def test_the_policy_officer_lands_on_the_outcomes(policy_officer):
    response = login_verified(Client(), policy_officer).get("/")
    assert response.status_code == 302 and response["Location"] == "/rapportages/uitkomsten/"


def test_a_team_leader_lands_on_the_team_dashboard(team_leader):
    response = login_verified(Client(), team_leader).get("/")
    assert response["Location"] == "/rapportages/team/"


def test_a_regisseur_keeps_the_start_page(plan_regisseur):
    assert login_verified(Client(), plan_regisseur).get("/").status_code == 200


def test_the_outcomes_say_when_they_were_computed_and_when_not_yet(policy_officer):
    client = login_verified(Client(), policy_officer)
    assert "not been computed yet" in client.get("/rapportages/uitkomsten/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_the_summary_counts_a_residents_change_between_first_and_latest_assessment(household, professional):
    from eenplan.assessments.models import Assessment, Score

    instrument = Instrument.objects.get(is_default=True)
    domain = instrument.domains.order_by("position").first()
    resident = household.residents.first()
    for days_ago, value in ((60, 2), (30, 3), (1, 4)):
        assessment = Assessment.objects.create(
            household=household,
            resident=resident,
            instrument=instrument,
            assessed_on=timezone.localdate() - datetime.timedelta(days=days_ago),
            assessed_by=professional,
        )
        Score.objects.create(assessment=assessment, domain=domain, value=value)
    run = refresh()
    fact = OutcomeFact.objects.get(run=run, measure=Measure.ZRM)
    assert (fact.dimension, fact.outcome, fact.count, fact.amount) == (domain.code, "better", 1, 2)
