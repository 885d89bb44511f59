# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""AVG art. 15 (*inzage*): everything EenPlan holds about the resident, as JSON and as a readable PDF.

The export walks every household-scoped model registered with `access.registry` through the resident's
decision (`policy.resident_decision`): the household's rows in every category, of person-bound rows only the
resident's own and those of children under 16 in their care. A model added later is in the export without a change
here. Consents and the access log about them are added, as are the household's residents within the decision."""

from __future__ import annotations

import datetime
import decimal
from typing import Any

from django.db import models
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from eenplan.access import registry
from eenplan.access.models import AccessLogEntry, Consent
from eenplan.access.policy import RESIDENT_ROLE, Decision
from eenplan.households.models import Household, Resident

# Fields that are keys or bookkeeping, not information about the resident (digests, versions, password hashes).
HIDDEN_FIELDS = frozenset({"bsn_digest", "code_digest", "version", "entry_hash", "previous_hash", "key_id"})


def _value(row: models.Model, field: models.Field[Any, Any]) -> Any:
    if field.name == "bsn":
        return getattr(row, "masked_bsn", "")
    if isinstance(field, models.ForeignKey):
        related = getattr(row, field.name)
        return str(related) if related is not None else None
    value = getattr(row, field.attname)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def _row(row: models.Model) -> dict[str, Any]:
    fields = [f for f in row._meta.concrete_fields if f.name not in HIDDEN_FIELDS]
    data: dict[str, Any] = {}
    for field in fields:
        if field.name == "user" and row._meta.model_name == "portalaccount":
            continue
        data[str(field.verbose_name)] = _value(row, field)
    scoped = registry.registration(type(row))
    category: Any = scoped.fixed_category
    if scoped.category_field is not None:
        category = row
        for step in scoped.category_field.split("__"):
            category = getattr(category, step)
        category = category.code
    data["_category"] = category
    return data


def collect(household: Household, resident: Resident, decision: Decision) -> dict[str, Any]:
    """Every registered household-scoped model's rows that this resident's decision shows, by model."""
    sections: list[dict[str, Any]] = []
    for model in sorted(registry.registered_models(), key=lambda m: m._meta.label):
        rows = decision.scoped(model._default_manager.all()).order_by("pk")
        items = [_row(row) for row in rows]
        if items:
            sections.append(
                {"model": model._meta.label_lower, "title": str(model._meta.verbose_name_plural), "rows": items}
            )
    consents = Consent.objects.filter(household=household).select_related("organisation", "resident")
    consent_rows = [
        {
            "organisation": c.organisation.name,
            "resident": str(c.resident) if c.resident_id else None,
            "categories": sorted(c.categories.values_list("code", flat=True)),
            "purpose": c.purpose,
            "valid_from": c.valid_from.isoformat(),
            "valid_until": c.valid_until.isoformat() if c.valid_until else None,
            "method": c.method,
            "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
        }
        for c in consents
        if c.resident_id is None or decision.shows_resident(c.resident_id)
    ]
    log_rows = [
        {
            "time": e.timestamp.isoformat(),
            "role": e.role,
            "organisation": e.organisation_id_at_time,
            "what": e.action,
            "object": e.object_type,
            "emergency_access": e.break_glass,
        }
        for e in AccessLogEntry.objects.filter(household_id=household.pk)
        .exclude(role=RESIDENT_ROLE)
        .order_by("-id")[:5000]
        if e.resident_id is None or decision.shows_resident(e.resident_id)
    ]
    return {
        "exported_at": timezone.now().isoformat(),
        "resident": str(resident),
        "household": household.pk,
        "sections": sections,
        "consents": consent_rows,
        "access_log": log_rows,
    }


def render_pdf(request: HttpRequest, data: dict[str, Any]) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango, which only the PDF needs

    with translation.override("nl"):
        html = render_to_string("portal/export_pdf.html", {"data": data}, request=request)
    pdf: bytes = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    return pdf
