# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Pages for the HSDS 3.0 export and import of the sociale kaart. No resident data."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eenplan.directory.hsds.export import export_directory, may_download_directory
from eenplan.directory.hsds.importer import (
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_MEGABYTES,
    import_directory,
    may_import_directory,
    parse_document,
)
from eenplan.lib.requests import authenticated_user

EXPORT_FILENAME = "sociale-kaart-hsds.json"


class HSDSImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("HSDS file (JSON)"),
        help_text=format_lazy(
            gettext_lazy("An Open Referral HSDS 3.0 page of organizations, at most {megabytes} MB."),
            megabytes=MAX_UPLOAD_MEGABYTES,
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(megabytes)s MB. Nothing was imported.")
                % {"megabytes": MAX_UPLOAD_MEGABYTES}
            )
        try:
            # A large upload is a temporary file on disk (Django's TemporaryFileUploadHandler): read once, parsed once.
            upload.seek(0)
            self.document = parse_document(upload.read())
        except ValueError as error:
            raise forms.ValidationError(_("%(problem)s Nothing was imported.") % {"problem": error}) from error
        return upload


def hsds_export(request: HttpRequest) -> HttpResponse:
    if not may_download_directory(authenticated_user(request)):
        raise PermissionDenied
    body = json.dumps(export_directory(), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{EXPORT_FILENAME}"'
    return response


def hsds_import(request: HttpRequest) -> HttpResponse:
    user = authenticated_user(request)
    if not may_import_directory(user):
        raise PermissionDenied
    form = HSDSImportForm(request.POST, request.FILES) if request.method == "POST" else HSDSImportForm()
    report = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            report = import_directory(form.document, user=user)
            if not report.imported:
                status = 400
        else:
            status = 400
    return render(request, "directory/hsds_import.html", {"form": form, "report": report}, status=status)
