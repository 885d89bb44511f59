# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.urls import path

from eenplan.reports import views

app_name = "reports"

urlpatterns = [
    path("rapportages/team/", views.team_dashboard, name="team"),
    path("rapportages/uitkomsten/", views.outcomes, name="outcomes"),
]
