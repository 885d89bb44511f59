# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The functional administrator registers and revokes API clients in /beheer/."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from eenplan.accounts.admin import FunctionalAdminOnly, site
from eenplan.api.clients import register_client, revoke_client
from eenplan.api.models import ApiClient, Scope, scope_allowed_for
from eenplan.api.webhooks import set_webhook


class ApiClientForm(forms.ModelForm):
    scope_choices = forms.MultipleChoiceField(
        label=_("Scopes"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ApiClient
        fields = ["name", "organisation"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        organisation = cleaned.get("organisation")
        scopes = cleaned.get("scope_choices") or []
        refused = organisation is not None and not scope_allowed_for(Scope.READ_AUDIT_ALL, organisation.type)
        if refused and Scope.READ_AUDIT_ALL in scopes:
            self.add_error(
                "scope_choices",
                _(
                    "Only a system of the wijkteam or the municipality may read every access log entry "
                    "(audit:all): their privacy officer oversees the whole log."
                ),
            )
        return cleaned


@admin.register(ApiClient, site=site)
class ApiClientAdmin(FunctionalAdminOnly):
    """Opened by the functional administrator role (not Django's model permissions), as the other /beheer/ pages."""

    list_display = ["name", "organisation", "client_id", "scopes", "created_at", "revoked_at"]
    list_filter = ["organisation"]
    readonly_fields = ["client_id", "scopes", "created_at", "revoked_at"]
    actions = ["revoke"]

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        if obj is None:
            kwargs["form"] = ApiClientForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ["name", "organisation", "scope_choices"]
        return ["name", "organisation", "client_id", "scopes", "webhook_url", "created_at", "revoked_at"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is None:
            return []
        return ["organisation", "client_id", "scopes", "created_at", "revoked_at"]

    def save_model(self, request: HttpRequest, obj: ApiClient, form: Any, change: bool) -> None:
        if change:
            obj.save(update_fields=["name"])
            if "webhook_url" in form.changed_data:
                secret = set_webhook(obj, form.cleaned_data["webhook_url"])
                if secret:
                    messages.warning(
                        request,
                        _(
                            "Webhook secret: %(secret)s. Give it to the organisation now, with the client's secret: "
                            "its system checks the signature of every event with it. It is not shown again."
                        )
                        % {"secret": secret},
                    )
            return
        client, secret = register_client(
            form.cleaned_data["name"], form.cleaned_data["organisation"], form.cleaned_data["scope_choices"]
        )
        obj.pk = client.pk
        obj.application_id = client.application_id
        obj.user_id = client.user_id
        messages.warning(
            request,
            _(
                "Client id: %(id)s — secret: %(secret)s. Give the secret to the organisation now: it is stored hashed "
                "and is never shown again."
            )
            % {"id": client.client_id, "secret": secret},
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # revoke instead: the access log names the client's account

    @admin.action(description=_("Revoke the selected API clients"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiClient]) -> None:
        for client in queryset:
            revoke_client(client)
        messages.success(request, _("Revoked: their tokens no longer work and they get no new ones."))
