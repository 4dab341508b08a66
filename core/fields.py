"""The one guard every service uses against fields it does not know.

Each resource keeps one ordered tuple of the fields its services accept (forms, serializers and
the admin build from the same tuple), and a service called with anything else fails loudly: a
typo or a field added in one place only is a programming error, not something to drop silently.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable


def reject_unknown_fields(fields: Iterable[str], allowed: Collection[str], *, what: str) -> None:
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        raise TypeError(f"Unknown {what} fields: {unknown}")
