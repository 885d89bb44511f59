# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "eenplan.api"
    label = "api"
    verbose_name = _("Exchange (API)")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from eenplan.api.webhooks import referral_event_saved
        from eenplan.referrals.models import ReferralEvent

        # Outgoing events for referral state changes (signed webhooks); the referrals app knows nothing of the API.
        post_save.connect(referral_event_saved, sender=ReferralEvent, dispatch_uid="api_referral_webhooks")
