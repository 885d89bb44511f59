# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "eenplan.referrals"
    label = "referrals"
    verbose_name = _("Referrals")

    def ready(self) -> None:
        from eenplan.access import registry
        from eenplan.plans import timeline
        from eenplan.referrals.models import Referral
        from eenplan.referrals.timeline import referral_entries

        registry.register(Referral, household_field="household", fixed_category="basis")
        timeline.register_source(referral_entries)
