# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
import pytest

pytestmark = pytest.mark.django_db


def test_a_professional_sees_their_teams_household(verified_client, household):
    response = verified_client.get("/huishoudens/")
    assert response.status_code == 200
    assert "De Vries" in response.content.decode()
