# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Pages of the sociale kaart: search, a service and its versions, maintaining services and contact persons, and
*wie is wie*. No resident data."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eenplan.accounts.models import (
    Membership,
    Neighbourhood,
    OrganisationType,
    Role,
    may_maintain_directory,
    organisations_maintained_by,
)
from eenplan.directory import versioning
from eenplan.directory.forms import ContactPersonForm, SearchForm, ServiceForm, chosen_organisation
from eenplan.directory.models import ContactPerson, Service, ServiceDomain
from eenplan.directory.search import CappedPaginator, search_services
from eenplan.lib.forms import form_status
from eenplan.lib.requests import authenticated_user


def _saved_message(request: HttpRequest, form: ServiceForm | ContactPersonForm, saved: str) -> None:
    if form.unchanged:
        messages.info(request, _("Nothing was changed, so nothing was saved."))
    else:
        messages.success(request, saved)


def service_list(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    services = Service.objects.none()
    if form.is_valid() or not request.GET:
        data = form.cleaned_data if form.is_bound else {}
        neighbourhood = data.get("wijk")
        services = search_services(
            data.get("q", ""),
            domain=data.get("leefgebied", ""),
            neighbourhood_id=neighbourhood.pk if neighbourhood else None,
            organisation_type=data.get("soort", ""),
        ).prefetch_related(Prefetch("domains", queryset=ServiceDomain.objects.order_by("code")))
    page = CappedPaginator(services, settings.PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    live_search = bool(request.headers.get("HX-Request"))
    return render(
        request,
        "directory/list.html#results" if live_search else "directory/list.html",
        {
            "form": form,
            "page": page,
            "querystring": query.urlencode(),
            "may_add": organisations_maintained_by(authenticated_user(request)).exists(),
            "live_search": live_search,
        },
    )


def service_detail(request: HttpRequest, service_pk: int) -> HttpResponse:
    service = get_object_or_404(
        Service.objects.select_related("organisation").prefetch_related(
            "neighbourhoods", "domains", Prefetch("contacts", ContactPerson.objects.order_by("name", "id"))
        ),
        pk=service_pk,
    )
    return render(
        request,
        "directory/detail.html",
        {"service": service, "may_edit": may_maintain_directory(authenticated_user(request), service.organisation_id)},
    )


def service_edit(request: HttpRequest, service_pk: int | None = None) -> HttpResponse:
    user = authenticated_user(request)
    service = get_object_or_404(Service, pk=service_pk) if service_pk else None
    if service is not None and not may_maintain_directory(user, service.organisation_id):
        raise PermissionDenied
    organisations = organisations_maintained_by(user)
    if not organisations.exists():
        raise PermissionDenied
    saved_name = service.name if service else ""  # the form puts what was typed on the instance
    form = ServiceForm(request.POST or None, instance=service, organisations=organisations)
    # save_versioned saves the service, its neighbourhoods, its life domains and its one version in one transaction.
    if request.method == "POST" and form.is_valid() and form.save_versioned():
        _saved_message(request, form, _("The service has been saved."))
        return redirect("directory:detail", service_pk=form.instance.pk)
    title = _("Change service") if service else _("Add a service")
    return render(
        request,
        "directory/form.html",
        {"form": form, "title": title, "service": service, "service_name": saved_name},
        status=form_status(form),
    )


def service_versions(request: HttpRequest, service_pk: int) -> HttpResponse:
    """*Versies*: who changed what in a service, and when; for everyone who can see the service."""
    authenticated_user(request)
    service = get_object_or_404(Service.objects.select_related("organisation"), pk=service_pk)
    records = service.history.select_related("history_user").order_by("-history_date", "-history_id")
    paginator = Paginator(records, settings.PAGE_SIZE)
    page = paginator.get_page(request.GET.get("pagina"))
    # One record more than the page shows: the version before the page's oldest, to compare it with.
    start = (page.number - 1) * paginator.per_page
    window = list(records[start : start + paginator.per_page + 1])
    shown, older = window[: paginator.per_page], window[paginator.per_page :]
    page.object_list = versioning.service_versions(shown, older=older[0] if older else None)
    return render(request, "directory/versions.html", {"service": service, "page": page})


def _number(value: str | None) -> int | None:
    try:
        return int(value or "")
    except ValueError:
        return None


def _contact_home(contact: ContactPerson) -> str:
    """Where a contact person is shown: their service's page, else *wie is wie*."""
    if contact.service_id:
        return reverse("directory:detail", kwargs={"service_pk": contact.service_id})
    return reverse("directory:who_is_who")


def contact_edit(request: HttpRequest, contact_pk: int | None = None) -> HttpResponse:
    """Add or change a contact person of an organisation the user maintains (its coordinator)."""
    user = authenticated_user(request)
    contact = (
        get_object_or_404(ContactPerson.objects.select_related("organisation", "service"), pk=contact_pk)
        if contact_pk
        else None
    )
    if contact is not None and not may_maintain_directory(user, contact.organisation_id):
        raise PermissionDenied
    organisations = organisations_maintained_by(user)
    if not organisations.exists():
        raise PermissionDenied
    service, organisation = None, None
    if contact is None:
        # From a service's page (?dienst=) or for an organisation (?organisatie=), only the user's own.
        service_id = _number(request.GET.get("dienst"))
        service = (
            Service.objects.filter(organisation__in=organisations, pk=service_id).select_related("organisation").first()
            if service_id is not None
            else None
        )
        organisation = (
            service.organisation if service else chosen_organisation(organisations, request.GET.get("organisatie"))
        )
    # Where the page came from, before the form puts what was typed on the contact.
    home_service = contact.service if contact else service
    if contact is not None:
        back = _contact_home(contact)
    elif service is not None:
        back = reverse("directory:detail", kwargs={"service_pk": service.pk})
    else:
        back = reverse("directory:who_is_who")
    form = ContactPersonForm(
        request.POST or None,
        instance=contact,
        organisations=organisations,
        organisation=organisation,
        initial={"service": service.pk} if service else None,
    )
    if request.method == "POST" and form.is_valid() and form.save_versioned():
        _saved_message(request, form, _("The contact person has been saved."))
        return redirect(_contact_home(form.instance))
    return render(
        request,
        "directory/contact_form.html",
        {
            "form": form,
            "title": _("Change contact person") if contact else _("Add a contact person"),
            "contact": contact,
            "service": home_service,
            "back": back,
        },
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
def contact_delete(request: HttpRequest, contact_pk: int) -> HttpResponse:
    """Remove a contact person, after a confirmation; the history keeps the removal."""
    user = authenticated_user(request)
    contact = get_object_or_404(ContactPerson.objects.select_related("organisation", "service"), pk=contact_pk)
    if not may_maintain_directory(user, contact.organisation_id):
        raise PermissionDenied
    back = _contact_home(contact)
    if request.method == "POST":
        with transaction.atomic():
            contact.delete()
        messages.success(request, _("%(name)s has been removed from the social map.") % {"name": contact.name})
        return redirect(back)
    return render(request, "directory/contact_delete.html", {"contact": contact, "back": back})


def who_is_who(request: HttpRequest) -> HttpResponse:
    """*Wie is wie*: contact persons and professionals per neighbourhood and organisation."""
    neighbourhoods = list(Neighbourhood.objects.all())
    chosen_id = request.GET.get("wijk", "")
    chosen = next((n for n in neighbourhoods if str(n.pk) == chosen_id), None)
    contacts = ContactPerson.objects.select_related("organisation", "service").order_by("organisation__name", "name")
    memberships = (
        Membership.objects.filter(user__is_active=True, until__isnull=True)
        .exclude(role__in=(Role.VOLUNTEER, Role.POLICY_OFFICER, Role.PRIVACY_OFFICER, Role.FUNCTIONAL_ADMIN))
        .select_related("user", "organisation", "team")
        .order_by("organisation__name", "team__name", "user__full_name")
    )
    if chosen is not None:
        # Contacts without neighbourhoods, and partner organisations, work for the whole municipality.
        contacts = contacts.filter(Q(neighbourhoods=chosen) | Q(neighbourhoods__isnull=True))
        memberships = memberships.filter(
            Q(team__neighbourhoods=chosen) | ~Q(organisation__type=OrganisationType.WIJKTEAM)
        )
    contact_page = Paginator(contacts.distinct(), settings.PAGE_SIZE).get_page(request.GET.get("contacten"))
    people_page = Paginator(memberships.distinct(), settings.PAGE_SIZE).get_page(request.GET.get("mensen"))
    maintained = set(organisations_maintained_by(authenticated_user(request)).values_list("pk", flat=True))
    return render(
        request,
        "directory/who_is_who.html",
        {
            "neighbourhoods": neighbourhoods,
            "chosen": chosen,
            "contact_page": contact_page,
            "people_page": people_page,
            "maintained": maintained,
        },
    )
