# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Feature apps register their household-scoped models here; `access` never imports a feature app.

A registration says how to reach the household from a row and which information category (*informatiecategorie*)
the row belongs to: a fixed one for the whole model, or a field on each row.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class HouseholdScoped:
    model: type[models.Model]
    household_field: str
    category_field: str | None = None
    fixed_category: str | None = None
    assignee_field: str | None = None
    resident_field: str | None = None


_registry: dict[type[models.Model], HouseholdScoped] = {}


def register(
    model: type[models.Model],
    *,
    household_field: str = "household",
    category_field: str | None = None,
    fixed_category: str | None = None,
    assignee_field: str | None = None,
    resident_field: str | None = None,
) -> None:
    """`assignee_field` names the user a row is assigned to: volunteers see exactly those rows.
    `resident_field` names the resident a row is about: a consent given for one resident covers only their rows."""
    if (category_field is None) == (fixed_category is None):
        raise ValueError("Give exactly one of category_field or fixed_category.")
    _registry[model] = HouseholdScoped(
        model, household_field, category_field, fixed_category, assignee_field, resident_field
    )


def registration(model: type[models.Model]) -> HouseholdScoped:
    try:
        return _registry[model]
    except KeyError as exc:
        raise LookupError(f"{model.__name__} is not registered as household-scoped with eenplan.access.") from exc


def registered_models() -> list[type[models.Model]]:
    return list(_registry)


def household_id_of(row: models.Model) -> int:
    """Follow the registered household path of a row ("plan__household") to the household's id."""
    target: object = row
    path = registration(type(row)).household_field.split("__")
    for step in path[:-1]:
        target = getattr(target, step)
    value = getattr(target, f"{path[-1]}_id")
    return int(value)
