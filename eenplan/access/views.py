# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Pages of the access app: consent, emergency access, "wie heeft dit dossier bekeken", the privacy officer."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, F, Max, Min, OuterRef, QuerySet, Subquery, Window
from django.db.models.functions import Lag
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eenplan.access import log
from eenplan.access.door import break_glass_view, household_view, log_unknown_break_glass, privacy_view
from eenplan.access.forms import AccessLogSearchForm, BreakGlassForm, ConsentForm, ReviewForm, WithdrawConsentForm
from eenplan.access.models import AccessLogEntry, BreakGlassAccess, Consent, LogAction
from eenplan.access.policy import (
    Basis,
    Decision,
    Operation,
    PrivacyScope,
    break_glass_membership,
    decide,
    privacy_scope,
)
from eenplan.accounts.models import Organisation, Role, User
from eenplan.households.models import Household
from eenplan.lib.forms import form_status


@household_view(Operation.MANAGE_CONSENT, write_action=LogAction.CREATE, object_type="consent", category="")
def consent_create(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    form = ConsentForm(request.POST or None, household=household)
    if request.method == "POST" and form.is_valid() and form.save_consent(request.user):
        messages.success(request, _("The consent has been recorded."))
        return redirect("households:detail", pk=household.pk)
    return render(
        request,
        "access/consent_form.html",
        {"form": form, "household": household, "title": _("Record consent")},
        status=form_status(form),
    )


@household_view(Operation.MANAGE_CONSENT, object_type="consent", object_kwarg="consent_pk", category="")
def consent_edit(request: HttpRequest, household: Household, decision: Decision, consent_pk: int) -> HttpResponse:
    consent = get_object_or_404(Consent, pk=consent_pk, household=household, withdrawn_at__isnull=True)
    form = ConsentForm(request.POST or None, instance=consent, household=household)
    if request.method == "POST" and form.is_valid() and form.save_consent(request.user):
        messages.success(request, _("The consent has been changed."))
        return redirect("households:detail", pk=household.pk)
    history = consent.history.select_related("history_user").order_by("-history_date")[:20]  # type: ignore[attr-defined]
    return render(
        request,
        "access/consent_form.html",
        {"form": form, "household": household, "consent": consent, "history": history, "title": _("Change consent")},
        status=form_status(form),
    )


@household_view(Operation.MANAGE_CONSENT, object_type="consent", object_kwarg="consent_pk", category="")
def consent_withdraw(request: HttpRequest, household: Household, decision: Decision, consent_pk: int) -> HttpResponse:
    consent = get_object_or_404(Consent, pk=consent_pk, household=household, withdrawn_at__isnull=True)
    form = WithdrawConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            consent.withdrawn_at = timezone.now()
            consent.withdrawn_by = request.user  # type: ignore[assignment]
            consent.withdrawal_reason = form.cleaned_data["reason"]
            consent.version += 1
            consent.save()
        messages.success(
            request,
            _("The consent has been withdrawn. %(organisation)s no longer has access from now on.")
            % {"organisation": consent.organisation.name},
        )
        return redirect("households:detail", pk=household.pk)
    return render(
        request,
        "access/consent_withdraw.html",
        {"form": form, "household": household, "consent": consent},
        status=form_status(form),
    )


@household_view(Operation.VIEW_ACCESS_LOG, object_type="access_log", category="")
def household_access_log(request: HttpRequest, household: Household, decision: Decision) -> HttpResponse:
    """*Wie heeft dit dossier bekeken*: every look at this household, newest first.

    The regisseur sees every entry; a privacy officer those in their scope (door.privacy_scope), and no content:
    the page names the household by its number only."""
    entries = AccessLogEntry.objects.filter(household_id=household.pk).select_related("user").order_by("-id")
    as_officer = decision.basis == Basis.PRIVACY_OFFICER
    scope_limited = False
    if as_officer:
        user = request.user
        assert isinstance(user, User)
        scope = privacy_scope(user)
        assert scope is not None  # the policy allowed this page to a privacy officer
        entries = scope.entries(entries)
        scope_limited = not scope.everything
    page = Paginator(entries, settings.PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "access/household_log.html",
        {
            "household": household,
            "as_officer": as_officer,
            "scope_limited": scope_limited,
            "page": page,
            "rows": _log_rows(page.object_list),
        },
    )


@break_glass_view
@require_http_methods(["GET", "POST"])
def break_glass(request: HttpRequest, household: Household, household_exists: bool) -> HttpResponse:
    """The emergency-access form. An id that names no household gets the same form (docs/privacy.md, "Unknown or
    forbidden"); only a submitted reason for it is answered "not found", after a refused entry in the log."""
    user = request.user
    assert isinstance(user, User)
    if decide(user, household, Operation.VIEW).allowed:
        return redirect("households:detail", pk=household.pk)
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not household_exists:
        log_unknown_break_glass(request, user, household.pk)
        raise Http404("No household with this id.")
    if request.method == "POST" and form.is_valid():
        membership = break_glass_membership(user)
        assert membership is not None  # the door lets only those in (break_glass_view)
        hours = settings.BREAK_GLASS_HOURS
        with transaction.atomic():
            emergency = BreakGlassAccess.objects.create(
                user=user,
                organisation_id=membership.organisation_id,
                household=household,
                reason=form.cleaned_data["reason"],
                explanation=form.cleaned_data["explanation"],
                expires_at=timezone.now() + datetime.timedelta(hours=hours),
            )
            log.log_request(
                request,
                action=LogAction.BREAK_GLASS,
                justification=f"break_glass:{emergency.pk}",
                role=membership.role,
                organisation_id=membership.organisation_id,
                household_id=household.pk,
                object_type="household",
                object_id=household.pk,
                break_glass=True,
            )
        messages.warning(
            request,
            _("You have emergency access for %(hours)s hours. It is logged and reviewed by the privacy officer.")
            % {"hours": hours},
        )
        return redirect("households:detail", pk=household.pk)
    return render(
        request,
        "access/break_glass.html",
        {"form": form, "household_id": household.pk, "hours": settings.BREAK_GLASS_HOURS},
        status=form_status(form),
    )


@dataclass(frozen=True)
class LogRow:
    """An entry as a row of the log table: the organisation the user acted for then, and the codes in words."""

    entry: AccessLogEntry
    organisation_name: str
    object_type: str
    justification: str


def _log_rows(entries: Iterable[AccessLogEntry]) -> list[LogRow]:
    """The rows of one page of entries (one query for the organisations' names)."""
    entries = list(entries)
    ids = {e.organisation_id_at_time for e in entries if e.organisation_id_at_time}
    names = dict(Organisation.objects.filter(id__in=ids).values_list("id", "name"))
    return [
        LogRow(
            entry=e,
            organisation_name=names.get(e.organisation_id_at_time or 0, ""),
            object_type=log.object_type_label(e.object_type),
            justification=log.justification_label(e.justification),
        )
        for e in entries
    ]


def filter_log(form: AccessLogSearchForm, scope: PrivacyScope) -> QuerySet[AccessLogEntry]:
    entries = scope.entries(AccessLogEntry.objects.select_related("user").order_by("-id"))
    if not form.is_valid():
        return entries.none()
    data = form.cleaned_data
    if data.get("user"):
        entries = entries.filter(user__email__iexact=data["user"])
    if data.get("huishouden"):
        entries = entries.filter(household_id=data["huishouden"])
    tz = timezone.get_current_timezone()
    if data.get("van"):
        entries = entries.filter(timestamp__gte=datetime.datetime.combine(data["van"], datetime.time.min, tz))
    if data.get("tot"):
        entries = entries.filter(
            timestamp__lt=datetime.datetime.combine(data["tot"], datetime.time.min, tz) + datetime.timedelta(days=1)
        )
    if data.get("noodtoegang"):
        entries = entries.filter(break_glass=True)
    if data.get("geweigerd"):
        entries = entries.filter(action=LogAction.REFUSED)  # partial index accesslog_refused
    return entries


@dataclass(frozen=True)
class RefusalAlert:
    """A user who was refused many times in a short time: perhaps someone walking through household numbers."""

    name: str
    email: str
    role: str
    organisation: str
    count: int  # their refusals in the period the alert looks back over
    first: datetime.datetime
    last: datetime.datetime


def refusal_alert_settings() -> tuple[int, int, int]:
    """(count, minutes, days): alert on `count` refusals of one user within `minutes`, looking back `days`."""
    return (
        max(settings.ACCESS_REFUSAL_ALERT_COUNT, 1),
        max(settings.ACCESS_REFUSAL_ALERT_MINUTES, 1),
        max(settings.ACCESS_REFUSAL_ALERT_DAYS, 1),
    )


def refusal_alerts(scope: PrivacyScope, now: datetime.datetime | None = None) -> list[RefusalAlert]:
    """The users in this officer's scope with at least ACCESS_REFUSAL_ALERT_COUNT refusals within any
    ACCESS_REFUSAL_ALERT_MINUTES during the last ACCESS_REFUSAL_ALERT_DAYS, most refusals first.

    One query, whatever the number of users or entries: a window (LAG over each user's refusals in time order)
    finds the refusals whose (count - 1)th predecessor lies within the minutes; per such user and the membership
    they acted under, the refusals of the period are counted, with the first and the last time.
    """
    count, minutes, days = refusal_alert_settings()
    now = now or timezone.now()
    refused = scope.entries(
        AccessLogEntry.objects.filter(action=LogAction.REFUSED, timestamp__gte=now - datetime.timedelta(days=days))
    )
    bursts = refused.annotate(
        burst_start=Window(
            Lag("timestamp", offset=count - 1),
            partition_by=[F("user_id")],
            order_by=[F("timestamp").asc(), F("id").asc()],
        )
    ).filter(burst_start__gte=F("timestamp") - datetime.timedelta(minutes=minutes))
    organisation_name = Organisation.objects.filter(pk=OuterRef("organisation_id_at_time")).values("name")[:1]
    rows = (
        refused.filter(user_id__in=bursts.values("user_id"))
        .values("user_id", "user__full_name", "user__email", "role", "organisation_id_at_time")
        .annotate(
            organisation_name=Subquery(organisation_name),
            refusals=Count("id"),
            first=Min("timestamp"),
            last=Max("timestamp"),
        )
        .order_by("-refusals", "user__full_name", "user_id")
    )
    roles = dict(Role.choices)
    return [
        RefusalAlert(
            name=row["user__full_name"],
            email=row["user__email"],
            role=str(roles.get(row["role"], row["role"])),
            organisation=row["organisation_name"] or "",
            count=row["refusals"],
            first=row["first"],
            last=row["last"],
        )
        for row in rows
    ]


@privacy_view("access_log_search")
def access_log_search(request: HttpRequest, scope: PrivacyScope) -> HttpResponse:
    form = AccessLogSearchForm(request.GET or None)
    entries = (
        filter_log(form, scope)
        if request.GET
        else scope.entries(AccessLogEntry.objects.select_related("user").order_by("-id"))
    )
    page = Paginator(entries, settings.PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    alert_count, alert_minutes, alert_days = refusal_alert_settings()
    return render(
        request,
        "access/log_search.html",
        {
            "refusal_alerts": refusal_alerts(scope),
            "alert_count": alert_count,
            "alert_minutes": alert_minutes,
            "alert_days": alert_days,
            "form": form,
            "page": page,
            "rows": _log_rows(page.object_list),
            "querystring": query.urlencode(),
            "scope_limited": not scope.everything,
        },
        status=400 if request.GET and not form.is_valid() else 200,
    )


@privacy_view("break_glass_review")
def break_glass_reviews(request: HttpRequest, scope: PrivacyScope) -> HttpResponse:
    show_all = request.GET.get("alle") == "1"
    accesses = scope.emergency_accesses(
        BreakGlassAccess.objects.select_related("user", "organisation", "reviewed_by").order_by("-started_at")
    )
    if not show_all:
        accesses = accesses.filter(reviewed_at__isnull=True)
    page = Paginator(accesses, settings.PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "access/break_glass_reviews.html",
        {"page": page, "show_all": show_all, "scope_limited": not scope.everything},
    )


@privacy_view("break_glass_review")
@require_http_methods(["GET", "POST"])
def break_glass_review(request: HttpRequest, access_pk: int, scope: PrivacyScope) -> HttpResponse:
    emergency = get_object_or_404(
        scope.emergency_accesses(BreakGlassAccess.objects.select_related("user", "organisation")), pk=access_pk
    )
    form = ReviewForm(request.POST or None, instance=emergency)
    if request.method == "POST" and form.is_valid():
        updated = BreakGlassAccess.objects.filter(pk=emergency.pk, reviewed_at__isnull=True).update(
            reviewed_at=timezone.now(), reviewed_by=request.user, review_comment=form.cleaned_data["review_comment"]
        )
        if updated:
            messages.success(request, _("The emergency access has been marked as reviewed."))
        else:
            messages.info(request, _("Someone else had already reviewed this emergency access."))
        return redirect("access:break_glass_reviews")
    return render(
        request, "access/break_glass_review.html", {"form": form, "emergency": emergency}, status=form_status(form)
    )
