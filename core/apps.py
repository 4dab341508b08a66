from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The kernel every app builds on. It imports no project app."""

    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from core.cache import cache_tables_create

        post_migrate.connect(cache_tables_create, sender=self, dispatch_uid="core-cache-tables")
