# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    name = "eenplan.collaboration"
    label = "collaboration"
    verbose_name = _("Working together")

    def ready(self) -> None:
        from eenplan.access import registry
        from eenplan.collaboration import models
        from eenplan.collaboration.timeline import collaboration_entries
        from eenplan.plans import timeline

        registry.register(models.CaseConference, household_field="household", fixed_category="basis")
        registry.register(models.ConferenceParticipant, household_field="conference__household", fixed_category="basis")
        registry.register(models.AgendaItem, household_field="conference__household", category_field="category")
        registry.register(models.ConferenceDecision, household_field="conference__household", category_field="category")
        registry.register(
            models.Escalation, household_field="household", category_field="category", assignee_field="decider"
        )
        registry.register(models.BarrierSource, household_field="household", fixed_category="basis")
        timeline.register_source(collaboration_entries)
