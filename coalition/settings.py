"""Django settings for Coalition.

Everything comes from environment variables (see `.env.example` and the README table). The
embedded defaults give a working development site: SQLite file, eager Celery tasks, database
cache, console e-mail, offline gazetteer geocoding.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from core.env import env_bool, env_float, env_int, env_list, env_permissions_policy, env_str
from core.production import DEVELOPMENT_SECRET_KEY
from ratification.names import catalogue_overrides

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("COALITION_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the SQLite file and uploads live here by default

# Production by default: a deployment that forgets DEBUG gets no tracebacks and no public key.
# `make run` (and every other development target, and pytest) turns it on for itself.
DEBUG = env_bool("DEBUG", False)
# The development key and no hosts are refused with DEBUG off where the site starts
# (core.production.refuse_insecure_settings, from CoreConfig.ready).
SECRET_KEY = env_str("SECRET_KEY", "") or DEVELOPMENT_SECRET_KEY
# Development only: with DEBUG off the hosts must be named.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_countries",
    "simple_history",
    "axes",
    "csp",
    # The e-mail outbox's tables and admin (core.outbox); before core, whose admin adjusts it.
    "post_office",
    "core",
    "coalition",
    "ratification",
    "partners",
    "maps",
    "campaigns",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Every response, error pages and static files included, carries the two policies.
    "core.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # First: an oversized API body is refused before anything reads it.
    "core.middleware.ApiBodySizeLimitMiddleware",
    "core.middleware.RefuseControlCharactersInPathMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "coalition.urls"
WSGI_APPLICATION = "coalition.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "coalition.context_processors.data_source",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
_CONN_MAX_AGE = env_int("DB_CONN_MAX_AGE", 0, minimum=0)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=_CONN_MAX_AGE,
        # A kept connection the server dropped (restart, failover, pg_terminate_backend) is
        # found dead before the request uses it and replaced, instead of failing that request.
        conn_health_checks=_CONN_MAX_AGE > 0,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default must take ordinary concurrency (a few editors saving at once under
    # `make run` or gunicorn) without "database is locked": WAL lets readers and one writer work
    # side by side; IMMEDIATE takes the write lock when a transaction starts, so a waiting writer
    # queues on the busy timeout instead of failing when it upgrades a read lock (which SQLite
    # does not retry); synchronous=NORMAL is durable enough under WAL and much faster.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": env_float("SQLITE_BUSY_TIMEOUT", 20.0),
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
# One cache every process shares, never one per process: rendered maps, throttle counters and
# the debounce flags must agree between gunicorn workers, Celery and management commands. With
# CACHE_URL it is Redis (core.cache.ResilientRedisCache: an unreachable Redis is a miss, not a
# 500); without, the database (`manage.py createcachetable`, run by `make setup`). The "database"
# alias is always the database cache: throttle counters continue there while Redis is down.
# The local-memory cache is per process and for tests only (tests/conftest.py).
_CACHE_URL = env_str("CACHE_URL", "") or env_str("REDIS_URL", "")
_DATABASE_CACHE = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "coalition_cache",
    "KEY_PREFIX": "coalition",
    # Rendered maps are a few hundred KB each: room for every treaty, kind and language.
    "OPTIONS": {"MAX_ENTRIES": 5000},
}
if _CACHE_URL:
    if not _CACHE_URL.startswith(("redis://", "rediss://")):
        raise ImproperlyConfigured(f"CACHE_URL must be a redis:// URL, got {_CACHE_URL!r}")
    _CACHE_TIMEOUT = env_float("CACHE_SOCKET_TIMEOUT", 0.5)
    CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": _CACHE_URL,
            "KEY_PREFIX": "coalition",
            # After a failure this process leaves Redis alone for this many seconds.
            "RETRY_AFTER": env_float("CACHE_RETRY_SECONDS", 5.0),
            "OPTIONS": {
                # A hung Redis costs one page at most this long per RETRY_AFTER, not a worker.
                "socket_connect_timeout": _CACHE_TIMEOUT,
                "socket_timeout": _CACHE_TIMEOUT,
            },
        },
        "database": _DATABASE_CACHE,
    }
else:
    CACHES = {"default": _DATABASE_CACHE, "database": _DATABASE_CACHE}

# --- Auth -----------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a locked-out sign-in before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"

# Sign-in throttle (the site and the Django admin): after LOGIN_FAILURE_LIMIT failures for one
# account, or from one client address, sign-in is refused for LOGIN_COOLOFF_MINUTES. Attempts are
# kept in the database so the limit holds across worker processes on every configuration, and
# staff can see and clear them in the admin (Axes, Access attempts).
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10, minimum=1)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_CLIENT_IP_CALLABLE = "core.lockout.client_ip"  # core.http.client_address
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_CALLABLE = "core.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Every successful sign-in would otherwise be logged too; failures are what the limit needs.
AXES_DISABLE_ACCESS_LOG = True
# Password reset (core/auth.py): requests per hour from one client address, and for one account
# (the address typed, in one spelling), counted in the shared cache; past either, a 429.
PASSWORD_RESETS_PER_HOUR_PER_ADDRESS = env_int(
    "PASSWORD_RESETS_PER_HOUR_PER_ADDRESS", 10, minimum=1
)
PASSWORD_RESETS_PER_HOUR_PER_ACCOUNT = env_int("PASSWORD_RESETS_PER_HOUR_PER_ACCOUNT", 3, minimum=1)
LOGIN_REDIRECT_URL = "partners:member-home"
LOGOUT_REDIRECT_URL = "home"

# --- I18n -----------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "coalition" / "locale"]
USE_I18N = True
# One date format per language ("3 February 2026", "3 de febrero de 2026"): coalition/formats.
FORMAT_MODULE_PATH = ["core.formats"]
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_TZ = True

# --- Countries ------------------------------------------------------------------------------
# Treaty participants that are not ISO 3166-1 countries: the European Union (CRPD) uses the
# ISO-reserved code, Kosovo the user-assigned code in common use.
# Every other country is named as on the country pages (ratification.names.country_name): the
# M49 table's English name, django-countries' translation in Spanish.
COUNTRIES_OVERRIDE = {
    **catalogue_overrides(),
    "EU": _("European Union"),
    "XK": _("Kosovo"),
}

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    # MEDIA_ROOT, without half-written files (core/storage.py). Several web nodes: an object
    # store through django-storages instead (README, "Several processes, one truth").
    "default": {"BACKEND": "core.storage.SafeFileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Coalition <noreply@localhost>")
# Seconds an SMTP connect, read or write may take before the attempt counts as failed (Django's
# default is to wait forever). Only the worker talks to the mail server; web requests write the
# outbox (core.outbox) and never wait for SMTP.
EMAIL_TIMEOUT = env_float("EMAIL_TIMEOUT", 10.0)
# A message that could not be sent is retried after MAIL_RETRY_SECONDS, then twice as long each
# time up to MAIL_RETRY_MAX_SECONDS, MAIL_MAX_RETRIES times (the defaults ride out about a day
# of mail-server outage); then it is marked failed (admin: Post Office, Emails).
MAIL_RETRY_SECONDS = env_float("MAIL_RETRY_SECONDS", 60.0)
MAIL_RETRY_MAX_SECONDS = env_float("MAIL_RETRY_MAX_SECONDS", 6 * 3600.0)
MAIL_MAX_RETRIES = env_int("MAIL_MAX_RETRIES", 12, minimum=0)
# Beat runs the outbox sweep this often: it sends what no nudge reached the worker for.
MAIL_SWEEP_SECONDS = env_float("MAIL_SWEEP_SECONDS", 60.0)
# A worker holds a claimed message this long; if it dies mid-send, the message is retried after.
MAIL_CLAIM_SECONDS = env_float("MAIL_CLAIM_SECONDS", max(300.0, 10 * EMAIL_TIMEOUT))
# Messages tried per worker pass (the sweep comes back for the rest).
MAIL_DELIVER_BATCH = env_int("MAIL_DELIVER_BATCH", 200, minimum=1)
# Sent and failed messages (addresses, confirmation links) are deleted after this many days.
MAIL_KEEP_DAYS = env_int("MAIL_KEEP_DAYS", 30, minimum=1)
# The outbox is django-post-office's tables; core.outbox writes and delivers them itself, and
# core.mail nudges the worker after each commit (post-office's own Celery hook would raise into
# the request when the broker is down, so it stays off). Deliveries go through EMAIL_BACKEND.
POST_OFFICE = {
    "CELERY_ENABLED": False,
    "DEFAULT_PRIORITY": "medium",
    "LOG_LEVEL": 2,  # a delivery log row for each attempt, sent or failed
    "SENDING_ORDER": ["-priority", "id"],
    # Only for post-office's own `send_queued_mail` command, should staff run it by hand: it
    # retries at a fixed interval (core.outbox doubles it), as many times.
    "MAX_RETRIES": MAIL_MAX_RETRIES,
    "RETRY_INTERVAL": datetime.timedelta(seconds=MAIL_RETRY_SECONDS),
}

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
# No page may be framed, except the three made for it (core.framing.embeddable: the map embed,
# the country card and the campaign widget); the Content-Security-Policy below says the same.
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# Load balancers and uptime monitors probe the liveness and readiness URLs (coalition/health.py)
# over plain HTTP from inside the network: they answer there instead of redirecting (patterns
# match the path without its "/").
SECURE_REDIRECT_EXEMPT = [r"^healthz(/ready)?$"]
# HSTS is sent on HTTPS responses only. Raise SECURE_HSTS_SECONDS step by step (300, then a
# week, then a year); preload only once every subdomain serves HTTPS, since it cannot be undone
# quickly.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Comma-separated, as the Referrer-Policy header takes it (Django checks the values).
SECURE_REFERRER_POLICY = env_str("SECURE_REFERRER_POLICY", "same-origin")
# The Permissions-Policy header (django-permissions-policy), written as the header itself. The
# default turns off what the site never uses, for the site and anything that frames it.
PERMISSIONS_POLICY = env_permissions_policy(
    "PERMISSIONS_POLICY",
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()",
)
# Behind a reverse proxy, trust its X-Forwarded-Proto and the X-Forwarded-For hop it appends
# (`NUM_PROXIES` proxies in the chain); see core/http.py. Off, both headers are ignored.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
NUM_PROXIES = env_int("NUM_PROXIES", 1, minimum=1)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- REST framework -------------------------------------------------------------------------
# Largest API request body (JSON or form) in bytes; bigger ones get 413. A partner profile is a
# few KB, so 1 MB leaves room without letting one client fill every list response.
API_MAX_BODY_BYTES = env_int("API_MAX_BODY_BYTES", 1024 * 1024, minimum=1024)
# Django's own cap on form bodies read through request.POST / request.body (the HTML forms);
# its default, stated here so the two limits are read side by side.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
REST_FRAMEWORK = {
    # Token first: an anonymous API write then gets 401 with a WWW-Authenticate challenge
    # rather than a bare 403. Session auth (with its CSRF check) still serves the browser.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    # JSON bodies must be objects (a bare `true` or a list is a 400, not a 500 in the view);
    # NUL characters, which PostgreSQL cannot take, are a 400 in any body.
    "DEFAULT_PARSER_CLASSES": [
        "core.parsers.JSONObjectParser",
        "core.parsers.NulFreeFormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "core.filtering.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "coalition.openapi.AutoSchema",
    # Keyed by core.http.client_address, never by a client-supplied X-Forwarded-For.
    "DEFAULT_THROTTLE_CLASSES": [
        "core.throttles.AnonThrottle",
        "core.throttles.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_THROTTLE_ANON", "120/minute"),
        "user": env_str("API_THROTTLE_USER", "600/minute"),
        # Scoped (per client address) on top of the above: signing and proposing activities.
        "pledges": env_str("API_THROTTLE_PLEDGES", "10/hour"),
        "activities": env_str("API_THROTTLE_ACTIVITIES", "30/hour"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # Services raise Django's ValidationError/PermissionDenied/DoesNotExist; one handler turns
    # them into 400/403/404 for every API view.
    "EXCEPTION_HANDLER": "core.exceptions.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Coalition API",
    "DESCRIPTION": (
        "Partner directory and ratification tracker for the UN Migrant Workers Convention "
        "(ICRMW) and the other core UN human-rights treaties."
    ),
    "VERSION": "1.0.0",
    # The code's licence (pyproject.toml), the API's definition included. The contact and the
    # server are the site the schema is read from (coalition.openapi.document_site).
    "LICENSE": {"name": "AGPL-3.0-or-later", "url": "https://www.gnu.org/licenses/agpl-3.0.html"},
    # Every tag an operation uses, declared once with what it groups (Redocly and Spectral ask
    # for this; Swagger UI and ReDoc show the descriptions and keep this order).
    "TAGS": [
        {
            "name": "partners",
            "description": (
                "The directory: published partners, their commitments, the map layer; "
                "profile edits by members and staff."
            ),
        },
        {"name": "me", "description": "The signed-in user and the partners they may edit."},
        {
            "name": "treaties",
            "description": (
                "UN treaties with their counts of parties and signatories, and each treaty's "
                "participants at a date."
            ),
        },
        {"name": "countries", "description": "One country's status and dates for every treaty."},
        {
            "name": "actions",
            "description": (
                "Treaty actions (signatures, ratifications, declarations, …): public to read, "
                "recorded and corrected by staff."
            ),
        },
        {
            "name": "campaigns",
            "description": "Published campaigns: their signers, pledges and days of action.",
        },
    ],
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Separate request components: read-only fields are not offered to client generators as
    # inputs, and write-only ones not promised in responses.
    "COMPONENT_SPLIT_REQUEST": True,
    # Request bodies are offered as JSON only. The API still reads form-encoded and multipart
    # bodies (curl -d, the browsable API), but client generators handle one body type per
    # operation: with three, openapi-python-client wrote modules that could not be imported.
    "PARSER_WHITELIST": ["core.parsers.JSONObjectParser"],
    # Errors, media types and constraints the views enforce in code (coalition/openapi.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "coalition.openapi.document_constraints",
        "coalition.openapi.document_errors",
        "coalition.openapi.document_security",
        "coalition.openapi.document_site",
        "coalition.openapi.document_nullable_refs",
    ],
    # One stable name per choice set, so generated clients get PartnerKind/CommitmentKind rather
    # than hash-suffixed Kind5b1Enum, and one CountryEnum for country and target_country.
    "ENUM_NAME_OVERRIDES": {
        "TreatyActionKindEnum": "ratification.models.ActionKind",
        "ParticipantStatusEnum": "ratification.serializers.PARTICIPANT_STATUS_CHOICES",
        "CampaignKindEnum": "campaigns.models.Campaign.Kind",
        "CampaignSignersEnum": "campaigns.models.Campaign.Signers",
        "PledgeKindEnum": "campaigns.models.Pledge.Kind",
        "PledgeDisplayEnum": "campaigns.models.Pledge.Display",
        "CampaignLanguageEnum": "campaigns.models.LANGUAGE_CHOICES",
        "PartnerKindEnum": "partners.models.Partner.Kind",
        "CommitmentKindEnum": "partners.models.Commitment.Kind",
        "CommitmentStatusEnum": "partners.models.Commitment.Status",
        "CountryEnum": "django_countries.countries",
    },
}

# --- Celery ---------------------------------------------------------------------------------
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
# With no broker the embedded default runs tasks in-process, so a fresh clone needs no Redis.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = env_bool("CELERY_TASK_EAGER_PROPAGATES", False)
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", "") or None
# Nothing reads task results (progress lives in the database). Ignoring them also keeps a
# publish from subscribing to the result store: with a Redis result backend every `.delay()`
# would otherwise open a pub/sub subscription there, waiting on that Redis if it hangs.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "coalition")
CELERY_TIMEZONE = TIME_ZONE
# A hung or refusing broker must not hold up a web request (it publishes after its commit):
# connecting, reading and writing each give up after BROKER_TIMEOUT seconds, a publish is
# retried once, and core.broker logs the failure instead of raising it. What was not queued is
# picked up by the periodic sweeps (coalition/celery.py).
BROKER_TIMEOUT = env_float("BROKER_TIMEOUT", 0.5)
CELERY_BROKER_CONNECTION_TIMEOUT = BROKER_TIMEOUT
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": BROKER_TIMEOUT,
    "socket_timeout": BROKER_TIMEOUT,
}
# The result backend, if one is set, gets the same connect bound (nothing waits on results).
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = BROKER_TIMEOUT
CELERY_REDIS_SOCKET_TIMEOUT = 5.0
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
# The worker (not a web request) keeps trying to reach the broker at start-up and after a loss.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# After a failed publish a process skips publishing for this long (core.broker), so a request
# that queues several tasks waits for the broker timeout once.
BROKER_OUTAGE_PAUSE_SECONDS = env_float("BROKER_OUTAGE_PAUSE_SECONDS", 15.0)
UNTC_REFRESH_HOURS = env_int("UNTC_REFRESH_HOURS", 24, minimum=1)
UNTC_FETCH_TIMEOUT = env_float("UNTC_FETCH_TIMEOUT", 30.0)

# --- Geocoding ------------------------------------------------------------------------------
GEOCODER_NOMINATIM_ENABLED = env_bool("GEOCODER_NOMINATIM_ENABLED", False)
GEOCODER_NOMINATIM_URL = env_str("GEOCODER_NOMINATIM_URL", "nominatim.openstreetmap.org")
GEOCODER_USER_AGENT = env_str(
    "GEOCODER_USER_AGENT", "coalition-directory/1.0 (set GEOCODER_USER_AGENT)"
)
GEOCODER_TIMEOUT = env_float("GEOCODER_TIMEOUT", 5.0)

# --- Maps ---------------------------------------------------------------------------------
# Optional background tiles, e.g. https://tiles.example.org/{z}/{x}/{y}.png from a server you run
# or may use. Empty: the maps draw country shapes on a plain sea and load nothing from elsewhere.
MAP_TILES_URL = env_str("MAP_TILES_URL", "").strip()
if MAP_TILES_URL and not (
    MAP_TILES_URL.startswith(("https://", "http://"))
    and all(part in MAP_TILES_URL for part in ("{z}", "{x}", "{y}"))
):
    raise ImproperlyConfigured(
        "MAP_TILES_URL must be an http(s) URL template with {z}, {x} and {y}, or empty; "
        f"got {MAP_TILES_URL!r}"
    )

# --- Content-Security-Policy (django-csp) ----------------------------------------------------
# Nothing from another origin, and nothing inline: no <script> or <style> element and no style
# attribute. The maps' data are JSON data blocks (<script type="application/json">, never run)
# that static/maps/coalition-maps.js reads; every other script is a static file. The one other
# origin is the tile server of MAP_TILES_URL, when one is set, for images only.
# frame-ancestors 'none' matches X-Frame-Options DENY; core.framing.embeddable lets the map embed,
# the country card and the campaign widget be framed by any site, as they are made for.
_map_tiles_origin = urlsplit(MAP_TILES_URL)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF]
        + (
            # A {s} subdomain template (a.tiles…, b.tiles…) is any subdomain of that host.
            [f"{_map_tiles_origin.scheme}://{_map_tiles_origin.netloc.replace('{s}', '*')}"]
            if MAP_TILES_URL
            else []
        ),
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Added for the API's HTML pages only (core.middleware.ContentSecurityPolicyMiddleware): DRF's
# browsable API and Swagger UI write inline styles in their own templates and bundle, which we
# would have to fork to avoid, and Swagger UI's stylesheet draws its icons as data: images.
API_HTML_CSP_UPDATE = {"style-src": [UNSAFE_INLINE], "img-src": ["data:"]}

# --- Product --------------------------------------------------------------------------------
PARTNER_VERIFY_MAX_AGE_DAYS = env_int("PARTNER_VERIFY_MAX_AGE_DAYS", 365, minimum=1)
INVITATION_MAX_AGE_DAYS = env_int("INVITATION_MAX_AGE_DAYS", 7, minimum=1)
# Public join/claim forms: submissions allowed per client IP per hour.
PARTNER_JOIN_REQUESTS_PER_HOUR = env_int("PARTNER_JOIN_REQUESTS_PER_HOUR", 5, minimum=1)
# Staff CSV imports with more rows than this are checked and applied by a Celery task, with
# progress on the import page, instead of inside the web request.
CSV_IMPORT_SYNC_MAX_ROWS = env_int("CSV_IMPORT_SYNC_MAX_ROWS", 500, minimum=1)
# Who is e-mailed when join or claim requests arrive: these addresses, or when empty every active
# staff user with an e-mail address. Requests arriving within STAFF_NOTIFY_DELAY_SECONDS of the
# first one go out together as one digest (with a broker; eager tasks send at once).
STAFF_NOTIFY_EMAILS = env_list("STAFF_NOTIFY_EMAILS", [])
for _address in STAFF_NOTIFY_EMAILS:
    try:
        validate_email(_address)
    except ValidationError as _exc:
        raise ImproperlyConfigured(
            f"STAFF_NOTIFY_EMAILS must be comma-separated e-mail addresses, got {_address!r}"
        ) from _exc
STAFF_NOTIFY_DELAY_SECONDS = env_int("STAFF_NOTIFY_DELAY_SECONDS", 300, minimum=0)

# Campaigns: unconfirmed pledges (and their personal data) are deleted after this many days; the
# confirmation link expires at the same moment.
PLEDGE_UNCONFIRMED_DAYS = env_int("PLEDGE_UNCONFIRMED_DAYS", 7, minimum=1)
# Sign forms: submissions allowed per client address per hour (counted in the cache only).
PLEDGE_SUBMISSIONS_PER_HOUR = env_int("PLEDGE_SUBMISSIONS_PER_HOUR", 10, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # django-axes announces its configuration at every start (each manage.py command);
        # its warnings about failed and locked-out sign-ins still come through.
        "axes.apps": {"level": "WARNING"},
    },
}
