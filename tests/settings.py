"""Settings for the test suite: the project's own (a local installation), with a fast hasher."""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from kinerja.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Login throttling stays on (tests/ops/test_login_throttling.py); only the test client's login(), which
# has no request to throttle by, goes past django-axes.  Pages are logged into through the real view.
AUTHENTICATION_BACKENDS = ["tests.ops.auth.AxesBackendOrTestClient", "django.contrib.auth.backends.ModelBackend"]
