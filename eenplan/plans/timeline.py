# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The household timeline (journal notes and plan changes) and the plan's change history, per category.

Both read a bounded window of the newest events (constant queries, whatever the size of the file) and
paginate it; older events stay in the database and in the history tables.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from eenplan.access.policy import Decision
from eenplan.households.models import Household, Resident
from eenplan.plans.models import Action, Goal, JournalNote, Plan

WINDOW = 300

# Later features (referrals) add their events to the timeline without plans importing them.
TimelineSource = Callable[[Household, Decision], list["TimelineEntry"]]
_sources: list[TimelineSource] = []


def register_source(source: TimelineSource) -> None:
    if source not in _sources:
        _sources.append(source)


TRACKED_FIELDS = {
    Plan: ["status", "summary", "own_strength", "agreed_on", "agreement_method", "evaluation_date", "evaluation"],
    Goal: ["domain", "resident_words", "professional_view", "achieved", "category"],
    Action: [
        "description",
        "goal",
        "status",
        "due_date",
        "owner_kind",
        "owner_user",
        "owner_organisation",
        "owner_resident",
        "owner_network_member",
        "category",
        "cost",
        "funding",
    ],
}
# Joined to the versions (simple-history keeps them as foreign keys), so a changed owner or goal is named
# without a query per version; one whose row was deleted since shows as "(removed)".
RELATIONS = {
    model: [name for name in names if model._meta.get_field(name).is_relation]
    for model, names in TRACKED_FIELDS.items()
}
KIND_LABEL = {Plan: "plan", Goal: "goal", Action: "action"}
CHANGE_LABEL = {"+": "created", "~": "changed", "-": "deleted"}


@dataclass
class Change:
    when: datetime.datetime
    who: str
    kind: str
    change: str
    title: str
    fields: list[tuple[str, Any, Any]] = field(default_factory=list)


@dataclass
class TimelineEntry:
    when: datetime.datetime
    kind: str
    title: str
    text: str
    who: str
    category: str


def _display(field: Any, value: Any) -> Any:
    """Show a choice by its label ("Bezig", not "bezig") in the user's language."""
    if value is None or not getattr(field, "choices", None):
        return value
    return dict(field.flatchoices).get(value, value)


def _title(model: type, record: Any) -> str:
    if model is Plan:
        return _("Plan version %(number)s") % {"number": record.number}
    if model is Goal:
        return str(record.resident_words)[:80]
    return str(record.description)[:80]


def _category_code(model: type, category_id: int | None, categories: dict[int, str]) -> str:
    if model is Plan:
        return "basis"
    return categories.get(category_id or 0, "basis")


def _current_category_ids(model: type, plan_ids: list[int], records: list[Any]) -> dict[int, int]:
    """The category each goal or action HAS now: the live row's, or for a deleted one its last version's."""
    if model is not Goal and model is not Action:
        return {}
    current = {record.id: record.category_id for record in records}  # sorted oldest first: the last one wins
    live = Goal.objects if model is Goal else Action.objects
    current.update(live.filter(plan_id__in=plan_ids).values_list("id", "category_id"))
    return current


def history_entries(household: Household, decision: Decision) -> list[Change]:
    """Every saved version of plan, goals and actions, newest first, with the fields that changed.

    A version is shown only when the decision allows both the category it HAD and the category its item HAS now
    (a goal moved out of a consented category takes its old versions with it, DESIGN.md §5.11); a linked goal or
    resident is named only as far as the decision shows it."""
    from eenplan.access.models import InformationCategory

    categories = dict(InformationCategory.objects.values_list("id", "code"))
    changes: list[Change] = []
    plan_ids = list(Plan.objects.filter(household=household).values_list("id", flat=True))
    for model in (Plan, Goal, Action):
        history_model = model.history.model  # type: ignore[attr-defined]
        filters = {"household_id": household.pk} if model is Plan else {"plan_id__in": plan_ids}
        records = list(
            history_model.objects.filter(**filters)
            .select_related("history_user", *RELATIONS[model])
            .order_by("-history_id")[:WINDOW]
        )
        records.sort(key=lambda r: (r.id, r.history_date, r.history_id))
        current = _current_category_ids(model, plan_ids, records)
        previous: dict[int, Any] = {}
        for record in records:
            had = _category_code(model, getattr(record, "category_id", None), categories)
            has = _category_code(model, current.get(record.id), categories)
            if not (decision.allows_category(had) and decision.allows_category(has)):
                continue
            before = previous.get(record.id)
            fields = []
            for name in TRACKED_FIELDS[model]:
                field = model._meta.get_field(name)
                attname = field.attname  # type: ignore[union-attr]
                new_value = getattr(record, attname)
                old_value = getattr(before, attname) if before is not None else None
                if before is None or old_value != new_value:
                    if before is None and new_value in ("", None, False):
                        continue
                    if field.is_relation:
                        old_shown = (
                            _related_name(getattr(before, name), decision, categories)
                            if old_value is not None
                            else None
                        )
                        new_shown = (
                            _related_name(getattr(record, name), decision, categories)
                            if new_value is not None
                            else None
                        )
                        fields.append((str(field.verbose_name), old_shown, new_shown))  # type: ignore[union-attr]
                    else:
                        fields.append((str(field.verbose_name), _display(field, old_value), _display(field, new_value)))  # type: ignore[union-attr]
            previous[record.id] = record
            if before is not None and not fields and record.history_type == "~":
                continue
            changes.append(
                Change(
                    when=record.history_date,
                    who=record.history_user.full_name if record.history_user else "",
                    kind=KIND_LABEL[model],
                    change=CHANGE_LABEL[record.history_type],
                    title=_title(model, record),
                    fields=fields,
                )
            )
    changes.sort(key=lambda c: c.when, reverse=True)
    return changes


def _related_name(obj: Any, decision: Decision, categories: dict[int, str]) -> str:
    """A linked goal or owner as this decision may show it: a goal only in an allowed category, a resident only
    when the consent covers them (DESIGN.md §5.10); otherwise a neutral label."""
    if obj is None:
        return _("(removed)")
    if isinstance(obj, Goal):
        if not decision.allows_category(categories.get(obj.category_id, "basis")):
            return _("(not shared with you)")
        return str(obj.resident_words)[:80]
    if isinstance(obj, Resident) and not decision.shows_resident(obj.pk):
        return _("another household member")
    return str(getattr(obj, "full_name", "") or obj)


def timeline_entries(household: Household, decision: Decision) -> list[TimelineEntry]:
    notes = (
        decision.scoped(JournalNote.objects.filter(household=household))
        .select_related("author", "category")
        .order_by("-happened_on", "-id")[:WINDOW]
    )
    entries = [
        TimelineEntry(
            when=datetime.datetime.combine(note.happened_on, datetime.time(12), tzinfo=datetime.UTC),
            kind="note",
            title=_("Note"),
            text=note.text,
            who=note.author.full_name,
            category=str(note.category),
        )
        for note in notes
    ]
    for change in history_entries(household, decision)[:WINDOW]:
        entries.append(
            TimelineEntry(
                when=change.when,
                kind=change.kind,
                title=change.title,
                text="",
                who=change.who,
                category=change.change,
            )
        )
    for source in _sources:
        entries.extend(source(household, decision))
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries
