"""Request-body parsers for the API.

Every write endpoint of the API takes a JSON *object* (a set of named fields). DRF's stock
`JSONParser` accepts any JSON value, so `true`, `5`, `null` or `[{}]` reached the views, where
code such as `set(request.data)` or `serializer(data=...)` failed with a 500. Refusing them here,
once, keeps every view — present and future — from having to guard against it.

NUL characters are refused in any string of a body (keys and values, JSON and form-encoded):
PostgreSQL cannot store them and fails with an error wherever one reaches a query — a lookup by
slug as much as a saved field — so one check here covers every field of every endpoint.

The JSON parser also never reads more than `API_MAX_BODY_BYTES`: `core.middleware` refuses a
body whose Content-Length is too large, but a chunked body has no Content-Length, so the bytes
actually read are counted here too.

Nor does it parse a body nested deeper than `MAX_JSON_DEPTH`: 5,000 `[` sent anonymously made
Python's decoder raise `RecursionError`, a 500. The depth is measured before parsing, by one pass
over the brackets outside strings, so the check itself cannot recurse.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from itertools import accumulate
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import FormParser, JSONParser
from rest_framework.utils import json as drf_json


class RequestBodyTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("The request body is too large.")
    default_code = "request_too_large"


def body_too_large_message() -> str:
    return str(
        _("The request body is larger than %(limit)d bytes.")
        % {"limit": settings.API_MAX_BODY_BYTES}
    )


# No endpoint takes more than three levels (a list of links in an object); 32 leaves room for any
# honest client while keeping every recursive walk of the data (the NUL check, serializers,
# renderers) far from Python's recursion limit.
MAX_JSON_DEPTH = 32

# A JSON string, closed or not (an unclosed one runs to the end of the text, so every character
# is scanned once), and anything that is not a bracket.
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"?', re.DOTALL)
_NOT_A_BRACKET = re.compile(r"[^\[\]{}]+")
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def json_nesting_exceeds(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when arrays and objects in `text` nest deeper than `limit`, brackets inside strings
    not counted. Linear in the length of `text` and run in C (regular expressions, `map` and
    `accumulate`), so a megabyte of brackets is measured in a fraction of a second; it validates nothing
    else."""
    if text.count("[") + text.count("{") <= limit:
        return False  # too few brackets to nest that deep: most bodies stop here
    brackets = _NOT_A_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0) > limit


def _contains_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_contains_nul(k) or _contains_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_contains_nul(item) for item in value)
    return False


def _refuse_nul(data: Any) -> None:
    if _contains_nul(data):
        raise ParseError(_("The request body contains a NUL character (\\u0000)."))


class JSONObjectParser(JSONParser):
    """`application/json` bodies of at most `API_MAX_BODY_BYTES` that must be a JSON object."""

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        limit = settings.API_MAX_BODY_BYTES
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise RequestBodyTooLarge(body_too_large_message())
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = raw.decode(encoding)
        except ValueError as exc:  # UnicodeDecodeError
            raise ParseError(_("JSON parse error - %(error)s") % {"error": exc}) from exc
        if json_nesting_exceeds(text):
            raise ParseError(
                _("The JSON body nests arrays or objects more than %(limit)d levels deep.")
                % {"limit": MAX_JSON_DEPTH}
            )
        try:
            # DRF's loads refuses NaN/Infinity (STRICT_JSON), as its own JSONParser does.
            data = drf_json.loads(text) if self.strict else json.loads(text)
        except ValueError as exc:  # JSONDecodeError
            raise ParseError(_("JSON parse error - %(error)s") % {"error": exc}) from exc
        if not isinstance(data, dict):
            raise ParseError(_('The request body must be a JSON object ({"field": value, …}).'))
        _refuse_nul(data)
        return data


class NulFreeFormParser(FormParser):
    """Form-encoded bodies, with the same refusal of NUL characters as the JSON parser."""

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        data = super().parse(stream, media_type, parser_context)
        _refuse_nul({key: data.getlist(key) for key in data})
        return data
