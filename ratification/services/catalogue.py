"""Treaty rows kept in step with the catalogue in `ratification/treaties.py`.

Both the reference-data load and an import into an empty database create treaties from the
catalogue, so the write lives here, below both.
"""

from __future__ import annotations

from typing import Any

from ratification import treaties as catalogue
from ratification.models import Treaty

# Texts the catalogue provides and staff may correct: filled only where blank.
CATALOGUE_TEXT_FIELDS = ("name_es", "short_name_es", "description", "description_es")


def treaty_sync_from_catalogue(*, entry: catalogue.CatalogueTreaty) -> Treaty:
    """Create the catalogue's treaty, or bring its catalogue fields up to date.

    Fields that imports maintain (full name, dates, counts, as_of) are set only on creation, so
    that the page's own wording wins once a page has been imported. The Spanish names and the
    descriptions are filled where they are blank (so an existing database gets them on its next
    `load_reference_data`) but never overwrite what staff wrote in the admin.
    """
    parent = Treaty.objects.filter(slug=entry.parent_slug).first() if entry.parent_slug else None
    catalogue_fields: dict[str, Any] = {
        "short_name": entry.short_name,
        "source": Treaty.Source.UNTC,
        "untc_reference": entry.untc_reference,
        "position": entry.position,
        "eif_delay_months": entry.eif_delay_months,
        "eif_delay_days": entry.eif_delay_days,
        "eif_first_of_next_month": entry.eif_first_of_next_month,
        "source_url": entry.source_url,
    }
    if parent is not None:
        catalogue_fields["parent"] = parent
    texts = {field: getattr(entry, field) for field in CATALOGUE_TEXT_FIELDS}
    treaty = Treaty.objects.filter(slug=entry.slug).first()
    if treaty is None:
        treaty = Treaty(slug=entry.slug, name=entry.name, **catalogue_fields, **texts)
        treaty.full_clean()
        treaty.save()
        return treaty
    changed = [k for k, v in catalogue_fields.items() if getattr(treaty, k) != v]
    for field, value in texts.items():
        if value and not getattr(treaty, field):
            catalogue_fields[field] = value
            changed.append(field)
    if changed:
        for field in changed:
            setattr(treaty, field, catalogue_fields[field])
        treaty.full_clean()
        treaty.save(update_fields=changed)
    return treaty
