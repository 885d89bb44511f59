"""Pages of the sociale kaart: search, a service, maintaining services, and *wie is wie*. No resident data."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.accounts.models import (
    Membership,
    Neighbourhood,
    OrganisationType,
    Role,
    User,
    may_maintain_directory,
    organisations_maintained_by,
)
from eenplan.directory.forms import SearchForm, ServiceForm
from eenplan.directory.models import ContactPerson, Service, ServiceDomain
from eenplan.directory.search import search_services


def _user(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


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
    page = Paginator(services, settings.PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    template = "directory/list.html#results" if request.headers.get("HX-Request") else "directory/list.html"
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "querystring": query.urlencode(),
            "may_add": organisations_maintained_by(_user(request)).exists(),
        },
    )


def service_detail(request: HttpRequest, service_pk: int) -> HttpResponse:
    service = get_object_or_404(
        Service.objects.select_related("organisation").prefetch_related("neighbourhoods", "domains", "contacts"),
        pk=service_pk,
    )
    return render(
        request,
        "directory/detail.html",
        {"service": service, "may_edit": may_maintain_directory(_user(request), service.organisation_id)},
    )


def service_edit(request: HttpRequest, service_pk: int | None = None) -> HttpResponse:
    user = _user(request)
    service = get_object_or_404(Service, pk=service_pk) if service_pk else None
    if service is not None and not may_maintain_directory(user, service.organisation_id):
        raise PermissionDenied
    organisations = organisations_maintained_by(user)
    if not organisations.exists():
        raise PermissionDenied
    form = ServiceForm(request.POST or None, instance=service, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        form.instance.updated_at = timezone.now()
        saved = form.save()
        messages.success(request, _("The service has been saved."))
        return redirect("directory:detail", service_pk=saved.pk)
    title = _("Change service") if service else _("Add a service")
    return render(
        request,
        "directory/form.html",
        {"form": form, "title": title, "service": service},
        status=400 if form.errors else 200,
    )


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
    return render(
        request,
        "directory/who_is_who.html",
        {"neighbourhoods": neighbourhoods, "chosen": chosen, "contact_page": contact_page, "people_page": people_page},
    )
