# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Django admin for functional administrators: organisations, teams and neighbourhoods only (no household data).

No household content either where Django would show related objects: deleting an organisation, team or wijk (also
a team from its organisation's page) names only the objects this admin manages; households, their residents and
everything else are counted per kind ("3 huishoudens"), never named.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any, cast

from django.contrib import admin
from django.contrib.admin.utils import NestedObjects, quote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router
from django.db.models import Model
from django.forms.formsets import DELETION_FIELD_NAME
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext
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


def managed_models(admin_site: admin.AdminSite) -> set[type[Model]]:
    """The models this admin site manages and may show by name: the registered ones and those of their inlines."""
    models: set[type[Model]] = set()
    for model, model_admin in admin_site._registry.items():
        models.add(model)
        models.update(inline.model for inline in model_admin.inlines)
    return models


def count_per_kind(objects: Iterable[Model]) -> list[str]:
    """The objects counted per model, never named: "3 huishoudens", "1 lidmaatschap"."""
    counts = Counter(obj._meta.model for obj in objects)
    lines = [
        gettext("%(count)s %(objects)s")
        % {
            "count": count,
            "objects": model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural,
        }
        for model, count in counts.items()
    ]
    return sorted(lines, key=str)


def _named_only(nested: list[Any], managed: set[type[Model]], describe: Any) -> list[Any]:
    """Django's nested list of objects to delete, keeping the managed ones (described) and dropping the others with
    everything under them; those are counted instead."""
    kept: list[Any] = []
    skip_children = False
    for item in nested:
        if isinstance(item, list):
            if not skip_children:
                children = _named_only(item, managed, describe)
                if children:
                    kept.append(children)
            skip_children = False
        elif item._meta.model in managed:
            kept.append(describe(item))
            skip_children = False
        else:
            skip_children = True
    return kept


def _protected_message(instance: Model, protected: Iterable[Model], managed: set[type[Model]]) -> ValidationError:
    named = [
        gettext("%(class_name)s %(instance)s") % {"class_name": obj._meta.verbose_name, "instance": obj}
        for obj in protected
        if obj._meta.model in managed
    ]
    counted = count_per_kind(obj for obj in protected if obj._meta.model not in managed)
    return ValidationError(
        gettext(
            "Deleting %(class_name)s %(instance)s would require deleting the following protected related objects: "
            "%(related_objects)s"
        ),
        code="deleting_protected",
        params={
            "class_name": instance._meta.verbose_name,
            "instance": instance,
            "related_objects": get_text_list(sorted(named, key=str) + counted, gettext("and")),
        },
    )


class FunctionalAdminPermissions:
    """The functional administrator role, not Django's model permissions, opens these admin pages and inlines.

    For an inline, deleting a row that other objects protect is refused with those objects counted, not named.
    """

    admin_site: admin.AdminSite

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:  # inlines only
        formset = super().get_formset(request, obj, **kwargs)  # type: ignore[misc]
        managed = managed_models(self.admin_site)

        class CountingProtectedForm(formset.form):  # type: ignore[name-defined,misc]
            def hand_clean_DELETE(self) -> None:
                # Django's own check, whose message would name the protected objects (e.g. households by name).
                if not self.cleaned_data.get(DELETION_FIELD_NAME, False) or self.instance._state.adding:
                    return
                collector = NestedObjects(using=router.db_for_write(self._meta.model))
                collector.collect([self.instance])
                if collector.protected:
                    raise _protected_message(self.instance, collector.protected, managed)

        formset.form = CountingProtectedForm
        return formset

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
    def get_deleted_objects(
        self, objs: Any, request: HttpRequest
    ) -> tuple[list[Any], dict[str, int], set[str], list[Any]]:
        """As Django's, but only objects this admin manages are named; all others are counted per kind."""
        objs = list(objs)
        if not objs:
            return [], {}, set(), []
        collector = NestedObjects(using=router.db_for_write(objs[0]._meta.model), origin=objs)
        collector.collect(objs)
        managed = managed_models(self.admin_site)
        perms_needed: set[str] = set()

        def describe(obj: Model) -> str:
            opts = obj._meta
            model_admin = self.admin_site._registry.get(opts.model)
            if model_admin is None:  # edited inline
                return format_html("{}: {}", capfirst(opts.verbose_name), obj)
            if not model_admin.has_delete_permission(request, obj):
                perms_needed.add(str(opts.verbose_name))
            try:
                url = reverse(
                    f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=(quote(obj.pk),)
                )
            except NoReverseMatch:
                return format_html("{}: {}", capfirst(opts.verbose_name), obj)
            return format_html('{}: <a href="{}">{}</a>', capfirst(opts.verbose_name), url, obj)

        found_per_model = cast(dict[type[Model], set[Model]], collector.model_objs)
        unmanaged = [obj for model, found in found_per_model.items() if model not in managed for obj in found]
        to_delete = _named_only(collector.nested(), managed, describe) + count_per_kind(unmanaged)
        protected = sorted((describe(o) for o in collector.protected if o._meta.model in managed), key=str)
        protected += count_per_kind(o for o in collector.protected if o._meta.model not in managed)
        model_count = {str(model._meta.verbose_name_plural): len(found) for model, found in found_per_model.items()}
        return to_delete, model_count, perms_needed, protected


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
