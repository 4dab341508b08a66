from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The kernel every app builds on. It imports no project app."""

    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from core.production import refuse_insecure_settings

        # First: no process starts in production on the development key or without hosts.
        refuse_insecure_settings()

        from django.db.backends.signals import connection_created

        from core.search import register_sqlite_functions

        # The accent-blind search's fold() inside SQLite (PostgreSQL has translate()).
        connection_created.connect(register_sqlite_functions, dispatch_uid="core.search.fold")

        # Here, not at the top: they import models, which exist only once the apps are loaded.
        # core.auth holds the password-reset task, which the worker finds this way.
        from core import auth  # noqa: F401
        from core.passwords import retire_api_tokens_on_new_password

        # A new password retires the user's API tokens, whichever page or command set it.
        post_save.connect(
            retire_api_tokens_on_new_password,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="core.passwords.retire_api_tokens_on_new_password",
        )

        from django.db.models.signals import post_migrate

        from core.cache import cache_tables_create

        post_migrate.connect(cache_tables_create, sender=self, dispatch_uid="core-cache-tables")
