# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Fixtures of the demo tests."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def in_development(settings):
    """Demo data exists only in development (DEBUG); tests/project/test_production_settings.py proves the refusal."""
    settings.DEBUG = True
