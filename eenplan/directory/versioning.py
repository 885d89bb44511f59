# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Versions of the sociale kaart's entries (services and contact persons).

- `save_as_one_version` saves an entry, then its relations (neighbourhoods, life domains), in one transaction and
  writes exactly one historical record of the result. (simple-history on its own writes a record on the save and
  another on every change of a many-to-many field, the first one without the new relations.)
- `entry_state` is what an entry looks like to the people who maintain it; a form compares the state it was
  opened on with what was typed, so that a save without changes writes nothing.
- `service_versions` turns a page of a service's historical records into "who changed what when", with readable
  labels and old → new values, for the *Versies* page.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from eenplan.accounts.models import Neighbourhood
from eenplan.directory.models import CONTACT_HISTORY, SERVICE_HISTORY, ContactPerson, Service
from eenplan.domains import LifeDomain

# The fields shown and compared, in the order of the form. Not shown: the organisation (it cannot change),
# the last-changed time (it changes on every save) and the identifiers.
SERVICE_FIELDS = (
    "name",
    "description",
    "target_group",
    "life_domains",
    "neighbourhoods",
    "eligibility",
    "how_to_refer",
    "expected_response_days",
    "waiting_time_days",
    "opening_hours",
    "street",
    "postcode",
    "city",
    "phone",
    "email",
    "url",
    "status",
)
CONTACT_FIELDS = ("name", "role", "phone", "email", "service", "neighbourhoods")

# The change reason of the records an HSDS import writes.
IMPORT_REASON = "HSDS import"

_HISTORY = {Service: SERVICE_HISTORY, ContactPerson: CONTACT_HISTORY}
CHANGE_KIND = {"+": "created", "~": "changed", "-": "deleted"}

State = dict[str, Any]


def save_as_one_version(instance: Service | ContactPerson, save_relations: Callable[[], None]) -> None:
    """Save the entry and (through `save_relations`) its relations together; then write one historical record.

    The user of the record comes from the request (simple-history's middleware) unless `_history_user` is set on
    the instance, the reason from `_change_reason`.
    """
    history_type = "+" if instance.pk is None else "~"
    with transaction.atomic():
        instance.skip_history_when_saving = True  # type: ignore[union-attr]
        try:
            instance.save()
            save_relations()
        finally:
            del instance.skip_history_when_saving  # type: ignore[union-attr]
        _HISTORY[type(instance)].create_historical_record(instance, history_type)


def entry_state(
    instance: Service | ContactPerson, *, neighbourhood_ids: Iterable[int], domain_codes: Iterable[str] = ()
) -> State:
    """The compared fields of an entry; relations as sets, so their order does not count."""
    names = SERVICE_FIELDS if isinstance(instance, Service) else CONTACT_FIELDS
    state: State = {}
    for name in names:
        if name == "neighbourhoods":
            state[name] = frozenset(neighbourhood_ids)
        elif name == "life_domains":
            state[name] = frozenset(domain_codes)
        else:
            state[name] = getattr(instance, instance._meta.get_field(name).attname)  # type: ignore[union-attr]
    return state


def saved_state(instance: Service | ContactPerson) -> State:
    """The state of an entry as it is in the database now."""
    neighbourhood_ids = instance.neighbourhoods.values_list("pk", flat=True)
    if isinstance(instance, Service):
        return entry_state(
            instance, neighbourhood_ids=neighbourhood_ids, domain_codes=instance.domains.values_list("code", flat=True)
        )
    return entry_state(instance, neighbourhood_ids=neighbourhood_ids)


# --- showing values ------------------------------------------------------------------------------------------------


def field_label(model: type[models.Model], name: str) -> str:
    if name == "life_domains":
        return _("Life domains")
    return str(capfirst(model._meta.get_field(name).verbose_name))  # type: ignore[union-attr]


def shown_value(
    model: type[models.Model],
    name: str,
    value: Any,
    *,
    neighbourhood_names: dict[int, str],
    service_names: dict[int, str] | None = None,
) -> str:
    """A value as a person reads it: a choice by its label, life domains and neighbourhoods by their names."""
    if name == "life_domains":
        chosen = set(value or ())
        return ", ".join(str(label) for code, label in LifeDomain.choices if code in chosen)
    if name == "neighbourhoods":
        names = sorted(neighbourhood_names.get(pk, "?") for pk in value or ())
        if not names and model is Service:
            return _("whole municipality")
        return ", ".join(names)
    if name == "service":
        return (service_names or {}).get(value, "") if value else ""
    if value is None:
        return ""
    model_field = model._meta.get_field(name)
    if getattr(model_field, "choices", None):
        return str(dict(model_field.flatchoices).get(value, value))  # type: ignore[union-attr]
    return str(value)


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class Version:
    when: datetime.datetime
    who: str
    kind: str  # "created", "changed" or "deleted"
    imported: bool
    changes: list[FieldChange] = field(default_factory=list)


def differences(
    model: type[models.Model],
    before: State | None,
    after: State,
    *,
    neighbourhood_names: dict[int, str],
    service_names: dict[int, str] | None = None,
) -> list[FieldChange]:
    """The fields that differ, old → new. Without `before` (a new entry): every field that has a value.

    A value of None in a state means "not recorded" for the life domains of old records: not compared.
    """
    names = SERVICE_FIELDS if model is Service else CONTACT_FIELDS
    changes = []
    for name in names:
        new = after.get(name)
        old = before.get(name) if before is not None else None
        if name == "life_domains" and (new is None or (before is not None and old is None)):
            continue
        if before is not None and old == new:
            continue
        if before is None and new in (None, "", frozenset()) and name != "neighbourhoods":
            continue

        def show(value: Any, name: str = name) -> str:
            return shown_value(model, name, value, neighbourhood_names=neighbourhood_names, service_names=service_names)

        changes.append(FieldChange(field_label(model, name), show(old) if before is not None else "", show(new)))
    return changes


def _record_state(record: Any, neighbourhood_ids: Iterable[int]) -> State:
    state: State = {}
    for name in SERVICE_FIELDS:
        if name == "neighbourhoods":
            state[name] = frozenset(neighbourhood_ids)
        elif name == "life_domains":
            codes = record.life_domain_codes()
            state[name] = None if codes is None else frozenset(codes)
        else:
            state[name] = getattr(record, name)
    return state


def service_versions(records: Sequence[Any], *, older: Any | None) -> list[Version]:
    """Versions of one service, newest first, from its historical records (newest first) and the record just
    before the oldest of them (None if that is the first). Three queries, whatever the number of records."""
    chain = [*records, *([older] if older is not None else [])]
    m2m_model = Service.history.model.neighbourhoods.model
    served: dict[int, list[int]] = {record.history_id: [] for record in chain}
    for history_id, neighbourhood_id in m2m_model.objects.filter(history_id__in=list(served)).values_list(
        "history_id", "neighbourhood_id"
    ):
        served[history_id].append(neighbourhood_id)
    names = dict(Neighbourhood.objects.values_list("pk", "name")) if any(served.values()) else {}
    states = [_record_state(record, served[record.history_id]) for record in chain]
    versions = []
    for index, record in enumerate(records):
        before = states[index + 1] if index + 1 < len(states) else None
        kind = CHANGE_KIND.get(record.history_type, "changed")
        versions.append(
            Version(
                when=record.history_date,
                who=record.history_user.full_name if record.history_user else "",
                kind=kind,
                imported=record.history_change_reason == IMPORT_REASON,
                changes=[]
                if kind == "deleted"
                else differences(Service, before, states[index], neighbourhood_names=names),
            )
        )
    return versions
