# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Retention in the functional administrator's admin (/beheer/): the periods (data) and the reviews to confirm.

A review lists households by number, legal basis and end date only, never a name or address. The administrator
confirms a pending review with the admin action "Confirm"; `retention_apply` then carries it out and the review shows
what was done. Nobody adds, edits or deletes a review here: it is the record of a removal.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eenplan.accounts.admin import FunctionalAdminOnly, FunctionalAdminPermissions, is_functional_admin, site
from eenplan.retention import removal
from eenplan.retention.models import RetentionItem, RetentionPeriod, RetentionReview, ReviewStatus


@admin.register(RetentionPeriod, site=site)
class RetentionPeriodAdmin(FunctionalAdminOnly):
    list_display = ["subject", "years", "counted_from", "source", "changed_at"]
    fields = ["subject", "years", "counted_from", "source"]
    readonly_fields = ["subject"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # the subjects are fixed; their periods change

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # an empty period keeps everything; a missing row would too, unseen


class RetentionItemInline(FunctionalAdminPermissions, admin.TabularInline):
    model = RetentionItem
    extra = 0
    fields = ["household_id", "legal_basis", "help_ended_on", "outcome", "removed_rows", "note"]
    readonly_fields = ["household_id", "legal_basis", "help_ended_on", "outcome", "removed_rows", "note"]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


COLUMNS = [
    "due_on",
    "status",
    "households",
    "removed",
    "anonymised",
    "skipped",
    "access_log_older",
    "confirmed_by",
    "confirmed_at",
    "carried_out_at",
]


@admin.register(RetentionReview, site=site)
class RetentionReviewAdmin(FunctionalAdminOnly):
    list_display = ["id", *COLUMNS]
    list_filter = ["status"]
    fields = [*COLUMNS, "created_at"]
    readonly_fields = [*COLUMNS, "created_at"]
    inlines = [RetentionItemInline]
    actions = ["confirm"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_confirm_permission(self, request: HttpRequest) -> bool:
        return is_functional_admin(request)

    @admin.action(
        description=gettext_lazy("Confirm: remove these households when retention_apply runs"), permissions=["confirm"]
    )
    def confirm(self, request: HttpRequest, queryset: QuerySet[RetentionReview]) -> None:
        confirmed = 0
        for review in queryset.filter(status=ReviewStatus.PENDING):
            removal.confirm(review, by=request.user)  # type: ignore[arg-type]
            confirmed += 1
        if confirmed:
            self.message_user(request, _("%(count)s review(s) confirmed.") % {"count": confirmed}, messages.SUCCESS)
        if queryset.exclude(status=ReviewStatus.PENDING).exists():
            self.message_user(
                request,
                _("Only pending reviews can be confirmed; the others were left as they were."),
                messages.WARNING,
            )
