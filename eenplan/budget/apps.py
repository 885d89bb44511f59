# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "eenplan.budget"
    label = "budget"
    verbose_name = _("Neighbourhood budget")

    def ready(self) -> None:
        from eenplan.access import registry
        from eenplan.budget.models import Commitment

        # A commitment is a financial record about the household (money the team spends for it, to whom, paid
        # when): category financiën, whatever the action's own category (docs/budget.md, "Privacy").
        registry.register(Commitment, household_field="household", fixed_category="financien")
