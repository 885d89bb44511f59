# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.urls import path

from eenplan.intake import views

app_name = "intake"

urlpatterns = [
    path("hulp-vragen/", views.public_request, name="public"),
    path("hulp-vragen/verstuurd/", views.public_thanks, name="public_thanks"),
    path("signalen/nieuw/", views.signal_create, name="signal"),
    path("aanmeldingen/", views.queue, name="queue"),
    path("aanmeldingen/<id:request_pk>/", views.request_detail, name="request"),
    path("huishoudens/<id:pk>/intake/nieuw/", views.intake_add, name="intake_add"),
    path("huishoudens/<id:pk>/intake/<id:intake_pk>/", views.intake_detail, name="intake_detail"),
]
