"""Django settings for Coalition.

Everything comes from environment variables (see `.env.example` and the README table). The
embedded defaults give a working development site: SQLite file, eager Celery tasks, local-memory
cache, console e-mail, offline gazetteer geocoding.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from coalition.env import env_bool, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("COALITION_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the SQLite file and uploads live here by default

_DEV_SECRET_KEY = "django-insecure-development-key-do-not-use-in-production"  # noqa: S105
DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET_KEY)
if not DEBUG and SECRET_KEY == _DEV_SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY: the development key is refused when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
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
    "coalition",
    "ratification",
    "partners",
    "maps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
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
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0, minimum=0),
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
_CACHE_URL = env_str("CACHE_URL", "") or env_str("REDIS_URL", "")
if _CACHE_URL:
    if not _CACHE_URL.startswith(("redis://", "rediss://")):
        raise ImproperlyConfigured(f"CACHE_URL must be a redis:// URL, got {_CACHE_URL!r}")
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _CACHE_URL,
            "KEY_PREFIX": "coalition",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

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
AXES_CLIENT_IP_CALLABLE = "coalition.lockout.client_ip"  # coalition.http.client_address
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_CALLABLE = "coalition.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Every successful sign-in would otherwise be logged too; failures are what the limit needs.
AXES_DISABLE_ACCESS_LOG = True
LOGIN_REDIRECT_URL = "partners:member-home"
LOGOUT_REDIRECT_URL = "home"

# --- I18n -----------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "coalition" / "locale"]
USE_I18N = True
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_TZ = True

# --- Countries ------------------------------------------------------------------------------
# Treaty participants that are not ISO 3166-1 countries: the European Union (CRPD) uses the
# ISO-reserved code, Kosovo the user-assigned code in common use.
COUNTRIES_OVERRIDE = {"EU": _("European Union"), "XK": _("Kosovo")}

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
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

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# Behind a trusted reverse proxy: trust X-Forwarded-Proto and take the client address from the
# hop the proxies appended to X-Forwarded-For (coalition.http.client_address).
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
NUM_PROXIES = env_int("NUM_PROXIES", 1, minimum=1)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- REST framework -------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first: an anonymous API write then gets 401 with a WWW-Authenticate challenge
    # rather than a bare 403. Session auth (with its CSRF check) still serves the browser.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "coalition.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_THROTTLE_ANON", "120/minute"),
        "user": env_str("API_THROTTLE_USER", "600/minute"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Coalition API",
    "DESCRIPTION": (
        "Partner directory and ratification tracker for the UN Migrant Workers Convention "
        "(ICRMW) and the other core UN human-rights treaties."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Separate request components: read-only fields are not offered to client generators as
    # inputs, and write-only ones not promised in responses.
    "COMPONENT_SPLIT_REQUEST": True,
    # Errors, media types and constraints the views enforce in code (coalition/openapi.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "coalition.openapi.document_constraints",
        "coalition.openapi.document_errors",
    ],
    "ENUM_NAME_OVERRIDES": {
        "TreatyActionKindEnum": "ratification.models.ActionKind",
        "ParticipantStatusEnum": "ratification.serializers.PARTICIPANT_STATUS_CHOICES",
        "PartnerKindEnum": "partners.models.Partner.Kind",
        "CommitmentKindEnum": "partners.models.Commitment.Kind",
        "CommitmentStatusEnum": "partners.models.Commitment.Status",
        # `country` and `target_country` share django-countries' list: one enum for both.
        "CountryEnum": "django_countries.countries",
    },
}

# --- Celery ---------------------------------------------------------------------------------
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
# With no broker the embedded default runs tasks in-process, so a fresh clone needs no Redis.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = env_bool("CELERY_TASK_EAGER_PROPAGATES", False)
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", "") or None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "coalition")
CELERY_TIMEZONE = TIME_ZONE
UNTC_REFRESH_HOURS = env_int("UNTC_REFRESH_HOURS", 24, minimum=1)
UNTC_FETCH_TIMEOUT = env_float("UNTC_FETCH_TIMEOUT", 30.0)

# --- Geocoding ------------------------------------------------------------------------------
GEOCODER_NOMINATIM_ENABLED = env_bool("GEOCODER_NOMINATIM_ENABLED", False)
GEOCODER_NOMINATIM_URL = env_str("GEOCODER_NOMINATIM_URL", "nominatim.openstreetmap.org")
GEOCODER_USER_AGENT = env_str(
    "GEOCODER_USER_AGENT", "coalition-directory/1.0 (set GEOCODER_USER_AGENT)"
)
GEOCODER_TIMEOUT = env_float("GEOCODER_TIMEOUT", 5.0)

# --- Product --------------------------------------------------------------------------------
PARTNER_VERIFY_MAX_AGE_DAYS = env_int("PARTNER_VERIFY_MAX_AGE_DAYS", 365, minimum=1)
INVITATION_MAX_AGE_DAYS = env_int("INVITATION_MAX_AGE_DAYS", 7, minimum=1)
# Public join/claim forms: submissions allowed per client IP per hour.
PARTNER_JOIN_REQUESTS_PER_HOUR = env_int("PARTNER_JOIN_REQUESTS_PER_HOUR", 5, minimum=1)

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
