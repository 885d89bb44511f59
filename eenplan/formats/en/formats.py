# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""English date formats, the same shape as the Dutch ones: "20 November 2026", "20 November 2026 14:05"."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
