# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibConfig(AppConfig):
    """An app for its form templates (`forms/form.html`, `forms/field.html`), the one global form setting, the
    `<id:...>` path converter and the `__in` lookup that survives numbers beyond an integer column's range."""

    name = "eenplan.lib"
    label = "lib"
    verbose_name = _("Shared helpers")

    def ready(self) -> None:
        from django import forms

        # Every form is validated on the server with clear Dutch messages (and rendered with novalidate); the
        # browser's own "required" check would only paint empty fields red before anyone typed.
        forms.BaseForm.use_required_attribute = False

        from django.urls import register_converter

        from eenplan.lib import lookups
        from eenplan.lib.converters import IdConverter

        # Before any urls.py is read (the URLconf loads after every app is ready): ids in URLs are `<id:pk>`.
        register_converter(IdConverter, "id")
        lookups.register()
