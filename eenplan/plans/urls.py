# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.urls import path

from eenplan.plans import views

app_name = "plans"

urlpatterns = [
    path("huishoudens/<id:pk>/plan/", views.plan_page, name="plan"),
    path("huishoudens/<id:pk>/plan/starten/", views.plan_start, name="start"),
    path("huishoudens/<id:pk>/plan/wijzigen/", views.plan_edit, name="edit"),
    path("huishoudens/<id:pk>/plan/doelen/nieuw/", views.goal_add, name="goal_add"),
    path("huishoudens/<id:pk>/plan/doelen/<id:goal_pk>/", views.goal_edit, name="goal_edit"),
    path("huishoudens/<id:pk>/plan/acties/nieuw/", views.action_add, name="action_add"),
    path("huishoudens/<id:pk>/plan/acties/<id:action_pk>/", views.action_edit, name="action_edit"),
    path("huishoudens/<id:pk>/plan/vaststellen/", views.plan_agree, name="agree"),
    path("huishoudens/<id:pk>/plan/evalueren/", views.plan_finish, name="finish"),
    path("huishoudens/<id:pk>/plan/<id:plan_pk>/heropenen/", views.plan_reopen, name="reopen"),
    path("huishoudens/<id:pk>/plan/pdf/", views.plan_pdf, name="pdf"),
    path("huishoudens/<id:pk>/plan/geschiedenis/", views.history, name="history"),
    path("huishoudens/<id:pk>/regisseur/", views.regisseur_transfer, name="transfer"),
    path("huishoudens/<id:pk>/betrokkenen/nieuw/", views.care_team_add, name="care_team_add"),
    path("huishoudens/<id:pk>/betrokkenen/<id:member_pk>/", views.care_team_edit, name="care_team_edit"),
    path("huishoudens/<id:pk>/netwerk/nieuw/", views.network_add, name="network_add"),
    path("huishoudens/<id:pk>/netwerk/<id:member_pk>/", views.network_edit, name="network_edit"),
    path("huishoudens/<id:pk>/tijdlijn/", views.timeline, name="timeline"),
    path("huishoudens/<id:pk>/tijdlijn/notitie/", views.journal_add, name="journal_add"),
    path("mijn-acties/<id:action_pk>/status/", views.my_action_status, name="my_action_status"),
]
