"""WSGI entry point of the end-to-end tests' Django site."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hardening_site.settings")

application = get_wsgi_application()
