# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""eenplan.lib.formflow.submit_form: the POST half of every form page."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from eenplan.lib.formflow import submit_form
from eenplan.lib.forms import form_status


class NameForm(forms.Form):
    name = forms.CharField()


class Refused(Exception):
    pass


class Lost(Refused):
    """A conflict that is also a refusal: the conflict wins."""


def _request(method: str, data: dict[str, str] | None = None) -> HttpRequest:
    request = getattr(RequestFactory(), method)("/", data or {})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _submit(request: HttpRequest, form: NameForm, save: Any) -> HttpResponse | None:
    return submit_form(
        request,
        form,
        save,
        success=lambda name: f"Saved {name}.",
        then=lambda name: HttpResponse(f"done {name}", status=302),
        refusals=(Refused,),
        conflicts=(Lost,),
    )


def test_a_valid_post_saves_says_so_and_redirects():
    request = _request("post", {"name": "Anna"})
    response = _submit(request, NameForm(request.POST), lambda data: data["name"])
    assert response is not None and response.status_code == 302 and response.content == b"done Anna"
    assert [str(m) for m in get_messages(request)] == ["Saved Anna."]


def test_a_get_saves_nothing():
    saved: list[str] = []
    request = _request("get")
    form = NameForm(None)
    assert _submit(request, form, saved.append) is None
    assert saved == [] and form_status(form) == 200


def test_an_invalid_post_saves_nothing_and_answers_400():
    saved: list[str] = []
    request = _request("post", {"name": ""})
    form = NameForm(request.POST)
    assert _submit(request, form, saved.append) is None
    assert saved == [] and form_status(form) == 400


def test_a_refusal_is_the_forms_error_400():
    def save(_data: dict[str, Any]) -> None:
        raise Refused("Not allowed here.")

    request = _request("post", {"name": "Anna"})
    form = NameForm(request.POST)
    assert _submit(request, form, save) is None
    assert form.non_field_errors() == ["Not allowed here."] and form_status(form) == 400
    assert list(get_messages(request)) == []


def test_a_conflict_is_tried_before_a_refusal_and_answers_409_keeping_the_text():
    def save(_data: dict[str, Any]) -> None:
        raise Lost("Someone else saved first.")

    request = _request("post", {"name": "Anna"})
    form = NameForm(request.POST)
    assert _submit(request, form, save) is None
    assert form.non_field_errors() == ["Someone else saved first."] and form_status(form) == 409
    assert form["name"].value() == "Anna"


def test_a_save_that_returns_false_did_not_save_and_shows_the_form_again():
    request = _request("post", {"name": "Anna"})
    assert _submit(request, NameForm(request.POST), lambda _data: False) is None
    assert list(get_messages(request)) == []


def test_an_unexpected_error_is_not_swallowed():
    def save(_data: dict[str, Any]) -> None:
        raise ValueError("a bug")

    request = _request("post", {"name": "Anna"})
    with pytest.raises(ValueError):
        _submit(request, NameForm(request.POST), save)
