from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "eenplan.web"
    label = "web"
    verbose_name = _("Base user interface")

    def ready(self) -> None:
        from django import forms

        # Every form is validated on the server with clear Dutch messages (and rendered with novalidate); the
        # browser's own "required" check would only paint empty fields red before anyone typed.
        forms.BaseForm.use_required_attribute = False
