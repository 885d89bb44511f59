# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    name = "eenplan.ops"
    label = "ops"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from eenplan.ops import metrics

        metrics.connect_signals()
