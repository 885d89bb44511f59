# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Instruments in the functional administrator's admin (/beheer/): an instrument with its domains and scale levels.

Instruments are data, not code (DESIGN.md §3). The admin site and the role check are those of eenplan.accounts.admin:
only a functional administrator gets in, and no household data is shown. An instrument that has been used for an
assessment is never deleted (set it to "not in use" instead), nor are its domains or the levels its scores use.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from eenplan.accounts.admin import FunctionalAdminOnly, FunctionalAdminPermissions, site
from eenplan.assessments.models import Assessment, Instrument, InstrumentDomain, ScaleLevel, Score

MIN_LEVELS = 2


def in_use(instrument: Instrument | None) -> bool:
    """Has the instrument been used for an assessment? (Nothing is said about which household.)"""
    return bool(instrument and instrument.pk and Assessment.objects.filter(instrument=instrument).exists())


def _kept_rows(formset: forms.BaseInlineFormSet) -> list[dict[str, Any]]:
    """The cleaned data of the rows that stay: filled in, valid so far and not marked for deletion."""
    return [
        form.cleaned_data
        for form in formset.forms
        if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
    ]


def _duplicates(values: Iterable[Any]) -> list[Any]:
    return sorted(value for value, count in Counter(v for v in values if v not in (None, "")).items() if count > 1)


class InstrumentForm(forms.ModelForm):
    class Meta:
        model = Instrument
        fields = ["name", "code", "description", "is_default", "is_active"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("is_default"):
            other = Instrument.objects.filter(is_default=True).exclude(pk=self.instance.pk).first()
            if other is not None:
                self.add_error(
                    "is_default",
                    _("%(name)s is already the default instrument. There can be only one: untick it there first.")
                    % {"name": other.name},
                )
            if not cleaned.get("is_active"):
                self.add_error("is_active", _("The default instrument must be in use."))
        return cleaned


class DomainFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        rows = _kept_rows(self)
        if not any(form.errors for form in self.forms):
            if not rows:
                raise ValidationError(_("Add at least one domain."))
            if codes := _duplicates(row.get("code") for row in rows):
                raise ValidationError(
                    _("Two domains have the code “%(code)s”. Give every domain its own code.") % {"code": codes[0]}
                )
            if positions := _duplicates(row.get("position") for row in rows):
                raise ValidationError(
                    _("Two domains have position %(position)s. Give every domain its own position.")
                    % {"position": positions[0]}
                )
        super().clean()


class ScaleLevelFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        rows = _kept_rows(self)
        if not any(form.errors for form in self.forms):
            if len(rows) < MIN_LEVELS:
                raise ValidationError(
                    _("Add at least two scale levels: the lowest and the highest level of the instrument.")
                )
            if values := _duplicates(row.get("value") for row in rows):
                raise ValidationError(
                    _("Two scale levels have the value %(value)s. Give every level its own value.")
                    % {"value": values[0]}
                )
            if in_use(self.instance):
                kept = {row.get("value") for row in rows}
                used = set(Score.objects.filter(domain__instrument=self.instance).values_list("value", flat=True))
                if missing := sorted(used - kept):
                    raise ValidationError(
                        _("Level %(value)s is used in assessments, so it must stay.") % {"value": missing[0]}
                    )
        super().clean()


class InstrumentDomainInline(FunctionalAdminPermissions, admin.TabularInline):
    model = InstrumentDomain
    formset = DomainFormSet
    fields = ["position", "code", "name", "description", "category", "life_domain"]
    extra = 1

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # obj is the instrument: the domains of a used instrument hold scores and stay.
        return super().has_delete_permission(request, obj) and not in_use(obj)


class ScaleLevelInline(FunctionalAdminPermissions, admin.TabularInline):
    model = ScaleLevel
    formset = ScaleLevelFormSet
    fields = ["value", "label", "description"]
    extra = 2


@admin.register(Instrument, site=site)
class InstrumentAdmin(FunctionalAdminOnly):
    form = InstrumentForm
    list_display = ["name", "code", "is_default", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}
    inlines = [InstrumentDomainInline, ScaleLevelInline]

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        # Bulk deletion would list the assessments an instrument is used in; delete one unused instrument at a time.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and not in_use(obj)
