# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Form rendering with NL Design System markup for every form in EenPlan, and the status code of a form page."""

from django.forms.renderers import TemplatesSetting


class EenPlanFormRenderer(TemplatesSetting):
    """Renders every form with `forms/form.html` (error summary) and `forms/field.html` (label, hint, error)."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


def form_status(form: object) -> int:
    """The HTTP status of a form page: 409 on an edit conflict, 400 with errors, else 200."""
    if getattr(form, "has_conflict", False):
        return 409
    return 400 if getattr(form, "errors", None) else 200
