"""Request-body parsers for the API.

Every write endpoint of the API takes a JSON *object* (a set of named fields). DRF's stock
`JSONParser` accepts any JSON value, so `true`, `5`, `null` or `[{}]` reached the views, where
code such as `set(request.data)` or `serializer(data=...)` failed with a 500. Refusing them here,
once, keeps every view — present and future — from having to guard against it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class JSONObjectParser(JSONParser):
    """`application/json` bodies that must be a JSON object; anything else is a 400."""

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        data = super().parse(stream, media_type, parser_context)
        if not isinstance(data, dict):
            raise ParseError(_('The request body must be a JSON object ({"field": value, …}).'))
        return data
