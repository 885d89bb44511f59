from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "eenplan.staff"
    label = "staff"
    verbose_name = "Medewerkers"
