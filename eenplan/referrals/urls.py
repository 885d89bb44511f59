# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.urls import path

from eenplan.referrals import views

app_name = "referrals"

urlpatterns = [
    path("huishoudens/<id:pk>/plan/acties/<id:action_pk>/verwijzen/", views.refer, name="refer"),
    path("huishoudens/<id:pk>/verwijzingen/", views.household_referrals, name="household"),
    path("verwijzingen/", views.inbox, name="inbox"),
    path("verwijzingen/cijfers/", views.figures, name="figures"),
    path("verwijzingen/<id:referral_pk>/", views.referral_detail, name="detail"),
    path("verwijzingen/<id:referral_pk>/status/", views.referral_move, name="move"),
]
