"""Settings of Kinerja, read from the environment (see docs/deployment.md).

Two kinds of installation, chosen by ``KINERJA_ENV``:

- ``local`` (the default): a desk or a test machine.  The secret key is made on the first run and kept
  beside the database (``kinerja.secret`` next to ``kinerja.sqlite3``, mode 0600, never in git).
- ``production``: ``SECRET_KEY`` must come from the environment, ``DEBUG`` is refused, and HTTPS is
  enforced (SSL redirect, HSTS, secure cookies), as ``manage.py check --deploy`` expects.

SQLite in the project folder by default (WAL mode); ``DATABASE_URL`` names another database,
e.g. ``postgres://kinerja:secret@127.0.0.1/kinerja``.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from kinerja.env import env_bool, env_choice, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

KINERJA_ENV = env_choice("KINERJA_ENV", ("local", "production"), "local")
PRODUCTION = KINERJA_ENV == "production"
DEBUG = env_bool("DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG cannot be on with KINERJA_ENV=production")

_default_db = f"sqlite:///{BASE_DIR / 'kinerja.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL", _default_db), conn_max_age=60)}
_SQLITE = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
if _SQLITE:
    # WAL lets readers go on while one writer commits.  Writers queue instead of failing: every
    # transaction.atomic() begins IMMEDIATE (takes the write lock at once, so no lock upgrade can fail
    # half-way), and a writer waits up to ``timeout`` seconds for the lock (Python's default is 5 s,
    # less than a large import holds it).  The journal mode is persistent; setting it on each connection
    # makes a new database file WAL from its first use.  Foreign keys: Django turns them on itself.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("KINERJA_SQLITE_TIMEOUT", 20),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A local installation's own secret lives beside its SQLite database (or in the project folder).
_db_name = str(DATABASES["default"].get("NAME") or "")
_SECRET_FILE = (
    Path(_db_name).with_suffix(".secret")
    if _SQLITE and _db_name and ":memory:" not in _db_name and not _db_name.startswith("file:")
    else BASE_DIR / "kinerja.secret"
)
SECRET_KEY = env_secret("SECRET_KEY", required=PRODUCTION, secret_file=_SECRET_FILE)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "audit",
    "planning",
    "nomenclature",
    "quarters",
    "reporting",
    "demo",
    "imports",
    "ops",
    "overview",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "api",
    "computed",
    "django_q",  # background jobs (the E.79 of a large pemda): reporting/regency/jobs.py
]

# Background jobs on the ORM broker: queue and results in this database (SQLite or PostgreSQL), no other
# server; a worker runs with `manage.py qcluster` (docs/regency.md).  KINERJA_JOBS_SYNC=1 runs them inline.
Q_CLUSTER = {
    "name": "kinerja",
    "orm": "default",
    "workers": env_int("KINERJA_JOB_WORKERS", 1),
    "timeout": 1800,
    "retry": 1900,
    "max_attempts": 1,
    "save_limit": 200,
    "catch_up": False,
    "sync": env_bool("KINERJA_JOBS_SYNC", False),
    "label": "Pekerjaan latar belakang",
}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kinerja.language.ChosenLanguageMiddleware",  # Indonesian unless the person chose English
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "kinerja.urls"
WSGI_APPLICATION = "kinerja.wsgi.application"

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
                "quarters.context_processors.topbar",  # unread notices, the verification link (one lazy query)
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out account or address before the password
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "id"
# Indonesian first; English as the second language, chosen in the top bar (a cookie), never guessed from
# the browser's Accept-Language.  Our strings are written in Indonesian and translated in locale/en.
LANGUAGES = [("id", "Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False  # numbers are formatted explicitly by the report filters

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Reverse proxies in front (nginx for TLS): they tell the scheme and the client's address.
KINERJA_PROXIES = env_int("KINERJA_PROXIES", 1 if PRODUCTION else 0)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if KINERJA_PROXIES else None

# HTTPS only in production; each can be overridden by its own variable.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", PRODUCTION)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp 4), everywhere so the browser tests run under it: scripts and
# style sheets only from our own static files, never inline.  Style attributes stay allowed
# (``style-src-attr``): the report's column widths are computed per column.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Login throttling (django-axes): after KINERJA_LOGIN_FAILURE_LIMIT wrong passwords for one account, or
# from one address, that account or address is refused, even with the right password, for
# KINERJA_LOGIN_COOLOFF_MINUTES, or until an administrator unlocks it (admin "Access attempts", or
# ``manage.py axes_reset_username NAME`` / ``axes_reset_ip ADDRESS``).
AXES_FAILURE_LIMIT = env_int("KINERJA_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("KINERJA_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "ops.auth.lockout_response"  # templates/registration/lockout.html, status 429
AXES_CLIENT_IP_CALLABLE = "ops.auth.client_address"
AXES_COOLOFF_MESSAGE = "Terlalu banyak percobaan masuk yang gagal. Coba lagi nanti."
AXES_PERMALOCK_MESSAGE = "Terlalu banyak percobaan masuk yang gagal. Hubungi administrator."

# Upload limits for imports (bytes, rows).
KINERJA_MAX_UPLOAD_BYTES = env_int("KINERJA_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
KINERJA_MAX_IMPORT_ROWS = env_int("KINERJA_MAX_IMPORT_ROWS", 50_000)

# Evidence files (bukti dukung): stored under MEDIA_ROOT, beside the database unless KINERJA_MEDIA_ROOT
# says otherwise; never served as static or media files, only by the download view that checks the role.
MEDIA_ROOT = Path(env_str("KINERJA_MEDIA_ROOT", str(_SECRET_FILE.parent / "media")))
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
KINERJA_MAX_EVIDENCE_BYTES = env_int("KINERJA_MAX_EVIDENCE_BYTES", 10 * 1024 * 1024)

# E-mail of notices (quarters/services/notices.py), besides the notices in the application: on when the
# server names an SMTP host (EMAIL_HOST), or by KINERJA_NOTICE_EMAIL.  KINERJA_SITE_URL makes the links in
# the e-mails absolute (https://kinerja.example.go.id).  The daily ``manage.py notices_deadline`` tells a PD
# its deadline is near KINERJA_DEADLINE_NOTICE_DAYS days before.
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", not EMAIL_USE_SSL)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Kinerja <kinerja@localhost>")
KINERJA_NOTICE_EMAIL = env_bool("KINERJA_NOTICE_EMAIL", bool(EMAIL_HOST))
KINERJA_SITE_URL = env_str("KINERJA_SITE_URL", "")
KINERJA_DEADLINE_NOTICE_DAYS = env_int("KINERJA_DEADLINE_NOTICE_DAYS", 3)

# The REST API (api/, docs/api.md): token or session authentication, JSON only, errors in Indonesian.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.HashedTokenAuthentication",  # Authorization: Token <token>
        "rest_framework.authentication.SessionAuthentication",  # the docs page, with CSRF
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kinerja API",
    "DESCRIPTION": "Rencana, realisasi dan laporan E.81 Perangkat Daerah; data terbuka pemda (docs/api.md).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "/static/vendor/swagger-ui",  # vendored (static/vendor/swagger-ui), no CDN
    "SWAGGER_UI_FAVICON_HREF": "/static/vendor/swagger-ui/favicon-32x32.png",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A refused request (403, 404, ...) is one line; a traceback is kept for server errors.
    "filters": {"client_errors_one_line": {"()": "ops.log.ClientErrorsOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["client_errors_one_line"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
