"""Form rendering with NL Design System markup for every form in EenPlan."""

from django.forms.renderers import TemplatesSetting


class EenPlanFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
