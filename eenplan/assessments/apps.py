# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "eenplan.assessments"
    label = "assessments"
    verbose_name = _("Assessments")

    def ready(self) -> None:
        from eenplan.access import registry
        from eenplan.assessments.models import Assessment

        registry.register(Assessment, household_field="household", fixed_category="basis", resident_field="resident")
