from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    """No signal handlers on purpose: geocoding is enqueued by the profile services
    (`partners.services.profiles`) after the transaction commits, and only when the address
    changed. A `post_save` handler would also fire for the geocoding service's own saves and
    for bulk tools, and could not tell what changed."""

    name = "partners"
    verbose_name = _("Partners")
