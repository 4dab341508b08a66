"""What the OpenAPI schema says beyond what drf-spectacular infers: errors, blanks, media types.

Wired in `settings.REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"]` (`AutoSchema`) and
`settings.SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]` (`document_errors`, `document_constraints`,
`document_security`, `document_site`, `document_nullable_refs`).
The goal is a schema a client generator can trust: every status code and media type the API
really sends is declared, and every constraint the API enforces on a parameter is stated.
`.ci/schemathesis` checks the running API against it.
"""

from __future__ import annotations

from typing import Any

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.defaults import page_not_found
from drf_spectacular import openapi
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request

from core.patterns import BBOX_PATTERN, SLUG_PATTERN
from ratification.models import Treaty

# --- Error bodies ---------------------------------------------------------------------------

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "DRF's error body: one human-readable, translated message.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
VALIDATION_ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": (
        "Field name → list of messages (`non_field_errors` for the body as a whole), or "
        "`detail` with one message when the body could not be read at all."
    ),
    "additionalProperties": {
        "oneOf": [
            {"type": "array", "items": {"type": "string"}},
            {"type": "string"},
            {"type": "object"},
        ]
    },
}
_ERROR_DESCRIPTIONS = {
    "400": "Invalid input: a query parameter or the request body was refused.",
    "401": "Authentication required, or the token sent is invalid.",
    "403": "Signed in but not allowed (e.g. not a member of this partner, not staff).",
    "404": "No such object, or not visible to you.",
    "413": "The request body is over the size limit.",
    "429": "Too many requests: see the Retry-After header.",
}


def _error_response(code: str, media_types: list[str]) -> dict[str, Any]:
    name = "ValidationError" if code == "400" else "Error"
    schema = {"$ref": f"#/components/schemas/{name}"}
    return {
        "description": _ERROR_DESCRIPTIONS[code],
        "content": {media_type: {"schema": schema} for media_type in media_types},
    }


def _error_codes(path: str, method: str, operation: dict[str, Any]) -> list[str]:
    codes = ["401", "429"]  # any bad token is refused; every endpoint is throttled
    params = operation.get("parameters", [])
    takes_input = "requestBody" in operation or any(p["in"] == "query" for p in params)
    if takes_input or method not in {"get", "head", "options"}:
        codes.append("400")  # also a body that is not JSON, or not an object
    if method not in {"get", "head", "options"}:
        codes.append("403")  # not allowed, or a session request without its CSRF token
    if "requestBody" in operation:
        codes.append("413")
    if "{" in path or any(p["name"] in {"page", "format"} for p in params):
        codes.append("404")  # a missing object, a page past the end or an unknown ?format=
    return sorted(codes)


def document_errors(result: dict[str, Any], generator: Any, request: Any, public: bool) -> Any:
    """Postprocessing hook: declare the error responses every operation can really give."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR_SCHEMA
    schemas["ValidationError"] = VALIDATION_ERROR_SCHEMA
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            responses = operation.setdefault("responses", {})
            # Errors come in the media types the operation's renderers produce (the GeoJSON
            # endpoint renders its errors as application/geo+json unless asked for JSON).
            media_types = _success_media_types(responses) or ["application/json"]
            for code in _error_codes(path, method, operation):
                responses[code] = _error_response(code, media_types)
    return result


def _success_media_types(responses: dict[str, Any]) -> list[str]:
    for code in ("200", "201"):
        content = responses.get(code, {}).get("content")
        if content:
            return list(content)
    return []


# --- Constraints the API enforces -----------------------------------------------------------


def _set_param(operation: dict[str, Any], name: str, **schema: Any) -> None:
    for param in operation.get("parameters", []):
        if param["name"] == name:
            param["schema"].update(schema)


def document_constraints(result: dict[str, Any], generator: Any, request: Any, public: bool) -> Any:
    """Postprocessing hook: the parameter constraints the views enforce in code."""
    # (The ratification API states its own constraints with OpenApiParameter; the partner API's
    # filters come from django-filter, so theirs are added here.)
    paths = result.get("paths", {})
    partner_list = paths.get("/api/v1/partners/", {}).get("get")
    geojson = paths.get("/api/v1/partners/geojson/", {}).get("get")
    if partner_list:
        _set_param(partner_list, "bbox", pattern=BBOX_PATTERN)
        if geojson is not None:
            # The map layer accepts the list's filters, search and ordering (not pagination).
            known = {p["name"] for p in geojson.get("parameters", [])}
            geojson.setdefault("parameters", []).extend(
                param
                for param in partner_list.get("parameters", [])
                if param["name"] != "page" and param["name"] not in known
            )
    for item in paths.values():
        for operation in item.values():
            for param in operation.get("parameters", []):
                if param["in"] == "path" and param["name"] == "slug":
                    param["schema"].setdefault("pattern", SLUG_PATTERN)
    components = result.get("components", {}).get("schemas", {})
    _document_treaty_slugs(paths, components)
    patch = components.get("PatchedPartnerEditorRequest")
    if patch:
        # The slug is chosen at creation; a PATCH that changes it is refused.
        patch.get("properties", {}).pop("slug", None)
    for name in ("PartnerEditorRequest", "PatchedPartnerEditorRequest"):
        properties = components.get(name, {}).get("properties", {})
        for field in ("latitude", "longitude"):
            if field in properties:
                properties[field]["description"] = (
                    "Send latitude and longitude together (a hand-set point); one alone is refused."
                )
    return result


def _document_treaty_slugs(paths: dict[str, Any], components: dict[str, Any]) -> None:
    """Where the API takes a treaty slug it must name a treaty in the database: list them.

    The schema served at /api/schema/ is generated per request, so the list is the live one.
    """
    try:
        slugs = sorted(Treaty.objects.values_list("slug", flat=True))
    except DatabaseError:  # not migrated yet (e.g. `manage.py spectacular` on a fresh checkout)
        return
    if not slugs:
        return  # an empty database: nothing to list
    for path, item in paths.items():
        for operation in item.values():
            for param in operation.get("parameters", []):
                treaty_path = path.startswith("/api/v1/treaties/{slug}") and param["in"] == "path"
                if param["name"] == "treaty" or (treaty_path and param["name"] == "slug"):
                    param["schema"]["enum"] = slugs
    for name in ("TreatyActionRequest", "PatchedTreatyActionRequest"):
        treaty = components.get(name, {}).get("properties", {}).get("treaty")
        if treaty is not None:
            treaty["enum"] = slugs


# --- Who may call, where, and nullable references -------------------------------------------


def document_security(result: dict[str, Any], generator: Any, request: Any, public: bool) -> Any:
    """Postprocessing hook: an operation anonymous clients may call requires no security.

    drf-spectacular lists such an operation as `[{tokenAuth}, {cookieAuth}, {}]` ("any of these,
    or none"), which is right but which client generators read as "authentication required"
    (openapi-python-client then demands an AuthenticatedClient to list partners). `[]` says the
    same to a reader: nothing is required; a token or session sent anyway is still honoured.
    """
    for item in result.get("paths", {}).values():
        for operation in item.values():
            if {} in operation.get("security", []):
                operation["security"] = []
    return result


def document_site(result: dict[str, Any], generator: Any, request: Any, public: bool) -> Any:
    """Postprocessing hook: the server and contact are the site that serves the schema.

    Served at /api/schema/, that is the host the request came in on (so a schema read from a
    development server or a test's live server names that server); written by `manage.py
    spectacular`, with no request, it is `settings.SITE_URL`.
    """
    from django.conf import settings

    if request is not None:
        origin = request.build_absolute_uri("/").rstrip("/")
    else:
        origin = settings.SITE_URL
    result["servers"] = [{"url": origin, "description": "This site"}]
    result.setdefault("info", {})["contact"] = {"name": "Coalition staff", "url": f"{origin}/"}
    return result


def document_nullable_refs(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> Any:
    """Postprocessing hook: a nullable reference is "the referenced schema, or null".

    drf-spectacular writes a nullable nested object (e.g. `PartnerPublic.location`) as
    `{"allOf": [{"$ref": ...}], "nullable": true}`. OpenAPI 3.0 lets `nullable` modify only a
    `type` in the same schema: validators refuse that schema ("nullable cannot be used without
    type"), so Redocly and Spectral could not check the partner operations' examples. Adding the
    type beside it satisfies them but not openapi-python-client, whose model then refuses the
    null the API sends for a partner with no public point. The form every one of them reads the
    same is a choice of the reference or a schema that admits only null.
    """
    components = result.get("components", {}).get("schemas", {})

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            all_of = node.get("allOf")
            if node.get("nullable") and "type" not in node and isinstance(all_of, list):
                kind = _referenced_type(components, all_of[0]) if len(all_of) == 1 else None
                if kind is not None:
                    del node["allOf"], node["nullable"]
                    node["oneOf"] = [all_of[0], {"type": kind, "nullable": True, "enum": [None]}]
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(result)
    return result


def _referenced_type(components: dict[str, Any], schema: Any) -> str | None:
    if not isinstance(schema, dict):
        return None
    ref = schema.get("$ref", "")
    prefix = "#/components/schemas/"
    if ref.startswith(prefix):
        schema = components.get(ref[len(prefix) :], {})
    kind = schema.get("type")
    return kind if isinstance(kind, str) else None


# --- Schema class ---------------------------------------------------------------------------


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's AutoSchema, plus: blank e-mails/URLs, anonymous reads, single objects."""

    def _map_basic_serializer(self, serializer: Any, direction: str) -> dict[str, Any]:
        result = super()._map_basic_serializer(serializer, direction)
        properties = result.get("properties", {})
        for name, field in openapi.force_instance(serializer).fields.items():
            schema = properties.get(name)
            # A blank e-mail or URL ("": not given) is no email/uri: declaring only the format
            # makes a strict client reject valid responses. Say "a <format>, or empty" wherever
            # a blank can come back (any response) or is accepted (allow_blank inputs).
            if (
                isinstance(schema, dict)
                and "format" in schema
                and isinstance(field, serializers.EmailField | serializers.URLField)
                and (direction == "response" or getattr(field, "allow_blank", False))
            ):
                fmt = schema.pop("format")
                schema["anyOf"] = [{"format": fmt}, {"maxLength": 0}]
        return dict(result)

    def get_auth(self) -> list[dict[str, list[Any]]]:
        auths = super().get_auth()
        # spectacular marks authentication optional only for DRF's own AllowAny and
        # IsAuthenticatedOrReadOnly; ask the view's real permissions whether an anonymous
        # request for this method is let through.
        if auths and {} not in auths and self._anonymous_allowed():
            auths.append({})
        return auths

    def _anonymous_allowed(self) -> bool:
        from django.contrib.auth.models import AnonymousUser

        if self.method not in SAFE_METHODS:
            return False
        http_request = HttpRequest()
        http_request.method = self.method
        anonymous = Request(http_request)
        anonymous.user = AnonymousUser()
        try:
            permissions = self.view.get_permissions()
            return all(p.has_permission(anonymous, self.view) for p in permissions)
        except Exception:  # a permission that needs more of the request: assume not public
            return False

    def _is_list_view(self, serializer: Any = None) -> bool:
        if getattr(self.view, "single_object_list", False):
            return False  # e.g. /me/: a `list` route that returns one object
        return bool(super()._is_list_view(serializer))


# --- Media types and 404s -------------------------------------------------------------------


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler404: API clients get DRF's JSON error body, people the site's 404 page.

    URLs under /api/ that match no route (e.g. a country code with a dot in it) would otherwise
    get an HTML page, which no API client expects.
    """
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return page_not_found(request, exception or Exception())
