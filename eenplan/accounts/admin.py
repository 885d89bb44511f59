"""Django admin for functional administrators: organisations, teams and neighbourhoods only (no household data)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from eenplan.accounts.models import Neighbourhood, Organisation, PostcodeRange, Role, Team


def is_functional_admin(request: HttpRequest) -> bool:
    user: Any = request.user
    if not (user.is_active and user.is_authenticated and user.is_verified()):
        return False
    return bool(user.is_superuser or user.has_role(Role.FUNCTIONAL_ADMIN))


class FunctionalAdminSite(admin.AdminSite):
    site_header = _("EenPlan management")
    site_title = _("EenPlan management")
    index_title = _("Organisations, teams and neighbourhoods")

    def has_permission(self, request: HttpRequest) -> bool:
        return is_functional_admin(request)

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        # One login for everybody, with TOTP; the admin has no login form of its own. A logged-in user without
        # the role is refused outright: sending them to the login page would bounce straight back here.
        if request.user.is_authenticated:
            raise PermissionDenied
        target = request.GET.get("next", reverse("admin:index"))
        return HttpResponseRedirect(f"{reverse('accounts:login')}?{urlencode({'next': target})}")


class FunctionalAdminPermissions:
    """The functional administrator role, not Django's model permissions, opens these admin pages and inlines."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_functional_admin(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_functional_admin(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_functional_admin(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_functional_admin(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_functional_admin(request)


class FunctionalAdminOnly(FunctionalAdminPermissions, admin.ModelAdmin):
    pass


site = FunctionalAdminSite(name="admin")


class PostcodeRangeInline(FunctionalAdminPermissions, admin.TabularInline):
    model = PostcodeRange
    extra = 1


@admin.register(Neighbourhood, site=site)
class NeighbourhoodAdmin(FunctionalAdminOnly):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}
    inlines = [PostcodeRangeInline]


class TeamInline(FunctionalAdminPermissions, admin.TabularInline):
    model = Team
    extra = 0
    fields = ["name"]
    show_change_link = True


@admin.register(Organisation, site=site)
class OrganisationAdmin(FunctionalAdminOnly):
    list_display = ["name", "type"]
    list_filter = ["type"]
    search_fields = ["name"]
    inlines = [TeamInline]


@admin.register(Team, site=site)
class TeamAdmin(FunctionalAdminOnly):
    list_display = ["name", "organisation"]
    list_filter = ["organisation__type"]
    search_fields = ["name", "organisation__name"]
    list_select_related = ["organisation"]
    filter_horizontal = ["neighbourhoods"]
