# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.urls import path

from eenplan.portal import views

app_name = "portal"

urlpatterns = [
    path("mijn/inloggen/", views.login, name="login"),
    path("mijn/activeren/", views.activate, name="activate"),
    path("mijn/uitloggen/", views.logout, name="logout"),
    path("mijn/sessie-verlengen/", views.extend_session, name="extend_session"),
    path("mijn/eherkenning/", views.eherkenning_login, name="eherkenning_login"),
    path("mijn/eherkenning/terug/", views.eherkenning_callback, name="eherkenning_callback"),
    path("mijn/", views.home, name="home"),
    path("mijn/plan/", views.plan, name="plan"),
    path("mijn/toestemmingen/", views.consents, name="consents"),
    path("mijn/inzage/", views.access_log, name="access_log"),
    path("mijn/gegevens/", views.my_data, name="my_data"),
    path("mijn/gegevens/mijn-eenplan.json", views.export_json, name="export_json"),
    path("mijn/gegevens/mijn-eenplan.pdf", views.export_pdf, name="export_pdf"),
    path("mijn/berichten/", views.messages_page, name="messages"),
    path("mijn/zelfbeoordeling/", views.self_assessment, name="self_assessment"),
    path("mijn/zelfbeoordeling/invullen/", views.self_assessment_form, name="self_assessment_form"),
    path("mijn/verwijzingen/", views.referrals, name="referrals"),
    path("mijn/toegang/", views.member_access, name="member_access"),
    path("huishoudens/<id:pk>/mijn-eenplan/", views.household_portal, name="household"),
]
