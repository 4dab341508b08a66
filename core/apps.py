from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The kernel every app builds on. It imports no project app."""

    name = "core"
    verbose_name = _("Core")
