# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Retention (DESIGN.md §3): Wmo files 15 years after the help ended, Jeugdwet files 20 years, the access log at least
5 years. `retention_due` lists what is due in a review, a functional administrator confirms it, `retention_apply`
removes it with everything of the file, and records what it did. The dates are moved past the limits by `today=`:
the help ends today, the check runs 15 (or 20) years later, a day before and a day after the limit."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.db.models.deletion import ProtectedError
from django.utils import timezone

from eenplan.access import log
from eenplan.access.models import AccessLogEntry, Consent
from eenplan.households.models import Household, Resident
from eenplan.intake.models import Intake
from eenplan.plans import services
from eenplan.plans.models import Action, Goal, Plan, PlanStatus
from eenplan.retention import due, removal
from eenplan.retention.models import (
    CaseClosure,
    ItemOutcome,
    LegalBasis,
    RetentionItem,
    RetentionPeriod,
    RetentionReview,
    ReviewStatus,
)
from tests import access_helpers as story
from tests.app_imports import imports

pytestmark = pytest.mark.django_db

ENDED = timezone.localdate()


def years_later(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


ONE_DAY = datetime.timedelta(days=1)
WMO_LIMIT = years_later(ENDED, 15)
JEUGDWET_LIMIT = years_later(ENDED, 20)


def close(household: Household, basis: str, by, ended_on: datetime.date = ENDED) -> CaseClosure:
    return CaseClosure.objects.create(household=household, legal_basis=basis, help_ended_on=ended_on, recorded_by=by)


def due_ids(today: datetime.date) -> list[int]:
    return list(due.due_closures(today).values_list("household_id", flat=True))


@pytest.fixture
def wmo_household(household, professional) -> Household:
    close(household, LegalBasis.WMO, professional)
    return household


@pytest.fixture
def file_with_everything(wmo_household, professional) -> Household:
    """A closed Wmo household with a finished plan (goal, action, referral), a consent, an intake, history rows."""
    plan = story.plan_with_goal_and_action(wmo_household, professional)
    services.agree(plan, on=ENDED, method="in_persoon")
    services.finish(plan, status=PlanStatus.AFGESLOTEN, evaluation="Rust over geld")
    partner = story.partner_organisation()
    story.grant_consent(wmo_household, partner, ["financien"], recorded_by=professional)
    story.referral_to(wmo_household, partner, professional)
    story.intake_for(wmo_household, professional)
    for _ in range(2):
        log.append(
            AccessLogEntry(
                user=professional,
                household_id=wmo_household.pk,
                action="view",
                object_type="household",
                justification="team_task",
                request_id="r",
            )
        )
    return wmo_household


def confirmed_review(by, today: datetime.date) -> RetentionReview:
    review = due.list_due(today)
    assert review is not None
    return removal.confirm(review, by=by)


# -- the periods are data -------------------------------------------------------------------------------------------


def test_the_default_periods_are_seeded_as_data():
    periods = dict(RetentionPeriod.objects.values_list("subject", "years"))
    assert periods == {"wmo": 15, "jeugdwet": 20, "participatiewet": None, "access_log": 5}


def test_a_changed_period_changes_what_is_due(wmo_household):
    RetentionPeriod.objects.filter(subject="wmo").update(years=10)
    assert due_ids(years_later(ENDED, 10) + ONE_DAY) == [wmo_household.pk]


def test_a_legal_basis_without_a_period_is_never_due(household, professional):
    close(household, LegalBasis.PARTICIPATIEWET, professional)
    assert due_ids(years_later(ENDED, 50)) == []


# -- what is due ----------------------------------------------------------------------------------------------------


def test_a_wmo_household_closed_15_years_and_a_day_ago_is_due(wmo_household):
    assert due_ids(WMO_LIMIT + ONE_DAY) == [wmo_household.pk]


def test_a_wmo_household_closed_a_day_short_of_15_years_ago_is_not_due(wmo_household):
    assert due_ids(WMO_LIMIT - ONE_DAY) == []


def test_a_wmo_household_is_still_kept_on_the_day_its_15_years_end(wmo_household):
    assert due_ids(WMO_LIMIT) == []


def test_a_jeugdwet_household_closed_20_years_and_a_day_ago_is_due(household, professional):
    close(household, LegalBasis.JEUGDWET, professional)
    assert due_ids(JEUGDWET_LIMIT + ONE_DAY) == [household.pk]


def test_a_jeugdwet_household_closed_a_day_short_of_20_years_ago_is_not_due(household, professional):
    close(household, LegalBasis.JEUGDWET, professional)
    assert due_ids(JEUGDWET_LIMIT - ONE_DAY) == []


def test_a_jeugdwet_household_is_not_due_after_the_wmo_period(household, professional):
    close(household, LegalBasis.JEUGDWET, professional)
    assert due_ids(WMO_LIMIT + ONE_DAY) == []


def test_an_open_household_is_never_due(household):
    Household.objects.filter(pk=household.pk).update(created_at=timezone.now() - datetime.timedelta(days=365 * 40))
    assert due_ids(years_later(ENDED, 100)) == []


def test_a_closed_household_with_an_active_plan_is_not_due(wmo_household, professional):
    plan = services.start_plan(wmo_household, by=professional, regisseur=professional)
    Plan.objects.filter(pk=plan.pk).update(created_at=timezone.now() - datetime.timedelta(days=400))
    assert due_ids(WMO_LIMIT + ONE_DAY) == []


def test_a_household_whose_help_started_again_after_it_ended_is_not_due(household, professional):
    plan = story.plan_with_goal_and_action(household, professional)
    services.agree(plan, on=ENDED, method="in_persoon")
    services.finish(plan, status=PlanStatus.AFGESLOTEN, evaluation="Klaar")
    close(household, LegalBasis.WMO, professional, ended_on=ENDED - datetime.timedelta(days=30))
    assert due_ids(years_later(ENDED, 15) + ONE_DAY) == []


def test_access_log_entries_past_five_years_are_counted(wmo_household, professional):
    log.append(AccessLogEntry(user=professional, action="view", object_type="household", justification="team_task"))
    assert due.access_log_past_period(years_later(ENDED, 5) - ONE_DAY) == 0
    assert due.access_log_past_period(years_later(ENDED, 5) + ONE_DAY) == 1


# -- the review -----------------------------------------------------------------------------------------------------


def test_the_daily_command_records_a_review_of_numbers_only(wmo_household):
    out = io.StringIO()
    call_command("retention_due", today=WMO_LIMIT + ONE_DAY, stdout=out)
    review = RetentionReview.objects.get()
    item = review.items.get()
    assert (review.status, review.households) == (ReviewStatus.PENDING, 1)
    assert (item.household_id, item.legal_basis, item.help_ended_on) == (wmo_household.pk, "wmo", ENDED)
    assert "Vries" not in out.getvalue() and "Anna" not in out.getvalue()
    assert f"Review #{review.pk}: 1 household(s)" in out.getvalue()


def test_a_household_already_in_an_open_review_is_not_listed_again(wmo_household):
    due.list_due(WMO_LIMIT + ONE_DAY)
    assert due.list_due(WMO_LIMIT + 2 * ONE_DAY) is None
    assert RetentionItem.objects.count() == 1


def test_nothing_due_records_no_review(wmo_household):
    assert due.list_due(WMO_LIMIT - ONE_DAY) is None
    assert not RetentionReview.objects.exists()


# -- nothing is removed before confirmation -------------------------------------------------------------------------


def test_apply_leaves_an_unconfirmed_review_alone(file_with_everything):
    due.list_due(WMO_LIMIT + ONE_DAY)
    call_command("retention_apply", today=WMO_LIMIT + ONE_DAY, stdout=io.StringIO())
    assert Household.objects.filter(pk=file_with_everything.pk).exists()
    assert RetentionReview.objects.get().status == ReviewStatus.PENDING


def test_an_unconfirmed_review_cannot_be_carried_out(file_with_everything):
    review = due.list_due(WMO_LIMIT + ONE_DAY)
    with pytest.raises(removal.ReviewStateError):
        removal.carry_out(review, WMO_LIMIT + ONE_DAY)
    assert Household.objects.filter(pk=file_with_everything.pk).exists()


def test_a_review_is_confirmed_only_once(wmo_household, functional_admin):
    review = confirmed_review(functional_admin, WMO_LIMIT + ONE_DAY)
    with pytest.raises(removal.ReviewStateError):
        removal.confirm(review, by=functional_admin)


# -- after confirmation ---------------------------------------------------------------------------------------------


def test_a_confirmed_household_is_removed_with_its_residents_plans_and_everything_below(
    file_with_everything, functional_admin
):
    household_id = file_with_everything.pk
    confirmed_review(functional_admin, WMO_LIMIT + ONE_DAY)
    call_command("retention_apply", today=WMO_LIMIT + ONE_DAY, stdout=io.StringIO())
    assert not Household.objects.filter(pk=household_id).exists()
    assert not Resident.objects.filter(household_id=household_id).exists()
    assert not Plan.objects.exists() and not Goal.objects.exists() and not Action.objects.exists()
    assert not Consent.objects.exists() and not Intake.objects.exists()
    assert not CaseClosure.objects.exists()


def test_a_removed_household_leaves_no_history_rows(file_with_everything, functional_admin):
    assert Plan.history.exists() and Consent.history.exists()  # the file had history
    confirmed_review(functional_admin, WMO_LIMIT + ONE_DAY)
    call_command("retention_apply", today=WMO_LIMIT + ONE_DAY, stdout=io.StringIO())
    from eenplan.referrals.models import Referral

    histories = [Plan.history, Goal.history, Action.history, Consent.history, Referral.history]
    assert [manager.count() for manager in histories] == [0, 0, 0, 0, 0]


def test_the_review_records_what_was_removed(file_with_everything, functional_admin):
    review = confirmed_review(functional_admin, WMO_LIMIT + ONE_DAY)
    review = removal.carry_out(review, WMO_LIMIT + ONE_DAY)
    item = review.items.get()
    assert (review.status, review.removed, review.anonymised, review.skipped) == (ReviewStatus.DONE, 1, 0, 0)
    assert item.outcome == ItemOutcome.REMOVED
    assert item.removed_rows["households.Household"] == 1 and item.removed_rows["households.Resident"] == 1
    assert item.removed_rows["plans.HistoricalPlan"] >= 1


def test_the_access_log_still_verifies_after_a_removal(file_with_everything, functional_admin, settings, tmp_path):
    settings.ACCESS_LOG_ANCHOR_DIR = tmp_path / "anchors"
    entries = AccessLogEntry.objects.count()
    confirmed_review(functional_admin, WMO_LIMIT + ONE_DAY)
    call_command("retention_apply", today=WMO_LIMIT + ONE_DAY, stdout=io.StringIO())
    out = io.StringIO()
    call_command("verify_access_log", stdout=out)
    assert AccessLogEntry.objects.count() == entries
    assert out.getvalue().startswith(f"OK: {entries} entries")


def test_the_other_households_stay(wmo_household, professional, functional_admin, other_team_household):
    confirmed_review(functional_admin, WMO_LIMIT + ONE_DAY)
    call_command("retention_apply", today=WMO_LIMIT + ONE_DAY, stdout=io.StringIO())
    assert list(Household.objects.values_list("pk", flat=True)) == [other_team_household.pk]


def test_a_household_whose_help_started_again_before_apply_is_skipped(wmo_household, professional, functional_admin):
    review = confirmed_review(functional_admin, WMO_LIMIT + ONE_DAY)
    services.start_plan(wmo_household, by=professional, regisseur=professional)
    review = removal.carry_out(review, WMO_LIMIT + ONE_DAY)
    assert review.items.get().outcome == ItemOutcome.SKIPPED and review.skipped == 1
    assert Household.objects.filter(pk=wmo_household.pk).exists()


def test_a_household_whose_removal_is_refused_is_anonymised(file_with_everything, functional_admin, monkeypatch):
    def refuse(household):
        raise ProtectedError("protected", {file_with_everything})

    monkeypatch.setattr(removal, "remove_household", refuse)
    review = removal.carry_out(confirmed_review(functional_admin, WMO_LIMIT + ONE_DAY), WMO_LIMIT + ONE_DAY)
    item = review.items.get()
    resident = Resident.objects.get(household_id=file_with_everything.pk)
    assert item.outcome == ItemOutcome.ANONYMISED and "households.Household" in item.note
    assert (resident.first_name, resident.last_name, resident.bsn) == ("—", "—", "")
    assert Household.objects.get(pk=file_with_everything.pk).street == "—"
    assert not Plan.history.exists()


# -- the functional administrator confirms in /beheer/ --------------------------------------------------------------


def test_a_functional_administrator_confirms_a_review_in_the_admin(admin_client, wmo_household, functional_admin):
    review = due.list_due(WMO_LIMIT + ONE_DAY)
    response = admin_client.post(
        "/beheer/retention/retentionreview/", {"action": "confirm", "_selected_action": [review.pk]}
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.status, review.confirmed_by) == (ReviewStatus.CONFIRMED, functional_admin)


def test_the_review_page_names_no_resident(admin_client, wmo_household):
    review = due.list_due(WMO_LIMIT + ONE_DAY)
    page = admin_client.get(f"/beheer/retention/retentionreview/{review.pk}/change/").content.decode()
    assert str(wmo_household.pk) in page
    assert "Vries" not in page and "Anna" not in page and "Lange Nieuwstraat" not in page


def test_a_functional_administrator_changes_a_period(admin_client):
    period = RetentionPeriod.objects.get(subject="participatiewet")
    response = admin_client.post(
        f"/beheer/retention/retentionperiod/{period.pk}/change/",
        {"years": "10", "counted_from": "the day the help ended", "source": "selectielijst"},
    )
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.years == 10


def test_a_professional_cannot_open_the_reviews(verified_client):
    response = verified_client.get("/beheer/retention/retentionreview/")
    assert response.status_code in (302, 403)


# -- architecture ---------------------------------------------------------------------------------------------------


def test_retention_sits_above_access_and_imports_only_what_it_removes():
    assert imports("retention") <= {"accounts", "households", "access", "plans", "intake"}
