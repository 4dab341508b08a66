"""Writes to the staff-managed vocabularies (focus areas, languages).

The admin and the loader of the shipped lists both save through here, so validation holds and
there is one place to hook anything a changed label must trigger.
"""

from __future__ import annotations

from django.db import transaction

from partners.models import FocusArea, Language

VocabularyEntry = FocusArea | Language


def vocabulary_entry_save(*, entry: VocabularyEntry) -> VocabularyEntry:
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def vocabulary_entry_delete(*, entry: VocabularyEntry) -> None:
    """Delete an entry; partners lose the tag (the many-to-many rows go with it)."""
    entry.delete()
