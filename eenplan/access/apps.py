from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "eenplan.access"
    label = "access"
    verbose_name = _("Access, consent and access log")

    def ready(self) -> None:
        from eenplan.access import checks, registry
        from eenplan.households.models import Resident

        # Residents' identity and contact details are the "basis" category of every household.
        registry.register(Resident, household_field="household", fixed_category="basis")
        del checks  # imported for its @register side effect
