# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Forms of the sociale kaart: search filters, a service and a contact person.

Both entry forms use optimistic locking (DESIGN.md invariant 5) and save nothing when nothing changed.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db import transaction
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import postcode as stdnum_postcode

from eenplan.accounts.models import Neighbourhood, Organisation, OrganisationType
from eenplan.directory.models import ContactPerson, Service, ServiceDomain
from eenplan.directory.versioning import (
    CONTACT_FIELDS,
    SERVICE_FIELDS,
    State,
    entry_state,
    field_label,
    save_as_one_version,
    saved_state,
    shown_value,
)
from eenplan.domains import LifeDomain
from eenplan.lib.versioning import claim_version

_PHONE = re.compile(r"^\+?\d+(?:[ -]\d+)*$")
_SPECIAL_PREFIXES = ("0800", "0900", "0906", "0909")


def clean_dutch_phone(value: str) -> str:
    """A phone number as people in the Netherlands write it: digits, single spaces or hyphens, a leading +.

    Accepted: ten digits starting with 0 (030 123 45 67, 06-12345678); 0800/090x numbers of 8 to 11 digits;
    a municipality's 14 number (14 030); +31 with nine digits; another country's + number of 8 to 15 digits.
    """
    value = " ".join(value.split())
    if not value:
        return ""
    digits = value.replace(" ", "").replace("-", "")
    national = digits.lstrip("+")
    sensible = bool(_PHONE.match(value)) and (
        (digits.startswith("+31") and len(national) == 11 and national[2] != "0")
        or (digits.startswith("+") and not digits.startswith("+31") and 8 <= len(national) <= 15)
        or (digits.startswith(_SPECIAL_PREFIXES) and 8 <= len(digits) <= 11)
        or (digits.startswith("0") and not digits.startswith(_SPECIAL_PREFIXES) and len(digits) == 10)
        or (digits.startswith("140") and len(digits) in (5, 6))
    )
    if not sensible:
        raise forms.ValidationError(
            _(
                "Enter a phone number of digits, spaces, + or -, for example 030 123 45 67, 06 12345678 "
                "or +31 30 123 45 67."
            ),
            code="phone",
        )
    return value


def chosen_organisation(organisations: QuerySet[Organisation], value: object) -> Organisation | None:
    """The organisation of that id among `organisations`, or None (also for a value that is no number)."""
    try:
        return organisations.filter(pk=int(str(value))).first()
    except ValueError:
        return None


class VersionedEntryForm(forms.ModelForm):
    """Optimistic locking for an entry of the sociale kaart: the form carries the version it was opened with, and a
    save on an older version than the saved one is a conflict that keeps what was typed.

    The same idea as `VersionedForm` of eenplan.households.forms, which the sociale kaart may not import (it
    imports no household app). The difference: after a conflict the form carries the current version, so saving
    it again is a deliberate choice made after seeing what the other person saved.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    conflict_message = _(
        "Someone else saved this entry while you were editing it. What you typed is still in the form below. "
        "Compare it with what is saved now and save again to keep your version."
    )

    has_conflict = False
    unchanged = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.opened_state: State | None = saved_state(self.instance) if self.instance.pk else None
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        self.now_saved: list[tuple[str, str]] = []

    def typed_state(self) -> State:
        """What the form would save (after `is_valid`)."""
        raise NotImplementedError

    def save_relations(self) -> None:
        """Save what is not a field of the entry itself (after the entry is saved)."""
        self.save_m2m()

    def save_versioned(self) -> bool:
        """Save unless nothing changed; False (with a form error) when someone else saved since it was opened.

        The conditional UPDATE claims the row, so of two simultaneous saves exactly one wins; the entry, its
        relations and its one historical record are saved in one transaction.
        """
        instance: Service | ContactPerson = self.save(commit=False)
        if instance.pk and self.typed_state() == self.opened_state:
            self.unchanged = True
            return True
        with transaction.atomic():
            if instance.pk and not claim_version(instance, self.cleaned_data.get("version")):
                self._conflict(instance)
                return False
            self.before_save(instance)
            save_as_one_version(instance, self.save_relations)
        return True

    def before_save(self, instance: Any) -> None:
        pass

    def _conflict(self, instance: Service | ContactPerson) -> None:
        """Keep what was typed; carry the current version; list what is saved now where it differs."""
        self.has_conflict = True
        current = type(instance).objects.filter(pk=instance.pk).first()
        if current is None:
            self.add_error(
                None,
                forms.ValidationError(
                    _("Someone else removed this entry while you were editing it. Nothing was saved."), code="gone"
                ),
            )
            return
        self.add_error(None, forms.ValidationError(self.conflict_message, code="conflict"))
        data = self.data.copy() if isinstance(self.data, QueryDict) else dict(self.data)
        data[self.add_prefix("version")] = str(current.version)
        self.data = data
        saved, typed = saved_state(current), self.typed_state()
        names = dict(Neighbourhood.objects.values_list("pk", "name"))
        services = (
            dict(Service.objects.filter(pk=saved["service"]).values_list("pk", "name")) if saved.get("service") else {}
        )
        model = type(instance)
        self.now_saved = [
            (
                field_label(model, name),
                shown_value(model, name, value, neighbourhood_names=names, service_names=services) or "—",
            )
            for name, value in saved.items()
            if typed.get(name) != value
        ]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    leefgebied = forms.ChoiceField(
        label=_("Life domain"), required=False, choices=[("", _("All")), *LifeDomain.choices]
    )
    wijk = forms.ModelChoiceField(
        label=_("Neighbourhood"), required=False, queryset=Neighbourhood.objects.all(), empty_label=_("All")
    )
    soort = forms.ChoiceField(
        label=_("Kind of organisation"), required=False, choices=[("", _("All")), *OrganisationType.choices]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The neighbourhoods as a plain list, read once (the page writes the options itself; a ModelChoiceIterator
        # would count them and then read them through a server-side cursor). Validation still uses the queryset.
        wijk = self.fields["wijk"]
        assert isinstance(wijk, forms.ModelChoiceField)
        neighbourhoods = wijk.queryset if wijk.queryset is not None else Neighbourhood.objects.none()
        wijk.choices = [("", wijk.empty_label), *((n.pk, wijk.label_from_instance(n)) for n in neighbourhoods)]


class ServiceForm(VersionedEntryForm):
    domain_codes = forms.MultipleChoiceField(
        label=_("Life domains"), choices=LifeDomain.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Service
        # The form's fields are the ones its versions compare (life domains are chosen by their codes here).
        fields = ["organisation", *("domain_codes" if name == "life_domains" else name for name in SERVICE_FIELDS)]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "eligibility": forms.Textarea(attrs={"rows": 3}),
            "how_to_refer": forms.Textarea(attrs={"rows": 3}),
            "neighbourhoods": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["organisation"].disabled = True
            self.initial["domain_codes"] = sorted(self.opened_state["life_domains"]) if self.opened_state else []

    def clean_postcode(self) -> str:
        value = str(self.cleaned_data.get("postcode") or "").strip()
        if not value:
            return ""
        try:
            return str(stdnum_postcode.validate(value))
        except StdnumError as exc:
            raise forms.ValidationError(
                _("Enter a Dutch postcode of four digits and two letters, for example 1234 AB.")
            ) from exc

    def typed_state(self) -> State:
        return entry_state(
            self.instance,
            neighbourhood_ids=(n.pk for n in self.cleaned_data.get("neighbourhoods") or ()),
            domain_codes=self.cleaned_data.get("domain_codes") or (),
        )

    def before_save(self, instance: Service) -> None:
        instance.updated_at = timezone.now()

    def save_relations(self) -> None:
        super().save_relations()
        service = self.instance
        chosen = set(self.cleaned_data.get("domain_codes") or [])
        service.domains.exclude(code__in=chosen).delete()
        existing = set(service.domains.values_list("code", flat=True))
        ServiceDomain.objects.bulk_create(ServiceDomain(service=service, code=c) for c in chosen - existing)


class ContactPersonForm(VersionedEntryForm):
    """A contact person (*wie is wie*) of an organisation the user maintains, for one of its services or not."""

    class Meta:
        model = ContactPerson
        fields = ["organisation", *CONTACT_FIELDS]
        widgets = {"neighbourhoods": forms.CheckboxSelectMultiple}
        help_texts = {"neighbourhoods": _("Empty: the whole municipality.")}

    def __init__(
        self, *args: Any, organisations: QuerySet[Organisation], organisation: Organisation | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["organisation"].empty_label = None  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["organisation"].disabled = True
            organisation = self.instance.organisation
        elif self.is_bound:
            organisation = chosen_organisation(organisations, self.data.get(self.add_prefix("organisation")))
        elif organisation is not None:
            self.initial["organisation"] = organisation.pk
        # Any service of an organisation the user maintains is a valid choice (`clean` checks it is the chosen
        # organisation's); the list shows only the organisation's own services when the organisation is known.
        services = Service.objects.filter(organisation__in=organisations).select_related("organisation")
        service_field = self.fields["service"]
        service_field.queryset = services  # type: ignore[attr-defined]
        service_field.empty_label = _("No particular service")  # type: ignore[attr-defined]
        service_field.help_text = _("A service of the contact person's own organisation.")
        shown = organisation or (organisations.first() if organisations.count() == 1 else None)
        if shown is not None:
            service_field.widget.choices = [
                ("", service_field.empty_label),  # type: ignore[attr-defined]
                *services.filter(organisation=shown).order_by("name").values_list("pk", "name"),
            ]
        else:
            service_field.label_from_instance = lambda s: f"{s.name} ({s.organisation.name})"  # type: ignore[attr-defined]

    def clean_phone(self) -> str:
        return clean_dutch_phone(str(self.cleaned_data.get("phone") or ""))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        organisation, service = cleaned.get("organisation"), cleaned.get("service")
        if organisation is not None and service is not None and service.organisation_id != organisation.pk:
            self.add_error(
                "service",
                forms.ValidationError(
                    _("%(service)s is a service of %(other)s, not of %(organisation)s. Choose one of its own.")
                    % {"service": service.name, "other": service.organisation.name, "organisation": organisation.name},
                    code="other_organisation",
                ),
            )
        return cleaned

    def typed_state(self) -> State:
        return entry_state(
            self.instance, neighbourhood_ids=(n.pk for n in self.cleaned_data.get("neighbourhoods") or ())
        )
