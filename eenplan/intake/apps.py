# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "eenplan.intake"
    label = "intake"
    verbose_name = _("Access point and intake")

    def ready(self) -> None:
        from eenplan.access import registry
        from eenplan.intake.models import Intake

        registry.register(Intake, household_field="household", fixed_category="basis")
