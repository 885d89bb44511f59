# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Pages for the HSDS 3.0 export and import of the sociale kaart. No resident data."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eenplan.directory.hsds.export import export_directory, may_download_directory
from eenplan.directory.hsds.importer import (
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_MEGABYTES,
    ImportReport,
    may_import_directory,
    parse_document,
)
from eenplan.directory.hsds.tasks import queue_import, running_import
from eenplan.directory.models import HSDSImportJob
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
            self.content = upload.read()
            document = parse_document(self.content)
        except ValueError as error:
            raise forms.ValidationError(_("%(problem)s Nothing was imported.") % {"problem": error}) from error
        if not isinstance(document, dict):
            raise forms.ValidationError(
                _("%(problem)s Nothing was imported.")
                % {"problem": _("The file must hold one JSON object: an HSDS 3.0 page of organizations.")}
            )
        return upload


def hsds_export(request: HttpRequest) -> HttpResponse:
    if not may_download_directory(authenticated_user(request)):
        raise PermissionDenied
    body = json.dumps(export_directory(), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{EXPORT_FILENAME}"'
    return response


RECENT_IMPORTS = 5


def hsds_import(request: HttpRequest) -> HttpResponse:
    """The upload page: checks that the file is JSON, then hands the import to a background task and shows its job.

    One import at a time: while one is queued or running, another upload is refused (409) with a link to it.
    """
    user = authenticated_user(request)
    if not may_import_directory(user):
        raise PermissionDenied
    form = HSDSImportForm(request.POST, request.FILES) if request.method == "POST" else HSDSImportForm()
    running = running_import()
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        elif running is not None:
            status = 409
        else:
            job = queue_import(form.content, file_name=form.cleaned_data["file"].name or "", user=user)
            return redirect("directory:hsds_import_job", job_pk=job.pk)
    context = {
        "form": form,
        "running": running,
        "refused": status == 409,
        "recent": HSDSImportJob.objects.defer("document", "report").select_related("uploaded_by")[:RECENT_IMPORTS],
    }
    return render(request, "directory/hsds_import.html", context, status=status)


def hsds_import_job(request: HttpRequest, job_pk: int) -> HttpResponse:
    """One upload's import: its progress while it runs (the page polls every 2 s), then its report.

    Seen by who uploaded it and by who may import; anyone else gets 404, as for a job that does not exist.
    """
    user = authenticated_user(request)
    job = HSDSImportJob.objects.defer("document").filter(pk=job_pk).first()
    if job is None or (job.uploaded_by_id != user.pk and not may_import_directory(user)):
        raise Http404
    waiting = job.is_active and not job.is_stalled
    if request.headers.get("HX-Request"):
        if not waiting:  # finished: the whole page again, with the report
            return HttpResponse(headers={"HX-Refresh": "true"})
        return render(request, "directory/_hsds_import_progress.html", {"job": job})
    report = ImportReport.from_data(job.report) if job.status == HSDSImportJob.Status.DONE and job.report else None
    context = {"job": job, "waiting": waiting, "report": report}
    return render(request, "directory/hsds_import_job.html", context)
