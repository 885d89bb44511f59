# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.urls import path

from eenplan.household_pages import views

app_name = "households"

urlpatterns = [
    path("", views.household_list, name="list"),
    path("nieuw/", views.household_create, name="create"),
    path("<id:pk>/", views.household_detail, name="detail"),
    path("<id:pk>/werkstroom/", views.household_workflow, name="workflow"),
    path("<id:pk>/adres/", views.household_edit, name="edit"),
    path("<id:pk>/bewoners/nieuw/", views.resident_add, name="resident_add"),
    path("<id:pk>/bewoners/<id:resident_pk>/", views.resident_edit, name="resident_edit"),
    path("<id:pk>/relaties/nieuw/", views.relationship_add, name="relationship_add"),
    path("<id:pk>/afsluiten/", views.household_close, name="close"),
    path("<id:pk>/heropenen/", views.household_reopen, name="reopen"),
]
