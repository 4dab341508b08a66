"""The one row maps keeps: the map data version every process reads (maps.cache)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class MapDataVersion(models.Model):
    """The map data version, one row (pk 1): bumped after every write a map shows.

    In the database because it must be the same in every process (gunicorn workers, Celery, a
    management command, the admin) and survive a cache flush or outage; the cache holds a
    short-lived copy so that a cached map costs no query (maps.cache).
    """

    value = models.PositiveBigIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("map data version")
        verbose_name_plural = _("map data version")

    def __str__(self) -> str:
        return str(self.value)
