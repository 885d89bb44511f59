# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The POST half of every form page, written once: validate, save, say so, redirect; or keep the form with why not.

A form page in EenPlan goes one way: a valid POST runs the save (a service call), shows a success message and
redirects; a save refused by a rule of the domain puts the reason on the form (400); a save that lost a race marks
the form as a conflict (409, the typed text kept). The page itself is rendered by the view with
`lib.forms.form_status(form)` as its status::

    response = submit_form(request, form, save, success=_("Saved."), then=lambda _result: redirect(...))
    if response is not None:
        return response
    return render(request, "…", {"form": form}, status=form_status(form))
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse

T = TypeVar("T")


def mark_conflict(form: BaseForm, message: str) -> None:
    """Mark the form as having lost a race (someone else saved first): `form_status` answers 409 and the form keeps
    what was typed, with `message` above it."""
    form.has_conflict = True  # type: ignore[attr-defined]
    form.add_error(None, message)


def submit_form(
    request: HttpRequest,
    form: BaseForm,
    save: Callable[[dict[str, Any]], T],
    *,
    success: str | Callable[[T], str],
    then: Callable[[T], HttpResponse],
    refusals: tuple[type[Exception], ...] = (),
    conflicts: tuple[type[Exception], ...] = (),
) -> HttpResponse | None:
    """Handle a form page's POST. Returns the response after a save, or None: render the form page then.

    - Not a POST, or the form is not valid: nothing is saved, None.
    - `save(form.cleaned_data)` runs. It may raise one of `conflicts` (the form is marked a conflict, 409) or of
      `refusals` (its text becomes the form's error, 400); conflicts are tried first, so a conflict may subclass a
      refusal. It may also return False when it did not save and has put the reason on the form itself (as the
      versioned model forms' `save_versioned` does): None then as well.
    - Otherwise the success message (a text, or made from what `save` returned) is shown on the next page and
      `then(result)` (a redirect) is returned.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = save(form.cleaned_data)
    except conflicts as error:
        mark_conflict(form, str(error))
        return None
    except refusals as error:
        form.add_error(None, str(error))
        return None
    if result is False:
        return None
    messages.success(request, success(result) if callable(success) else success)
    return then(result)
