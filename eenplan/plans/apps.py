# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "eenplan.plans"
    label = "plans"
    verbose_name = _("Plans")

    def ready(self) -> None:
        from eenplan.access import registry
        from eenplan.plans import models

        registry.register(models.Plan, household_field="household", fixed_category="basis")
        registry.register(models.Goal, household_field="plan__household", category_field="category")
        registry.register(
            models.Action, household_field="plan__household", category_field="category", assignee_field="owner_user"
        )
        registry.register(models.CareTeamMember, household_field="household", fixed_category="basis")
        registry.register(models.NetworkMember, household_field="household", fixed_category="basis")
        registry.register(models.JournalNote, household_field="household", category_field="category")
