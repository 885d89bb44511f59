# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HouseholdPagesConfig(AppConfig):
    name = "eenplan.household_pages"
    label = "household_pages"
    verbose_name = _("Household pages")
