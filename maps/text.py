"""Every string a map shows, translated in the active language, for the builders."""

from __future__ import annotations

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from maps.builders import MapText
from maps.selectors import STATUSES, map_status_label
from ratification.models import Treaty


def map_text(*, treaty: Treaty | None = None, as_at: datetime.date | None = None) -> MapText:
    as_at_text = ""
    if as_at is not None:
        as_at_text = _("Status as at %(date)s") % {"date": date_format(as_at, "j F Y")}
    return MapText(
        legend_title=(
            _("%(treaty)s status") % {"treaty": treaty.short_name} if treaty else _("Status")
        ),
        status_labels={s: map_status_label(s) for s in STATUSES},
        status_as_at=as_at_text,
        countries_layer=_("Treaty status"),
        partners_layer=_("Partners"),
        signed_on=_("Signed"),
        party_on=_("Party since"),
        open_profile=_("Open the profile"),
        attribution=_("Shapes: Natural Earth. Small states: GeoNames (CC BY 4.0)."),
        disclaimer=_(
            "The boundaries and names shown and the designations used on this map do not imply "
            "official endorsement or acceptance by the United Nations or the coalition."
        ),
    )
