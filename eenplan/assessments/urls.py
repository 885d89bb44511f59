# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.urls import path

from eenplan.assessments import views

app_name = "assessments"

urlpatterns = [
    path("huishoudens/<id:pk>/zelfredzaamheid/", views.overview, name="overview"),
    path("huishoudens/<id:pk>/zelfredzaamheid/nieuw/", views.assessment_add, name="add"),
    path("huishoudens/<id:pk>/zelfredzaamheid/doelen/", views.goals_from_domains, name="goals"),
]
