# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.urls import path

from eenplan.collaboration import views

app_name = "collaboration"

urlpatterns = [
    path("huishoudens/<id:pk>/samenwerken/", views.household_overview, name="household"),
    path("huishoudens/<id:pk>/overleggen/nieuw/", views.conference_add, name="conference_add"),
    path("huishoudens/<id:pk>/overleggen/<id:conference_pk>/", views.conference_detail, name="conference"),
    path(
        "huishoudens/<id:pk>/overleggen/<id:conference_pk>/agendapunt/", views.agenda_item_add, name="agenda_item_add"
    ),
    path("huishoudens/<id:pk>/overleggen/<id:conference_pk>/verslag/", views.conference_minutes, name="minutes"),
    path("huishoudens/<id:pk>/overleggen/<id:conference_pk>/besluit/", views.decision_add, name="decision_add"),
    path("huishoudens/<id:pk>/overleggen/<id:conference_pk>/aanwezigheid/", views.attendance, name="attendance"),
    path("huishoudens/<id:pk>/overleggen/<id:conference_pk>/uitnodigen/", views.invite, name="invite"),
    path(
        "huishoudens/<id:pk>/overleggen/<id:conference_pk>/toestemming/",
        views.conference_consent,
        name="conference_consent",
    ),
    path("overleggen/<id:conference_pk>/", views.invitation, name="invitation"),
    path("huishoudens/<id:pk>/opschalen/", views.escalation_add, name="escalation_add"),
    path("opschalingen/", views.escalations_to_decide, name="escalations"),
    path("opschalingen/<id:escalation_pk>/", views.escalation_detail, name="escalation"),
    path("samenwerken/team/", views.team_view, name="team"),
    path("vraagbaak/", views.helpdesk, name="helpdesk"),
    path("vraagbaak/nieuw/", views.question_add, name="question_add"),
    path("vraagbaak/<id:question_pk>/", views.question_detail, name="question"),
    path("vraagbaak/<id:question_pk>/publiceren/", views.question_publish, name="question_publish"),
    path("kennisbank/", views.knowledge_base, name="knowledge_base"),
    path("kennisbank/<id:question_pk>/", views.knowledge_item, name="knowledge_item"),
    path("knelpunten/", views.barriers, name="barriers"),
    path("knelpunten/nieuw/", views.barrier_add, name="barrier_add"),
    path("knelpunten/overzicht/", views.barrier_overview, name="barrier_overview"),
    path("knelpunten/<id:barrier_pk>/", views.barrier_detail, name="barrier"),
    path("huishoudens/<id:pk>/knelpunten/nieuw/", views.household_barrier_add, name="household_barrier_add"),
]
