# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""One date format across the app (FORMAT_MODULE_PATH): "20 november 2026", with the time "20 november 2026 14:05".

Templates write ``|date`` for a day and ``|date:"DATETIME_FORMAT"`` where the time matters; Python code uses
``formats.date_format(value, "DATE_FORMAT")``. No template spells out its own format.
"""
