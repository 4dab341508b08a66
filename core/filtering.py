"""Query-string filters that accept a value in any case, for HTML pages and the API alike.

A visitor who types `?region=americas` or `?kind=NGO` means the choice whose value is spelled
otherwise; pages and API read it through these fields, so neither ignores nor rejects what the
other accepts. The value is replaced by the canonical one, so links, selected options and queries
all see one spelling.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import django_filters
from django import forms
from rest_framework import filters
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request


def canonical_choice(value: object, choices: Iterable[object]) -> object:
    """The choice value equal to `value` ignoring case and surrounding spaces, else `value`
    unchanged (so the field's own validation still reports a value that matches nothing)."""
    if not isinstance(value, str):
        return value
    wanted = value.strip().casefold()
    for choice in choices:
        key, label = choice if isinstance(choice, (tuple, list)) else (choice, choice)
        if isinstance(label, (tuple, list)):  # an option group
            found = canonical_choice(value, label)
            if found is not value:
                return found
            continue
        if str(key).casefold() == wanted:
            return key
    return value


class _CaseInsensitiveMixin:
    choices: Any

    def to_python(self, value: Any) -> str:
        return str(canonical_choice(super().to_python(value), self.choices))  # type: ignore[misc]

    def prepare_value(self, value: Any) -> Any:
        # The redisplayed form selects the option the value meant, not "All".
        return canonical_choice(super().prepare_value(value), self.choices)  # type: ignore[misc]


class CaseInsensitiveChoiceField(_CaseInsensitiveMixin, forms.ChoiceField):
    pass


class _CaseInsensitiveFilterChoiceField(_CaseInsensitiveMixin, django_filters.fields.ChoiceField):
    # django-filter's own choice field (null and empty labels; drf-spectacular reads them).
    pass


class CaseInsensitiveChoiceFilter(django_filters.ChoiceFilter):
    field_class = _CaseInsensitiveFilterChoiceField


class SearchFilter(filters.SearchFilter):
    """DRF's `?search=`, with a refused term (one with a NUL character) reported under the
    parameter's name, as django-filter reports its parameters: DRF raises a bare list of
    messages, which says nothing of which parameter was wrong."""

    def get_search_terms(self, request: Request) -> list[str]:
        try:
            return list(super().get_search_terms(request))
        except ValidationError as exc:
            raise ValidationError({self.search_param: exc.detail}) from exc
