# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Large tables of the outcomes (the referrals per service) are protected once per summary run and kept, so the page
does not redo seconds of secondary suppression on every view; the kept table is the one `protect` gives."""

from __future__ import annotations

import random

import pytest
from django.utils import timezone

from eenplan.lib import disclosure
from eenplan.reports import outcomes
from eenplan.reports.models import ProtectedCounts, SummaryRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def summary_run():
    return SummaryRun.objects.create(finished_at=timezone.now(), seconds=0.1)


@pytest.fixture
def large_table():
    rng = random.Random(3)
    return [[rng.choice([0, 1, 2, 4, 6, 9, 20]) for _ in range(5)] for _ in range(outcomes.KEEP_ROWS + 50)]


def test_a_large_table_is_kept_as_protect_publishes_it(summary_run, large_table):
    kept = outcomes.protect_kept(summary_run, large_table, row_totals=True, suppress=True)
    again = outcomes.protect_kept(summary_run, large_table, row_totals=True, suppress=True)
    direct = disclosure.protect(large_table, row_totals=True)

    assert ProtectedCounts.objects.filter(run=summary_run).count() == 1
    for table in (kept, again):
        assert (table.cells, table.row_totals, table.column_totals, table.total) == (
            direct.cells,
            direct.row_totals,
            direct.column_totals,
            direct.total,
        )
        assert table.primary == direct.primary


def test_a_kept_table_is_not_protected_again(summary_run, large_table, monkeypatch):
    outcomes.protect_kept(summary_run, large_table, row_totals=True, suppress=True)
    monkeypatch.setattr(outcomes, "protect", lambda *a, **k: pytest.fail("protected again"))

    outcomes.protect_kept(summary_run, large_table, row_totals=True, suppress=True)


def test_a_small_table_is_not_kept(summary_run):
    outcomes.protect_kept(summary_run, [[3, 8], [10, 12]], row_totals=True, suppress=True)

    assert not ProtectedCounts.objects.exists()


def test_a_new_run_drops_the_kept_tables_of_the_old_one(summary_run, large_table):
    from eenplan.reports.summary import refresh

    outcomes.protect_kept(summary_run, large_table, row_totals=True, suppress=True)
    refresh()

    assert not ProtectedCounts.objects.filter(run=summary_run).exists()


def test_the_outcomes_page_is_added_up_once_per_run_and_filter(policy_officer, monkeypatch):
    from django.test import Client

    from eenplan.reports.summary import refresh
    from tests.conftest import login_verified

    refresh()
    client = login_verified(Client(), policy_officer)
    first = client.get("/rapportages/uitkomsten/?periode=3m")
    monkeypatch.setattr(outcomes, "build", lambda *a, **k: pytest.fail("added up again"))
    again = client.get("/rapportages/uitkomsten/?periode=3m")

    assert first.status_code == again.status_code == 200
    assert [s.title for s in first.context["sections"]] == [s.title for s in again.context["sections"]]


def test_a_kept_page_that_cannot_be_read_is_computed_anew(summary_run):
    from eenplan.reports.tables import period

    when = period("12m")
    outcomes.kept_sections(summary_run, when, None, suppress=True)
    ProtectedCounts.objects.filter(run=summary_run).update(table={"sections": "bm90IGEgcGlja2xl"})

    sections = outcomes.kept_sections(summary_run, when, None, suppress=True)

    assert [s.key for s in sections] == [s.key for s in outcomes.build(summary_run, when, None).sections]


def test_a_kept_page_is_stored_as_plain_json_and_reads_back_as_built(summary_run):
    from eenplan.reports.tables import period

    when = period("12m")
    built = outcomes.build(summary_run, when, None).sections
    outcomes.kept_sections(summary_run, when, None, suppress=True)
    stored = ProtectedCounts.objects.get(run=summary_run, key__isnull=False, table__has_key="sections").table

    read_back = outcomes.kept_sections(summary_run, when, None, suppress=True)

    assert all(isinstance(section, dict) for section in stored["sections"])  # data, not a pickle to unpickle
    assert read_back == built
    assert any(section.chart is not None for section in read_back)
