# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Carrying out a confirmed review: remove each household that is still due, with everything of its file.

Removed with the household: its residents and relationships, plans with goals and actions, care team, network,
journal, consents, assessments, intakes, referrals (everything that cascades from the household), the requests for
help that became or signalled it, its emergency accesses, and every history row (django-simple-history) of all of
those, including versions of rows that were deleted earlier. The access log is not touched: it names households by
number only and is kept for its own period (docs/privacy.md#retention).

When removal is refused (a row elsewhere protects the household), the household is anonymised instead: names,
address, contact details, BSN, free text and history are wiped, and the item records what blocked the removal.
Either way the item records counts per kind; nothing is removed silently.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from typing import Any

from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.db.models.deletion import ProtectedError, RestrictedError
from django.utils import timezone

from eenplan.access.models import BreakGlassAccess
from eenplan.accounts.models import User
from eenplan.households.models import Household, Resident
from eenplan.intake.models import IntakeRequest
from eenplan.plans.models import Action, Goal, JournalNote, NetworkMember, Plan
from eenplan.retention.due import is_due
from eenplan.retention.models import ItemOutcome, RetentionItem, RetentionReview, ReviewStatus

ANONYMOUS = "—"


class ReviewStateError(Exception):
    """The review is not in the state this step needs (e.g. carrying out an unconfirmed review)."""


@transaction.atomic
def confirm(review: RetentionReview, *, by: User) -> RetentionReview:
    """A functional administrator confirms a pending review; only then may it be carried out."""
    review = RetentionReview.objects.select_for_update().get(pk=review.pk)
    if review.status != ReviewStatus.PENDING:
        raise ReviewStateError(f"review {review.pk} is {review.status}, not pending")
    review.status, review.confirmed_by, review.confirmed_at = ReviewStatus.CONFIRMED, by, timezone.now()
    review.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    return review


def carry_out(review: RetentionReview, today: datetime.date | None = None) -> RetentionReview:
    """Remove (or anonymise) every household of a confirmed review that is still due on `today`; record it."""
    with transaction.atomic():
        review = RetentionReview.objects.select_for_update().get(pk=review.pk)
        if review.status != ReviewStatus.CONFIRMED:
            raise ReviewStateError(f"review {review.pk} is {review.status}, not confirmed")
    for item in review.items.filter(outcome=ItemOutcome.PENDING):
        _carry_out_item(item, today)
    outcomes = Counter(review.items.values_list("outcome", flat=True))
    review.removed = outcomes[ItemOutcome.REMOVED]
    review.anonymised = outcomes[ItemOutcome.ANONYMISED]
    review.skipped = outcomes[ItemOutcome.SKIPPED]
    review.status, review.carried_out_at = ReviewStatus.DONE, timezone.now()
    review.save(update_fields=["removed", "anonymised", "skipped", "status", "carried_out_at"])
    return review


@transaction.atomic
def _carry_out_item(item: RetentionItem, today: datetime.date | None) -> None:
    household = Household.objects.select_for_update().filter(pk=item.household_id).first()
    if household is None or not is_due(household.pk, today):
        item.outcome = ItemOutcome.SKIPPED
        item.note = "no longer due" if household is not None else "household no longer exists"
        item.save(update_fields=["outcome", "note"])
        return
    try:
        with transaction.atomic():
            counts = remove_household(household)
        item.outcome = ItemOutcome.REMOVED
    except (ProtectedError, RestrictedError, IntegrityError) as refusal:
        counts = anonymise_household(household)
        item.outcome = ItemOutcome.ANONYMISED
        item.note = f"removal refused by {_blockers(refusal)}"[:300]
    item.removed_rows = dict(sorted(counts.items()))
    item.save(update_fields=["outcome", "note", "removed_rows"])


def _blockers(refusal: Exception) -> str:
    """The kinds of rows that refused the removal, never their content."""
    objects = getattr(refusal, "protected_objects", None) or getattr(refusal, "restricted_objects", None)
    if not objects:
        return type(refusal).__name__
    return ", ".join(sorted({obj._meta.label for obj in objects}))


def _delete(queryset: models.QuerySet[Any]) -> Counter[str]:
    _total, per_model = queryset.delete()
    return Counter({label: count for label, count in per_model.items() if count})


def remove_household(household: Household) -> Counter[str]:
    """Delete the household and its whole file; the counts of deleted rows per model label."""
    household_id = household.pk
    counts: Counter[str] = Counter()
    # Requests for help that became this household, or signalled a worry about it, are part of its file.
    counts += _delete(IntakeRequest.objects.filter(Q(household_id=household_id) | Q(signal_household_id=household_id)))
    counts += _delete(BreakGlassAccess.objects.filter(household_id=household_id))  # protects the household
    counts += _delete(Plan.objects.filter(household_id=household_id))  # first: its actions protect network members
    counts += _delete(Household.objects.filter(pk=household_id))
    counts += delete_history(household_id)
    return counts


def anonymise_household(household: Household) -> Counter[str]:
    """Wipe who the household is and what was written about it, where its row cannot be removed."""
    household_id = household.pk
    counts: Counter[str] = Counter()
    Household.objects.filter(pk=household_id).update(
        street=ANONYMOUS, house_number="", postcode="", city="", display_name=ANONYMOUS, sort_name=ANONYMOUS.lower()
    )
    for resident in Resident.objects.filter(household_id=household_id):
        resident.first_name, resident.name_prefix, resident.last_name = ANONYMOUS, "", ANONYMOUS
        resident.date_of_birth = resident.date_of_birth.replace(month=1, day=1)
        resident.bsn, resident.email, resident.phone = "", "", ""
        resident.save()  # through save(): the BSN's lookup digest is cleared with it
    NetworkMember.objects.filter(household_id=household_id).update(name=ANONYMOUS, phone="", email="", contribution="")
    plans = Plan.objects.filter(household_id=household_id)
    plans.update(summary="", own_strength="", evaluation="")
    Goal.objects.filter(plan__in=plans).update(resident_words=ANONYMOUS, professional_view="")
    Action.objects.filter(plan__in=plans).update(description=ANONYMOUS)
    counts += _delete(JournalNote.objects.filter(household_id=household_id))
    counts += _delete(IntakeRequest.objects.filter(Q(household_id=household_id) | Q(signal_household_id=household_id)))
    counts += delete_history(household_id)
    return counts


# -- history rows ---------------------------------------------------------------------------------------------------


def _history_models() -> list[type[models.Model]]:
    """Every django-simple-history model (they carry `instance_type`, the model they track), m2m ones first."""
    found = [model for model in apps.get_models() if hasattr(model, "instance_type")]
    return sorted(found, key=lambda model: not model.instance_type._meta.auto_created)  # type: ignore[attr-defined]


def _links(history_model: type[models.Model], ids: dict[type[models.Model], set[int]]) -> Q:
    """Rows of `history_model` that point at any collected object (by the tracked foreign keys, not history_user)."""
    condition = Q(pk__in=[])
    for field in history_model._meta.concrete_fields:
        target = field.related_model if field.is_relation else None
        if target is not None and field.name != "history_user" and ids.get(target):
            condition |= Q(**{f"{field.attname}__in": ids[target]})
    return condition


def delete_history(household_id: int) -> Counter[str]:
    """Delete every history row of the household's file, also of rows deleted earlier (and by this removal).

    Starting from the household, the ids of everything that ever hung below it are gathered from the history
    tables themselves (plans by household, goals and actions by plan, consents' categories by consent, …) until
    nothing new turns up; then every history row pointing at any of them goes.
    """
    history_models = _history_models()
    ids: dict[type[models.Model], set[int]] = defaultdict(set)
    ids[Household] = {household_id}
    ids[Resident] = set(Resident.objects.filter(household_id=household_id).values_list("pk", flat=True))
    grown = True
    while grown:
        grown = False
        for history_model in history_models:
            tracked: type[models.Model] = history_model.instance_type  # type: ignore[attr-defined]
            if tracked._meta.auto_created:
                continue  # m2m rows: nothing hangs below them
            found = set(history_model._default_manager.filter(_links(history_model, ids)).values_list("id", flat=True))
            if found - ids[tracked]:
                ids[tracked] |= found
                grown = True
    counts: Counter[str] = Counter()
    for history_model in history_models:
        counts += _delete(history_model._default_manager.filter(_links(history_model, ids)))
    return counts
