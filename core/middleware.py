"""Project middleware."""

from __future__ import annotations

from collections.abc import Callable

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse

from core.parsers import body_too_large_message


class ApiBodySizeLimitMiddleware:
    """Refuse an API request whose declared body is over `API_MAX_BODY_BYTES` with a JSON 413,
    before anything reads it (the JSON parser also counts the bytes it actually reads, for
    bodies sent without a Content-Length)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > settings.API_MAX_BODY_BYTES:
                return JsonResponse({"detail": body_too_large_message()}, status=413)
        return self.get_response(request)


# NUL and the other C0 control characters: never part of a real URL of this site, and
# PostgreSQL refuses NUL in a text parameter with an error (a 500) wherever a path segment
# reaches a query.
_CONTROL_CHARACTERS = frozenset(chr(code) for code in range(32)) | {"\x7f"}


class RefuseControlCharactersInPathMiddleware:
    """A path with a NUL or another control character is a 404 for every URL, present and
    future, instead of each URL converter having to exclude them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _CONTROL_CHARACTERS.isdisjoint(request.path):
            raise Http404
        return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the one exception the site's policy has: the API's HTML
    pages, DRF's browsable API and Swagger UI (anything under /api/ answered as text/html), get
    `API_HTML_CSP_UPDATE` on top (inline styles: those third-party templates and Swagger UI's
    bundle write style attributes and <style> elements we cannot move without forking them).
    Scripts stay 'self' there too."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        content_type = response.get("Content-Type") or ""
        if request.path.startswith("/api/") and content_type.startswith("text/html"):
            parts.update = {**(parts.update or {}), **settings.API_HTML_CSP_UPDATE}
        return parts
