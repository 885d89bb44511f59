# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Life domains of goals: the shared vocabulary lives in eenplan.domains."""

from eenplan.domains import DEFAULT_CATEGORY, LifeDomain

__all__ = ["DEFAULT_CATEGORY", "LifeDomain"]
