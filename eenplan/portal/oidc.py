# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""eHerkenning for a representative (*eHerkenning bewindvoering*) in Mijn EenPlan, over OpenID Connect.

A bewindvoerder, mentor or curator (an organisation with a KvK number) logs in with eHerkenning at the
municipality's broker and picks the resident they act for under a *machtiging*; the broker answers with an ID token
(or userinfo) carrying the represented person's BSN, the organisation's KvK number (or RSIN), the employee's
pseudonym and the mandate's service. The OIDC flow is mozilla-django-oidc's: its request view (state and nonce in
the session, the redirect to the broker) and its authentication backend (the code exchanged at the token endpoint,
the ID token's signature checked with the broker's JWKS, the nonce compared). The claim paths are the options of
django-digid-eherkenning's bewindvoering schema (`digid_eherkenning.oidc.schemas`), kept in
`models.EHerkenningBewindvoeringConfig` (a django-solo singleton, /beheer/); the client secret comes from the
environment (EHERKENNING_OIDC_CLIENT_SECRET).

Why not mozilla-django-oidc-db (the library's `oidc` extra): its configuration models use PostgreSQL array fields,
so its migrations fail on SQLite, which EenPlan's demo and tests run on (docs/portal.md).

No Django user is logged in: the backend checks the claims and keeps them in the session for the callback view,
which finds the resident by the BSN's lookup digest and starts a portal session marked as a representative's
(`services.sign_in_representative`). Claims are never logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import jwt
import requests
from digid_eherkenning.oidc.schemas import EHERKENNING_BEWINDVOERING_OPTIONS_SCHEMA
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest
from django.views.generic import View
from jsonschema import Draft202012Validator
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationRequestView
from stdnum.nl import bsn as bsn_number

from eenplan.portal.models import EHerkenningBewindvoeringConfig

CALLBACK_URL_NAME = "portal:eherkenning_callback"
# The checked claims, between the backend (which checks them) and the callback view (which signs in).
CLAIMS_SESSION_KEY = "_eenplan_eherkenning_claims"
RSIN_TYPE = "urn:etoegang:1.9:EntityConcernedID:RSIN"
TIMEOUT_SECONDS = 10


def default_options() -> dict[str, Any]:
    """The options a new configuration starts with: the schema's defaults (the claim names of eToegang and the
    Anoigo broker); a municipality sets its broker's in /beheer/."""
    schema: dict[str, Any] = EHERKENNING_BEWINDVOERING_OPTIONS_SCHEMA
    identity: dict[str, Any] = schema["properties"]["identity_settings"]["properties"]
    return {"identity_settings": {name: list(spec["default"]) for name, spec in identity.items()}}


def options_errors(options: Any) -> list[str]:
    """What is wrong with these options against the library's schema (empty: nothing)."""
    validator = Draft202012Validator(EHERKENNING_BEWINDVOERING_OPTIONS_SCHEMA)
    return [error.message for error in validator.iter_errors(options)]


LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def endpoint_is_safe(url: str) -> bool:
    """An endpoint of the broker must be https; plain http only on this machine's loopback (the tests' provider)."""
    parts = urlsplit(url)
    return parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS)


def config() -> EHerkenningBewindvoeringConfig:
    found: EHerkenningBewindvoeringConfig = EHerkenningBewindvoeringConfig.get_solo()
    return found


def is_ready() -> bool:
    """Is the representatives' login switched on, with the secret in the environment and a configuration without
    problems (`EHerkenningBewindvoeringConfig.problems`: https endpoints, the JWKS endpoint among them, the client id,
    valid claim paths)?"""
    found = EHerkenningBewindvoeringConfig.objects.first()
    return bool(
        found is not None and found.enabled and settings.EHERKENNING_OIDC_CLIENT_SECRET and not found.problems()
    )


@dataclass(frozen=True)
class RepresentativeClaims:
    """What the broker said, checked: the represented resident's BSN (only to find them; never stored or logged),
    the acting organisation (KvK number or RSIN), the employee's pseudonym and the mandate's service."""

    represented_bsn: str
    legal_subject: str
    legal_subject_is_rsin: bool
    acting_subject: str
    service: str

    def as_session(self) -> dict[str, Any]:
        return {
            "bsn": self.represented_bsn,
            "legal_subject": self.legal_subject,
            "rsin": self.legal_subject_is_rsin,
            "acting_subject": self.acting_subject,
            "service": self.service,
        }

    @classmethod
    def from_session(cls, data: Any) -> RepresentativeClaims | None:
        if not isinstance(data, dict):
            return None
        try:
            return cls(
                str(data["bsn"]),
                str(data["legal_subject"]),
                bool(data["rsin"]),
                str(data["acting_subject"]),
                str(data["service"]),
            )
        except KeyError:
            return None


def claim(claims: dict[str, Any], path: list[str]) -> str:
    """The claim at this path (a list of keys into nested objects), as text; "" when absent or not text."""
    value: Any = claims
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return ""
        value = value[key]
    if isinstance(value, bool) or not isinstance(value, str | int) or not path:
        return ""
    return str(value).strip()


def check_claims(claims: dict[str, Any], options: dict[str, Any]) -> RepresentativeClaims:
    """The claims the bewindvoering options point at, checked; PermissionDenied (no session) when one is missing or
    malformed: a BSN that fails the elfproef, a KvK number that is not 8 digits (an RSIN: 9), no employee, no
    mandate service, or a service that is not one of EHERKENNING_MANDATE_SERVICES (when that is set)."""
    paths = options.get("identity_settings", {})
    bsn = claim(claims, paths.get("representee_claim_path", []))
    legal_subject = claim(claims, paths.get("legal_subject_claim_path", []))
    is_rsin = claim(claims, paths.get("identifier_type_claim_path", [])) == RSIN_TYPE
    acting = claim(claims, paths.get("acting_subject_claim_path", []))
    services = [
        found
        for found in (
            claim(claims, paths.get("mandate_service_id_claim_path", [])),
            claim(claims, paths.get("mandate_service_uuid_claim_path", [])),
        )
        if found
    ]
    if not bsn_number.is_valid(bsn):
        raise PermissionDenied("The represented person's BSN is missing or invalid.")
    if not (legal_subject.isdecimal() and len(legal_subject) == (9 if is_rsin else 8)):
        raise PermissionDenied("The acting organisation's number is missing or invalid.")
    if not acting or len(acting) > 255:
        raise PermissionDenied("The acting employee is missing.")
    if not services:
        raise PermissionDenied("The mandate's service is missing.")
    allowed = set(settings.EHERKENNING_MANDATE_SERVICES)
    if allowed and not allowed.intersection(services):
        raise PermissionDenied("The mandate is for another service.")
    return RepresentativeClaims(bsn, legal_subject, is_rsin, acting, services[0])


def _setting(found: EHerkenningBewindvoeringConfig, attr: str, *default: Any) -> Any:
    """mozilla-django-oidc's settings, from the configuration record (and the secret from the environment)."""
    values: dict[str, Any] = {
        "OIDC_OP_AUTHORIZATION_ENDPOINT": found.oidc_op_authorization_endpoint,
        "OIDC_OP_TOKEN_ENDPOINT": found.oidc_op_token_endpoint,
        "OIDC_OP_USER_ENDPOINT": found.oidc_op_user_endpoint,
        "OIDC_OP_JWKS_ENDPOINT": found.oidc_op_jwks_endpoint or None,
        "OIDC_RP_CLIENT_ID": found.oidc_rp_client_id,
        "OIDC_RP_CLIENT_SECRET": settings.EHERKENNING_OIDC_CLIENT_SECRET,
        "OIDC_RP_SIGN_ALGO": found.oidc_rp_sign_algo,
        "OIDC_RP_IDP_SIGN_KEY": None,
        "OIDC_RP_SCOPES": found.oidc_rp_scopes,
        "OIDC_AUTHENTICATION_CALLBACK_URL": CALLBACK_URL_NAME,
        "OIDC_USE_NONCE": True,
        "OIDC_VERIFY_SSL": True,
        "OIDC_TIMEOUT": TIMEOUT_SECONDS,
        "OIDC_STORE_ACCESS_TOKEN": False,
        "OIDC_STORE_ID_TOKEN": False,
        "OIDC_AUTH_REQUEST_EXTRA_PARAMS": {},
    }
    if attr in values:
        return values[attr]
    return import_from_settings(attr, *default)


class RepresentativeStartView(OIDCAuthenticationRequestView):
    """mozilla-django-oidc's start of the flow, with the broker and client of the configuration record."""

    def __init__(self, **kwargs: Any) -> None:
        View.__init__(self, **kwargs)
        self.config = config()
        self.OIDC_OP_AUTH_ENDPOINT = self.config.oidc_op_authorization_endpoint
        self.OIDC_RP_CLIENT_ID = self.config.oidc_rp_client_id

    def get_settings(self, attr: str, *args: Any) -> Any:  # type: ignore[override]
        return _setting(self.config, attr, *args)


class RepresentativeBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend (code exchange, signature with the broker's JWKS, nonce), called by the
    callback view only (it is not in AUTHENTICATION_BACKENDS): instead of a Django user it checks the claims and
    keeps them in the session."""

    def __init__(self, found: EHerkenningBewindvoeringConfig) -> None:
        self.config = found
        self.UserModel = get_user_model()
        self.OIDC_OP_TOKEN_ENDPOINT = found.oidc_op_token_endpoint
        self.OIDC_OP_USER_ENDPOINT = found.oidc_op_user_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = found.oidc_op_jwks_endpoint or None
        self.OIDC_RP_CLIENT_ID = found.oidc_rp_client_id
        self.OIDC_RP_CLIENT_SECRET = settings.EHERKENNING_OIDC_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = found.oidc_rp_sign_algo
        self.OIDC_RP_IDP_SIGN_KEY = None

    def get_settings(self, attr: str, *args: Any) -> Any:  # type: ignore[override]
        return _setting(self.config, attr, *args)

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> AnonymousUser:
        """Check the claims (from the verified ID token, or the userinfo endpoint when configured so) and keep them
        for the callback view. PermissionDenied when they do not do."""
        claims = payload
        if self.config.claims_source == EHerkenningBewindvoeringConfig.ClaimsSource.USERINFO:
            claims = self.get_userinfo(access_token, id_token, payload)
            if not isinstance(claims, dict):
                raise PermissionDenied("The userinfo endpoint gave no claims.")
        checked = check_claims(claims, self.config.options)
        request: HttpRequest = self.request
        request.session[CLAIMS_SESSION_KEY] = checked.as_session()
        user = AnonymousUser()
        user.is_active = True  # type: ignore[misc,assignment]  # the callback's "success" test
        return user

    def retrieve_matching_jwk(self, token: Any) -> Any:
        """The broker's key for this token. With a `kid` in the token's header as mozilla-django-oidc does; without
        one, the only key of the broker's set for the token's algorithm (OpenID Connect Core 10.1 allows leaving
        `kid` out when there is one key); anything else is refused."""
        header = jwt.get_unverified_header(token)
        if "kid" in header:
            return super().retrieve_matching_jwk(token)
        response = requests.get(self.OIDC_OP_JWKS_ENDPOINT or "", timeout=TIMEOUT_SECONDS)
        response.raise_for_status()
        algorithm = header.get("alg")
        keys = [key for key in response.json().get("keys", []) if key.get("alg", algorithm) == algorithm]
        if len(keys) != 1:
            raise SuspiciousOperation("No single key of the broker matches the ID token.")
        return jwt.PyJWK(keys[0])

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        try:
            return super().get_userinfo(access_token, id_token, payload)
        except (requests.RequestException, ValueError) as error:
            raise PermissionDenied("The userinfo endpoint gave no claims.") from error
