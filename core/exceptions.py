"""One DRF exception handler for every API view (`REST_FRAMEWORK["EXCEPTION_HANDLER"]`).

Services raise Django exceptions (they are shared with the HTML views and the admin); this turns
them into API errors so viewsets need no try/except around each service call:

- `django.core.exceptions.ValidationError` → 400, field errors keyed by field name and
  `non_field_errors` for the rest (the shape DRF serializers use);
- `PermissionDenied` → 403 (DRF already does this), with the service's message when it gives
  one ("Only members of … can …") instead of DRF's generic one;
- `ObjectDoesNotExist` (any model's `DoesNotExist`) and `Http404` → 404.

Every error body is an object, as the OpenAPI schema documents (`coalition.openapi`,
`VALIDATION_ERROR_SCHEMA`): a `ValidationError` raised with a bare message or a list of them (DRF's
own search filter does, for a NUL in `?search=`) answered a JSON list; it is now
`{"non_field_errors": [...]}`, the key serializers use for errors that belong to no one field.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler


def validation_error_detail(exc: DjangoValidationError) -> dict[str, Any]:
    non_field = api_settings.NON_FIELD_ERRORS_KEY
    if hasattr(exc, "error_dict"):
        return {
            (non_field if field == "__all__" else field): messages
            for field, messages in exc.message_dict.items()
        }
    return {non_field: exc.messages}


def documented_error_body(data: Any) -> Any:
    """An error body in the documented shape: an object, never a bare list or string."""
    if isinstance(data, list):
        return {api_settings.NON_FIELD_ERRORS_KEY: data}
    if isinstance(data, str):
        return {"detail": data}
    return data


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    converted: Exception = exc
    if isinstance(exc, DjangoValidationError):
        converted = exceptions.ValidationError(validation_error_detail(exc))
    elif isinstance(exc, DjangoPermissionDenied) and str(exc):
        converted = exceptions.PermissionDenied(str(exc))
    elif isinstance(exc, ObjectDoesNotExist):
        converted = exceptions.NotFound()
    response = exception_handler(converted, context)
    if response is not None:
        response.data = documented_error_body(response.data)
    return response
