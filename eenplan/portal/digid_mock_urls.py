# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The development DigiD login of django-digid-eherkenning (pick a test BSN), only while DIGID_MOCK is on."""

from digid_eherkenning.mock.idp.views.digid import DigiDMockIDPBSNLoginView, DigiDMockIDPLoginView
from django.urls import path

from eenplan.portal.views import mock_only

app_name = "digid-mock"

urlpatterns = [
    path("inloggen/", mock_only(DigiDMockIDPLoginView.as_view()), name="login"),
    path("inloggen_bsn/", mock_only(DigiDMockIDPBSNLoginView.as_view()), name="bsn"),
]
