# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.urls import path

from eenplan.budget import views

app_name = "budget"

urlpatterns = [
    path("huishoudens/<id:pk>/plan/acties/<id:action_pk>/wijkbudget/", views.commit, name="commit"),
    path("huishoudens/<id:pk>/wijkbudget/", views.household_commitments, name="household"),
    path("huishoudens/<id:pk>/wijkbudget/<id:commitment_pk>/betaald/", views.pay, name="pay"),
    path("huishoudens/<id:pk>/wijkbudget/<id:commitment_pk>/vrijgeven/", views.release, name="release"),
    path("wijkbudget/", views.budgets, name="budgets"),
    path("wijkbudget/<id:budget_pk>/", views.budget_overview, name="overview"),
    path("wijkbudget/beslissen/", views.approvals, name="approvals"),
    path("wijkbudget/beslissen/<id:commitment_pk>/", views.decide, name="decide"),
]
