# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The duplicate check: is this person already known? By name and date of birth, or by name and postcode."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from eenplan.households.models import Resident
from eenplan.intake.models import IntakeRequest


@dataclass
class Candidate:
    resident: Resident
    reasons: list[str]


def candidates(request: IntakeRequest, limit: int = 10) -> list[Candidate]:
    last = request.last_name.strip()
    if not last:
        return []
    # "de Vries" as typed by a resident is prefix "de" + last name "Vries" in a file.
    prefix, _space, bare = last.rpartition(" ")
    same_name = Q(last_name__iexact=last)
    if prefix:
        same_name |= Q(last_name__iexact=bare, name_prefix__iexact=prefix)
    matches = same_name & Q(household__postcode=request.postcode)
    if request.date_of_birth:
        matches |= same_name & Q(date_of_birth=request.date_of_birth)
        matches |= Q(first_name__iexact=request.first_name.strip(), date_of_birth=request.date_of_birth)
    found = Resident.objects.filter(matches).select_related("household", "household__owning_team")[:limit]
    result = []
    for resident in found:
        reasons = []
        if resident.family_name_display.lower() == last.lower() or resident.last_name.lower() == last.lower():
            reasons.append("name")
        if request.date_of_birth and resident.date_of_birth == request.date_of_birth:
            reasons.append("date_of_birth")
        if resident.household.postcode == request.postcode:
            reasons.append("postcode")
        result.append(Candidate(resident, reasons))
    return result
