# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""django-otp-webauthn's endpoints under its own namespace (its template tags reverse "otp_webauthn:…"), with
EenPlan's views: registration only after a verified login, authentication only as the login's second step."""

from django.urls import path

from eenplan.accounts import passkey_views as views

app_name = "otp_webauthn"

urlpatterns = [
    path("registratie/begin/", views.begin_registration, name="credential-registration-begin"),
    path("registratie/klaar/", views.complete_registration, name="credential-registration-complete"),
    path("inloggen/begin/", views.begin_authentication, name="credential-authentication-begin"),
    path("inloggen/klaar/", views.complete_authentication, name="credential-authentication-complete"),
    path("jsi18n/", views.script_texts, name="js-i18n-catalog"),
]
