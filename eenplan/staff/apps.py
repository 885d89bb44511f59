# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "eenplan.staff"
    label = "staff"
    verbose_name = "Medewerkers"
