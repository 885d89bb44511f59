# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The configuration of eHerkenning for representatives has one check (EHerkenningBewindvoeringConfig.problems),
behind both the form in /beheer/ and whether the portal offers the login (oidc.is_ready)."""

from __future__ import annotations

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from eenplan.portal import oidc

pytestmark = pytest.mark.django_db


def test_an_enabled_configuration_without_a_jwks_endpoint_is_not_ready(eherkenning_config):
    eherkenning_config.oidc_op_jwks_endpoint = ""
    eherkenning_config.save()
    assert not oidc.is_ready()


def test_an_enabled_configuration_without_a_jwks_endpoint_is_refused_by_the_form(eherkenning_config):
    eherkenning_config.oidc_op_jwks_endpoint = ""
    with pytest.raises(ValidationError) as refused:
        eherkenning_config.full_clean()
    assert list(refused.value.message_dict) == [NON_FIELD_ERRORS]


def test_a_switched_off_configuration_may_be_incomplete(eherkenning_config):
    eherkenning_config.enabled = False
    eherkenning_config.oidc_op_jwks_endpoint = ""
    eherkenning_config.oidc_rp_client_id = ""
    assert eherkenning_config.problems() == {}


def test_every_problem_of_the_configuration_is_told_at_once(eherkenning_config):
    eherkenning_config.oidc_op_token_endpoint = "http://broker.example.nl/token"
    eherkenning_config.oidc_op_jwks_endpoint = ""
    eherkenning_config.options = {"identity_settings": "not an object"}
    assert set(eherkenning_config.problems()) == {"options", "oidc_op_token_endpoint", NON_FIELD_ERRORS}


def test_a_complete_enabled_configuration_with_the_secret_is_ready(eherkenning_config):
    assert eherkenning_config.problems() == {}
    assert oidc.is_ready()


def test_an_enabled_configuration_with_claims_from_userinfo_without_its_endpoint_is_not_ready(eherkenning_config):
    eherkenning_config.claims_source = eherkenning_config.ClaimsSource.USERINFO
    eherkenning_config.oidc_op_user_endpoint = ""
    eherkenning_config.save()
    assert not oidc.is_ready()


def test_an_enabled_configuration_with_claims_from_userinfo_without_its_endpoint_is_refused_on_that_field(
    eherkenning_config,
):
    eherkenning_config.claims_source = eherkenning_config.ClaimsSource.USERINFO
    eherkenning_config.oidc_op_user_endpoint = ""
    with pytest.raises(ValidationError) as refused:
        eherkenning_config.full_clean()
    assert list(refused.value.message_dict) == ["oidc_op_user_endpoint"]


def test_an_enabled_configuration_with_claims_from_userinfo_and_its_endpoint_is_ready(eherkenning_config):
    eherkenning_config.claims_source = eherkenning_config.ClaimsSource.USERINFO
    eherkenning_config.save()
    assert eherkenning_config.problems() == {}
    assert oidc.is_ready()
