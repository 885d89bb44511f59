# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "eenplan.retention"
    label = "retention"
    verbose_name = _("Retention")

    def ready(self) -> None:
        from eenplan.access import registry
        from eenplan.retention.models import CaseClosure

        registry.register(CaseClosure, household_field="household", fixed_category="basis")
