from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibConfig(AppConfig):
    """An app only for its form templates (`forms/form.html`, `forms/field.html`) and the one global form setting."""

    name = "eenplan.lib"
    label = "lib"
    verbose_name = _("Shared helpers")

    def ready(self) -> None:
        from django import forms

        # Every form is validated on the server with clear Dutch messages (and rendered with novalidate); the
        # browser's own "required" check would only paint empty fields red before anyone typed.
        forms.BaseForm.use_required_attribute = False
