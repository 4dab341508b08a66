from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The kernel every app builds on. It imports no project app."""

    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from core.search import register_sqlite_functions

        # The accent-blind search's fold() inside SQLite (PostgreSQL has translate()).
        connection_created.connect(register_sqlite_functions, dispatch_uid="core.search.fold")
