# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.urls import path

from eenplan.staff import views

app_name = "staff"

urlpatterns = [
    path("medewerkers/", views.account_list, name="accounts"),
    path("medewerkers/uitnodigen/", views.invite, name="invite"),
    path("medewerkers/<id:user_id>/", views.account, name="account"),
    path("medewerkers/<id:user_id>/rol/", views.give_membership, name="give_membership"),
    path("medewerkers/<id:user_id>/rol/<id:membership_id>/beeindigen/", views.end_membership, name="end_membership"),
    path("medewerkers/<id:user_id>/tweede-stap/", views.reset_mfa, name="reset_mfa"),
    path("medewerkers/<id:user_id>/uitnodiging/", views.resend_invitation, name="resend_invitation"),
    path("medewerkers/<id:user_id>/aanzetten/", views.reactivate, name="reactivate"),
    path("medewerkers/<id:user_id>/uitschakelen/", views.deactivate, name="deactivate"),
    path("medewerkers/<id:user_id>/overdragen/", views.hand_over, name="hand_over"),
]
