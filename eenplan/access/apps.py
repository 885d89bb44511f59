# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "eenplan.access"
    label = "access"
    verbose_name = _("Access, consent and access log")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from eenplan.access import categories, checks, registry
        from eenplan.access.models import ConsentProposal, InformationCategory, MemberAccessGrant
        from eenplan.households.models import Resident

        post_save.connect(categories.forget, sender=InformationCategory, dispatch_uid="forget-categories-on-save")
        post_delete.connect(categories.forget, sender=InformationCategory, dispatch_uid="forget-categories-on-delete")

        # Residents' identity and contact details are the "basis" category of every household.
        registry.register(Resident, household_field="household", fixed_category="basis", resident_field="pk")
        registry.register(ConsentProposal, household_field="household", fixed_category="basis")
        registry.register(
            MemberAccessGrant, household_field="household", fixed_category="basis", resident_field="from_resident"
        )
        del checks  # imported for its @register side effect
