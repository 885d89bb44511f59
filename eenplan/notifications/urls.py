# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.urls import path

from eenplan.notifications import views

urlpatterns = [
    path("meldingen/", views.notifications, name="notifications"),
]
