"""Creates the site's SQLite database and the user that the tests sign in as.

Reads the database path, the user name and the password from the environment, like the
settings do, so that no credential is kept in the repository.
"""

import os

import django
from django.core.management import call_command


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hardening_site.settings")
    django.setup()
    call_command("migrate", interactive=False, verbosity=0)

    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user(
        os.environ["HARDENING_SITE_USER"], password=os.environ["HARDENING_SITE_PASSWORD"]
    )


if __name__ == "__main__":
    main()
