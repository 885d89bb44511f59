# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Account administration pages (*medewerkers*): invite, memberships, second factor, switching off with a handover."""
