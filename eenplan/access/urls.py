# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.urls import path

from eenplan.access import views

app_name = "access"

urlpatterns = [
    path("huishoudens/<id:pk>/toestemmingen/nieuw/", views.consent_create, name="consent_create"),
    path("huishoudens/<id:pk>/toestemmingen/<id:consent_pk>/", views.consent_edit, name="consent_edit"),
    path(
        "huishoudens/<id:pk>/toestemmingen/<id:consent_pk>/intrekken/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("huishoudens/<id:pk>/inzage/", views.household_access_log, name="household_log"),
    path("huishoudens/<id:pk>/noodtoegang/", views.break_glass, name="break_glass"),
    path("privacy/logboek/", views.access_log_search, name="log_search"),
    path("privacy/noodtoegang/", views.break_glass_reviews, name="break_glass_reviews"),
    path("privacy/noodtoegang/<id:access_pk>/", views.break_glass_review, name="break_glass_review"),
]
