# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.urls import path

from eenplan.accounts import passkey_views, views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.login_view, name="login"),
    path("inloggen/code/", views.mfa, name="mfa"),
    path("uitloggen/", views.logout_view, name="logout"),
    path("sessie-verlengen/", views.extend_session, name="extend_session"),
    path("wachtwoord-vergeten/", views.password_reset, name="password_reset"),
    path("wachtwoord-vergeten/verstuurd/", views.password_reset_sent, name="password_reset_sent"),
    path("wachtwoord-herstellen/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("wachtwoord-herstellen/klaar/", views.password_reset_complete, name="password_reset_complete"),
    path("uitnodiging/<uidb64>/<token>/", views.invitation, name="invitation"),
    path("beveiliging/", passkey_views.security, name="security"),
    path("beveiliging/passkey-toevoegen/", passkey_views.passkey_add, name="passkey_add"),
    path("beveiliging/passkeys/<id:passkey_id>/verwijderen/", passkey_views.passkey_remove, name="passkey_remove"),
]
