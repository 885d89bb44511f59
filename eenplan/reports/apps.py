# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Dashboards and exports with small-cell suppression (docs/reports.md). Holds no household-scoped rows: its
    summary counts name no household, so nothing is registered with access.registry."""

    name = "eenplan.reports"
    label = "reports"
    verbose_name = _("Reports")
