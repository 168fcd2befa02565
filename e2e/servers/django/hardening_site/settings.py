"""Settings of the end-to-end tests' Django site, configured as the production-readiness
review describes it: HTTPS enforced and responses hardened by six settings, behind nginx
that terminates TLS.

The tests write a settings module per run that imports everything from here, then changes
what a test needs (a failing configuration, then the fix that the extension shows), and
point DJANGO_SETTINGS_MODULE at it.
"""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

# The tests generate a fresh key for every run, so no secret key is kept in the repository.
SECRET_KEY = os.environ["HARDENING_SITE_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = os.environ.get("HARDENING_SITE_HOSTS", "django.test").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "hardening_site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "hardening_site.urls"
WSGI_APPLICATION = "hardening_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
            ],
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ["HARDENING_SITE_DATABASE"],
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "French")]
USE_I18N = True
USE_TZ = True

LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/account/"

# The review's settings.
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31536000
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# nginx terminates TLS and sets X-Forwarded-Proto on every request it passes on.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
