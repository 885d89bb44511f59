# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "eenplan.portal"
    label = "portal"
    verbose_name = _("My EenPlan (resident portal)")

    def ready(self) -> None:
        from eenplan.access import registry
        from eenplan.portal import models

        registry.register(
            models.PortalAccount,
            household_field="resident__household",
            fixed_category="basis",
            resident_field="resident",
        )
        registry.register(
            models.ActivationLetter,
            household_field="resident__household",
            fixed_category="basis",
            resident_field="resident",
        )
        registry.register(models.PlanAgreement, household_field="plan__household", fixed_category="basis")
        registry.register(models.Message, household_field="household", fixed_category="basis")
        registry.register(
            models.CorrectionRequest, household_field="household", fixed_category="basis", resident_field="resident"
        )
