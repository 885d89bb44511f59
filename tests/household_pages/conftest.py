# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Fixtures for the household pages' tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.fixture
def registration(team) -> Callable[..., dict[str, object]]:
    """What a professional types on /huishoudens/nieuw/ to register Sanne van Dijk at Lange Nieuwstraat 12, Utrecht,
    in `team`: `registration()`, or `registration(bsn="")` with some fields changed."""

    def typed(**changes: object) -> dict[str, object]:
        data: dict[str, object] = {
            "street": "Lange Nieuwstraat",
            "house_number": "12",
            "postcode": "3512ab",
            "city": "Utrecht",
            "owning_team": team.pk,
            "first_name": "Sanne",
            "name_prefix": "van",
            "last_name": "Dijk",
            "date_of_birth": "1990-03-01",
            "bsn": "999990019",
            "email": "sanne@example.org",
            "phone": "06 12345678",
        }
        data.update(changes)
        return data

    return typed
