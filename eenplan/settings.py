# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""EenPlan settings, read from the environment.

Defaults are safe for production (DEBUG off, secure cookies, no secret key made up);
`make run` sets DEBUG=1 for the local demo. SQLite is used when DATABASE_URL is unset.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG:
        # Only for local development: a fixed, public key is acceptable because nothing real is stored.
        SECRET_KEY = "eenplan-insecure-development-key-do-not-use-in-production"  # noqa: S105
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

# Key material for encrypting fields at rest (BSN). Comma-separated, newest first, for rotation (rotate_bsn_key).
# A key of its own: only the local demo (DEBUG) falls back to SECRET_KEY; production refuses to start without it.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS") or ([SECRET_KEY] if DEBUG else [])

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django.contrib.postgres",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp_webauthn",  # passkeys beside TOTP (docs/accounts.md)
    "axes",
    "csp",
    "template_partials",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    # DigiD for Mijn EenPlan (eenplan.portal, docs/portal.md) through django-digid-eherkenning, with its apps.
    "solo",
    "privates",
    "simple_certmanager",
    "digid_eherkenning",
    "eenplan.lib",
    "eenplan.accounts",
    "eenplan.households",
    "eenplan.access",
    "eenplan.plans",
    "eenplan.assessments",
    "eenplan.intake",
    "eenplan.directory",
    "eenplan.referrals",
    "eenplan.collaboration",
    "eenplan.budget",
    "eenplan.reports",
    "eenplan.retention",
    "eenplan.notifications",
    "eenplan.portal",
    "eenplan.staff",
    "eenplan.household_pages",
    "eenplan.web",
    "eenplan.demo",
    "eenplan.ops",
    "eenplan.api",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI from the package, no CDN
    "oauth2_provider",
    "django_structlog",
    "django_prometheus",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "eenplan.ops.middleware.RequestLogMiddleware",
    "eenplan.ops.middleware.DatabaseUnavailableMiddleware",
    "eenplan.ops.middleware.AccessLogMetricsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "eenplan.accounts.middleware.IdleSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "eenplan.accounts.middleware.RequireVerifiedLoginMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "eenplan.lib.middleware.RejectUnstorableInputMiddleware",  # NUL in a query or form: 400, the Dutch page
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

# The load bench (bench/) measures server time per request; never on in production.
SERVER_TIMING = env_bool("SERVER_TIMING", False)
if SERVER_TIMING:
    MIDDLEWARE.insert(0, "bench.server_timing.ServerTimingMiddleware")
# Only for the bench's "logging on vs off" measurement; a system check refuses it outside loopback hosts.
ACCESS_LOG_OFF_FOR_BENCH = env_bool("ACCESS_LOG_OFF_FOR_BENCH", False)
# The access log's HMAC keys, newest first, never in the database (docs/privacy.md); DEBUG derives one when unset.
ACCESS_LOG_KEYS = env_list("ACCESS_LOG_KEYS")
# Where anchor_access_log writes its signed checkpoints: outside the database, ideally on another machine.
ACCESS_LOG_ANCHOR_DIR = Path(os.environ.get("ACCESS_LOG_ANCHOR_DIR", BASE_DIR / "var" / "log-anchors"))

ROOT_URLCONF = "eenplan.urls"
WSGI_APPLICATION = "eenplan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "eenplan.web.context_processors.navigation",
            ],
        },
    },
]

DATABASE_URL = os.environ.get("DATABASE_URL", "")
SQLITE_PATH = Path(os.environ.get("SQLITE_PATH", BASE_DIR / "var" / "eenplan.sqlite3"))
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
    # Server-side binding lets psycopg prepare a statement once it has run PREPARE_THRESHOLD times on a connection:
    # PostgreSQL then skips parsing and planning it (the household page's database time halves; docs/deployment.md).
    # A pooler in transaction mode without prepared-statement support needs DATABASE_PREPARED_STATEMENTS=0.
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
        "DATABASE_PREPARED_STATEMENTS", default=True
    ):
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            {"server_side_binding": True, "prepare_threshold": int(os.environ.get("DATABASE_PREPARE_THRESHOLD", "5"))}
        )
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(SQLITE_PATH),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                # Writers take the lock at BEGIN, so the access log chain cannot fork between read and insert.
                "transaction_mode": "IMMEDIATE",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "accounts:login"
# "Forgot password" links expire after an hour; invitations to a new account after a few days (docs/accounts.md).
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_MINUTES", "60")) * 60
ACCOUNT_INVITATION_DAYS = int(os.environ.get("ACCOUNT_INVITATION_DAYS", "7"))

# Idle session expiry: the cookie lives this long and is renewed on every request.
SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
# Renewed by eenplan.accounts.middleware.IdleSessionMiddleware at most once per SESSION_TOUCH_SECONDS.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_TOUCH_SECONDS = int(os.environ.get("SESSION_TOUCH_SECONDS", "60"))

# Each process keeps the active memberships of the users it served (accounts/membership_cache.py): the key changes
# with every change of a user's memberships, so the cache needs no sharing between processes.
MEMBERSHIP_CACHE_SECONDS = int(os.environ.get("MEMBERSHIP_CACHE_SECONDS", "300"))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "memberships": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "memberships",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

SECURE_COOKIES = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
# Plain HTTP is redirected to HTTPS, except the load balancer's health check (which may probe over plain HTTP).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Behind a TLS proxy: trust its X-Forwarded-Proto, and take the client address (for the public form's rate limit)
# from the last X-Forwarded-For entry, the one the proxy itself appended.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading is the domain owner's decision (it binds every subdomain for good), so it is off unless asked for.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Lockout after repeated failed logins (django-axes).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = ["username"]
# We lock per account, which is what protects a professional's account; locking per IP address would lock out
# a whole municipal office behind one NAT address, so axes' advice to add the address is deliberately silenced.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False  # the failure log would hold e-mail addresses

OTP_TOTP_ISSUER = "EenPlan"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# One date format across the app ("20 november 2026"); templates use |date and |date:"DATETIME_FORMAT".
FORMAT_MODULE_PATH = ["eenplan.formats"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get(
            "STATICFILES_BACKEND",
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or env_bool("WHITENOISE_USE_FINDERS", False)

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "EenPlan <noreply@eenplan.invalid>")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

FORM_RENDERER = "eenplan.lib.forms.EenPlanFormRenderer"

# Background work (notification e-mails): the django-tasks database backend, run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# The address of this EenPlan, for links in e-mails.
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/")

# Passkeys (WebAuthn) as an optional second factor beside TOTP, through django-otp-webauthn (docs/accounts.md). The
# relying party is this EenPlan's host: PASSKEY_RP_ID, else SITE_URL's host name; a loopback SITE_URL (make run's
# 127.0.0.1) means "localhost", since browsers refuse passkeys on an IP address. Origins: PASSKEY_ORIGINS, else
# SITE_URL's; with "localhost" every port of http://localhost counts (eenplan.accounts.passkeys.PasskeyHelper).
_site = urlsplit(SITE_URL)
OTP_WEBAUTHN_RP_NAME = "EenPlan"
OTP_WEBAUTHN_RP_ID = os.environ.get("PASSKEY_RP_ID", "") or (
    "localhost" if _site.hostname in {None, "localhost", "127.0.0.1", "::1"} else str(_site.hostname)
)
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list("PASSKEY_ORIGINS") or (
    ["http://localhost:8000"] if OTP_WEBAUTHN_RP_ID == "localhost" else [f"{_site.scheme}://{_site.netloc}"]
)
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False  # a second factor only: the password always comes first
OTP_WEBAUTHN_HELPER_CLASS = "eenplan.accounts.passkeys.PasskeyHelper"

PAGE_SIZE = 25

# Spam protection of the public request-for-help form: requests per sender (keyed digest of the address) per hour
# and per minute; generous per hour for many people behind one address (a library, a buurthuis), tight per minute.
INTAKE_REQUESTS_PER_HOUR = int(os.environ.get("INTAKE_REQUESTS_PER_HOUR", "30"))
INTAKE_REQUESTS_PER_MINUTE = int(os.environ.get("INTAKE_REQUESTS_PER_MINUTE", "3"))

# The multi-problem signal: this many domains at or below the low level, or any domain at the acute level.
MULTI_PROBLEM_LOW_LEVEL = int(os.environ.get("MULTI_PROBLEM_LOW_LEVEL", "2"))
MULTI_PROBLEM_MIN_LOW_DOMAINS = int(os.environ.get("MULTI_PROBLEM_MIN_LOW_DOMAINS", "3"))
MULTI_PROBLEM_ACUTE_LEVEL = int(os.environ.get("MULTI_PROBLEM_ACUTE_LEVEL", "1"))

# Emergency access (break-the-glass) lasts this long before it must be taken again.
BREAK_GLASS_HOURS = int(os.environ.get("BREAK_GLASS_HOURS", "24"))
# The privacy officer's log page warns about a user refused at least COUNT times within MINUTES (someone trying
# household numbers), looking back DAYS (docs/privacy.md, "Refusals").
ACCESS_REFUSAL_ALERT_COUNT = int(os.environ.get("ACCESS_REFUSAL_ALERT_COUNT", "10"))
ACCESS_REFUSAL_ALERT_MINUTES = int(os.environ.get("ACCESS_REFUSAL_ALERT_MINUTES", "10"))
ACCESS_REFUSAL_ALERT_DAYS = int(os.environ.get("ACCESS_REFUSAL_ALERT_DAYS", "7"))

# == Logs and metrics (docs/deployment.md, "Observability") =========================================================
# One JSON line per event on stderr (LOG_FORMAT=console for people), never personal data: request lines name the URL
# pattern, not the path or query string; no client address; e-mail addresses and BSN-like numbers are redacted
# (eenplan/ops/logging.py). LOG_LEVEL=INFO writes request_started/request_finished for every request.
from eenplan.ops import logging as _ops_logging  # noqa: E402

_ops_logging.configure_structlog()
LOGGING = _ops_logging.logging_config(
    level=os.environ.get("LOG_LEVEL", "INFO"), json=os.environ.get("LOG_FORMAT", "json") != "console"
)
DJANGO_STRUCTLOG_IP_LOGGING_ENABLED = False  # a client address is personal data
# /metrics (Prometheus): with METRICS_TOKEN set, for "Authorization: Bearer <token>"; without it only from loopback
# without a proxy in between (METRICS_ALLOW_LOOPBACK=0 turns that off). Anyone else gets a 404.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
METRICS_ALLOW_LOOPBACK = env_bool("METRICS_ALLOW_LOOPBACK", True)
SECURE_REDIRECT_EXEMPT = [*globals().get("SECURE_REDIRECT_EXEMPT", []), r"^metrics$"]  # scraped over local HTTP
PROMETHEUS_EXPORT_MIGRATIONS = False
# Background tasks that fail are retried with backoff (60 s, 4 min, 16 min, …) up to this many attempts, then listed
# by `manage.py failed_tasks` (eenplan/notifications/tasks.py).
TASK_MAX_ATTEMPTS = int(os.environ.get("TASK_MAX_ATTEMPTS", "5"))
TASK_RETRY_BACKOFF_SECONDS = float(os.environ.get("TASK_RETRY_BACKOFF_SECONDS", "60"))


# == Exchange: the REST API, FHIR R4 and the HSDS 3.0 API (docs/api.md) ==========================================
# API clients authenticate with OAuth 2.0 client credentials (django-oauth-toolkit); a token lasts an hour.
OAUTH2_PROVIDER = {
    "ACCESS_TOKEN_EXPIRE_SECONDS": int(os.environ.get("API_TOKEN_SECONDS", "3600")),
    "SCOPES": {
        "plans:read": "Households, plans, goals, actions and care teams",
        "referrals:read": "Referrals",
        "referrals:write": "Make and move referrals",
        "consents:read": "Consents",
        "directory:read": "The sociale kaart",
        "audit:read": "Access log entries of a household",
        "audit:all": "Every access log entry about a household, whoever looked (privacy officer's system)",
    },
    "DEFAULT_SCOPES": [],
    "OAUTH2_VALIDATOR_CLASS": "eenplan.api.oauth.ClientValidator",
    # The OAuth 2.0 Security BCP (RFC 9700) in full: only client credentials are used, tokens stored hashed.
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
}
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER_ACCESS_TOKEN_MODEL = "oauth2_provider.AccessToken"  # noqa: S105 (a model name, not a secret)
OAUTH2_PROVIDER_REFRESH_TOKEN_MODEL = "oauth2_provider.RefreshToken"  # noqa: S105 (a model name, not a secret)
OAUTH2_PROVIDER_ID_TOKEN_MODEL = "oauth2_provider.IDToken"  # noqa: S105 (a model name, not a secret)
OAUTH2_PROVIDER_GRANT_MODEL = "oauth2_provider.Grant"
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["eenplan.api.oauth.ClientCredentialsAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["eenplan.api.oauth.HasScope"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "eenplan.api.schema.ProblemAutoSchema",
    "EXCEPTION_HANDLER": "eenplan.api.problems.problem_handler",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "EenPlan API",
    "DESCRIPTION": "Households, plans, care teams, referrals, consents and services for partners' systems.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}
API_PAGE_SIZE = 50


# Mijn EenPlan (docs/portal.md): DigiD through django-digid-eherkenning. DIGID_MOCK switches on the library's
# development login (pick a test BSN, no real DigiD); only for the local demo: with DEBUG off the start is refused
# (eenplan.E004, every *_MOCK setting). The library keeps its SAML certificates as private media.
DIGID_MOCK = env_bool("DIGID_MOCK", DEBUG)
DIGID_MOCK_APP_TITLE = "Mijn EenPlan"
DIGID_MOCK_RETURN_URL = "portal:home"
DIGID_MOCK_CANCEL_URL = "portal:login"
# eHerkenning for a representative (a bewindvoerder, mentor or curator acting for a resident, eenplan.portal.oidc):
# the broker's endpoints, client id and claim paths in /beheer/ ("eHerkenning for representatives (OIDC)"); the client
# secret only from the environment. EHERKENNING_MANDATE_SERVICES: the service ids (or UUIDs) of the machtiging a
# representative must have (comma-separated); empty: any service the broker vouches for.
EHERKENNING_OIDC_CLIENT_SECRET = os.environ.get("EHERKENNING_OIDC_CLIENT_SECRET", "")
EHERKENNING_MANDATE_SERVICES = env_list("EHERKENNING_MANDATE_SERVICES")
PRIVATE_MEDIA_ROOT = os.environ.get("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private_media"))
PRIVATE_MEDIA_URL = "/private-media/"
SENDFILE_BACKEND = "django_sendfile.backends.simple"
SENDFILE_ROOT = PRIVATE_MEDIA_ROOT


# == Production safety (docs/deployment.md, "Production settings") =================================================
# Keep this section last: it judges every setting above. With DEBUG off, unsafe settings stop the start
# (ImproperlyConfigured: no own FIELD_ENCRYPTION_KEYS, a published secret, a development-only *_MOCK setting on);
# the milder ones fail `manage.py check --deploy`. The rules and their ids (eenplan.E0xx) are in eenplan/production.py.
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS += ["security.W021"]  # HSTS preload is deliberately opt-in, see above

from eenplan import production as _production  # noqa: E402

_production.refuse_unsafe_settings(globals())
