# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The overview for the team and the budget holder: the right totals, per month, life domain, purpose and payee
kind; amounts only, never names; CSV and XLSX hold exactly what the page shows; a constant number of queries."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from eenplan.budget import services
from eenplan.budget.models import PayeeKind
from tests import factories
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def spent(household, wijkbudget_action, budget, regisseur, team_leader, committing):
    """€ 450 committed, € 800 awaiting approval, € 1.000 paid as € 990,50 to a creditor."""
    committing(household, wijkbudget_action, budget, "450.00", regisseur)
    committing(household, wijkbudget_action, budget, "800.00", regisseur)
    paid = committing(
        household, wijkbudget_action, budget, "1000.00", team_leader, role="team_leader", payee_kind=PayeeKind.CREDITOR
    )
    services.realise(paid, regisseur, paid_amount=Decimal("990.50"), paid_on=timezone.localdate(), reference="R-1")
    return budget


def overview_url(budget, export: str = "") -> str:
    url = reverse("budget:overview", kwargs={"budget_pk": budget.pk})
    return f"{url}?formaat={export}" if export else url


@pytest.fixture
def leader_client(team_leader) -> Client:
    return login_verified(Client(), team_leader)


def test_the_overview_shows_the_right_totals(leader_client, spent):
    total = leader_client.get(overview_url(spent)).context["sections"][0].rows[0]
    assert (total.budgeted, total.pending, total.committed, total.realised, total.left) == (
        Decimal("10000.00"),
        Decimal("800.00"),
        Decimal("450.00"),
        Decimal("990.50"),
        Decimal("7759.50"),
    )


def test_every_breakdown_adds_up_to_the_total(leader_client, spent):
    sections = leader_client.get(overview_url(spent)).context["sections"]
    total = sections[0].rows[0]
    for section in sections[1:]:
        sums = tuple(
            sum((getattr(r, f) for r in section.rows), Decimal(0)) for f in ("pending", "committed", "realised")
        )
        assert sums == (total.pending, total.committed, total.realised), section.key


def test_the_overview_per_payee_kind_separates_the_creditor(leader_client, spent):
    rows = {r.label: r for r in leader_client.get(overview_url(spent)).context["sections"][3].rows}
    assert rows[str(PayeeKind.CREDITOR.label)].realised == Decimal("990.50")


def test_the_overview_names_no_resident_and_no_household(leader_client, spent, household):
    page = leader_client.get(overview_url(spent)).content.decode()
    assert "Anna" not in page and household.display_name not in page


def test_the_xlsx_export_opens_in_openpyxl_with_the_same_totals(leader_client, spent):
    response = leader_client.get(overview_url(spent, "xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert [Decimal(str(v)) for v in rows[0][2:]] == [
        Decimal("10000"),
        Decimal("800"),
        Decimal("450"),
        Decimal("990.5"),
        Decimal("7759.5"),
    ]


def test_the_xlsx_export_has_as_many_rows_as_the_page(leader_client, spent):
    sections = leader_client.get(overview_url(spent)).context["sections"]
    sheet = load_workbook(io.BytesIO(leader_client.get(overview_url(spent, "xlsx")).content)).active
    assert sheet.max_row - 2 == sum(len(s.rows) for s in sections)


def test_the_csv_export_has_the_same_totals(leader_client, spent):
    text = leader_client.get(overview_url(spent, "csv")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[1][2:] == ["10000,00", "800,00", "450,00", "990,50", "7759,50"]


def test_an_export_is_in_the_access_log(leader_client, spent):
    from eenplan.access.models import AccessLogEntry

    leader_client.get(overview_url(spent, "csv"))
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.object_type, entry.household_id) == ("export", "budget_overview", None)


def test_the_budget_holder_sees_the_overview(spent, budget_holder):
    assert login_verified(Client(), budget_holder).get(overview_url(spent)).status_code == 200


def test_another_team_does_not_see_the_overview(spent):
    outsider = factories.wijkteam_member(team=factories.TeamFactory())
    assert login_verified(Client(), outsider).get(overview_url(spent)).status_code == 404


def queries_of(client: Client, url: str) -> int:
    """The queries of a page, once the session is warm (the first request of a login sets up more)."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_overview_costs_the_same_queries_with_more_commitments(
    leader_client, household, wijkbudget_action, budget, regisseur, committing
):
    committing(household, wijkbudget_action, budget, "10.00", regisseur)
    few = queries_of(leader_client, overview_url(budget))
    for _ in range(6):
        committing(household, wijkbudget_action, budget, "700.00", regisseur, payee_kind=PayeeKind.ORGANISATION)
    assert queries_of(leader_client, overview_url(budget)) == few


def test_the_budget_list_costs_the_same_queries_with_more_budgets(leader_client, budget, team, budget_holder):
    few = queries_of(leader_client, reverse("budget:budgets"))
    for n in range(4):
        budget.pk = None
        budget.name = f"Extra {n}"
        budget.save()
    assert queries_of(leader_client, reverse("budget:budgets")) == few


def test_the_approval_queue_costs_the_same_queries_with_more_requests(
    leader_client, household, wijkbudget_action, budget, regisseur, committing
):
    committing(household, wijkbudget_action, budget, "600.00", regisseur)
    few = queries_of(leader_client, reverse("budget:approvals"))
    for _ in range(4):
        committing(household, wijkbudget_action, budget, "600.00", regisseur)
    assert queries_of(leader_client, reverse("budget:approvals")) == few


def test_the_households_commitments_cost_the_same_queries_with_more_rows(
    household, wijkbudget_action, budget, regisseur, committing
):
    client = login_verified(Client(), regisseur)
    url = reverse("budget:household", kwargs={"pk": household.pk})
    committing(household, wijkbudget_action, budget, "10.00", regisseur)
    few = queries_of(client, url)
    for _ in range(4):
        committing(household, wijkbudget_action, budget, "10.00", regisseur)
    assert queries_of(client, url) == few


def test_the_plan_page_costs_the_same_queries_with_more_commitments(
    household, wijkbudget_action, budget, regisseur, committing
):
    client = login_verified(Client(), regisseur)
    url = reverse("plans:plan", kwargs={"pk": household.pk})
    committing(household, wijkbudget_action, budget, "10.00", regisseur)
    few = queries_of(client, url)
    for _ in range(4):
        committing(household, wijkbudget_action, budget, "10.00", regisseur)
    assert queries_of(client, url) == few
