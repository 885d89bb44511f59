# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
from django.urls import path

from eenplan.ops import views

app_name = "ops"

urlpatterns = [
    path("metrics", views.metrics, name="metrics"),
]
