# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Dutch date formats: "20 november 2026", "20 november 2026 14:05" (the other formats are Django's)."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
