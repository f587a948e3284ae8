"""Settings of Kinerja, read from the environment (see docs/deployment.md).

SQLite in the project folder by default (WAL mode); ``DATABASE_URL`` names another database,
e.g. ``postgres://kinerja:secret@127.0.0.1/kinerja``.  With ``DEBUG`` off the secret key must be set.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from kinerja.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
_DEV_SECRET = "dev-only-insecure-secret-key-change-me"
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET)
if not DEBUG and SECRET_KEY == _DEV_SECRET and not env_bool("KINERJA_ALLOW_DEV_SECRET", False):
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (see docs/deployment.md)")
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
    "quarters",
    "reporting",
    "demo",
    "imports",
    "ops",
    "axes",
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
            ],
        },
    },
]

_default_db = f"sqlite:///{BASE_DIR / 'kinerja.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL", _default_db), conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
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

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"

# Reverse proxies in front (nginx): they tell the client's address.
KINERJA_PROXIES = env_int("KINERJA_PROXIES", 0)

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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
