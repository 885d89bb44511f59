# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Form rendering with NL Design System markup for every form in EenPlan, and the status code of a form page."""

from typing import Any

from django.forms.renderers import TemplatesSetting
from django.http import HttpRequest

# The NL Design System (Utrecht) classes of a native checkbox and radio button (eenplan/static/vendor/utrecht).
INPUT_CLASSES = {
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom",
    "radio": "utrecht-radio-button utrecht-radio-button--html-input",
}
NO_ARIA_REQUIRED = {"hidden", "radio", "submit"}  # a radio's group says it (field.html), not each radio


def _add_class(attrs: dict[str, Any], classes: str) -> None:
    attrs["class"] = f"{attrs.get('class', '')} {classes}".strip()


def _mark(widget: dict[str, Any]) -> None:
    """Utrecht classes on checkboxes and radio buttons; aria-required on a required field (the browser's own
    `required` is off, see lib/apps.py, so assistive technology learns it from aria-required)."""
    kind = widget.get("type")
    options = [option for _group, group, _index in widget.get("optgroups") or () for option in group]
    if any(option.get("type") in INPUT_CLASSES for option in options):  # a group of checkboxes or radio buttons
        for option in options:
            _add_class(option.setdefault("attrs", {}), INPUT_CLASSES[option["type"]])
        return
    attrs = widget.setdefault("attrs", {})
    if kind in INPUT_CLASSES:
        _add_class(attrs, INPUT_CLASSES[kind])
    if widget.get("required") and kind not in NO_ARIA_REQUIRED:
        attrs["aria-required"] = "true"


class EenPlanFormRenderer(TemplatesSetting):
    """Renders every form with `forms/form.html` (error summary) and `forms/field.html` (label, hint, error), and
    every widget with the design system's checkbox and radio classes and aria-required where a field is required."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"

    def render(self, template_name: str, context: dict[str, Any], request: HttpRequest | None = None) -> str:
        widget = context.get("widget") if isinstance(context, dict) else None
        if isinstance(widget, dict):
            _mark(widget)
        return super().render(template_name, context, request)


def form_status(form: object) -> int:
    """The HTTP status of a form page: 409 on an edit conflict, 400 with errors, else 200."""
    if getattr(form, "has_conflict", False):
        return 409
    return 400 if getattr(form, "errors", None) else 200
