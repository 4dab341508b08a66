"""Staff corrections of a treaty's texts: its Spanish names and its short descriptions.

Everything else on a treaty is reference data (the catalogue, `load_reference_data`) or comes
from imports, so only these texts are writable, and only here (the admin calls this service).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from core.fields import reject_unknown_fields
from ratification.models import Treaty

# The texts staff may edit, in display order (the admin form shows these).
TREATY_TEXT_FIELDS = ("name_es", "short_name_es", "description", "description_es")


@transaction.atomic
def treaty_texts_update(*, treaty: Treaty, data: dict[str, Any]) -> Treaty:
    """Change any of TREATY_TEXT_FIELDS (stripped) and save just those."""
    reject_unknown_fields(data, TREATY_TEXT_FIELDS, what="treaty text")
    changed = []
    for name in TREATY_TEXT_FIELDS:
        if name not in data:
            continue
        value = str(data[name] or "").strip()
        if getattr(treaty, name) != value:
            setattr(treaty, name, value)
            changed.append(name)
    treaty.full_clean()
    if changed:
        treaty.save(update_fields=changed)
    return treaty
