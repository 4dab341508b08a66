from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from rest_framework import exceptions

from core.exceptions import api_exception_handler


@pytest.mark.parametrize(
    ("exc", "status", "data"),
    [
        (ValidationError({"name": ["Required."]}), 400, {"name": ["Required."]}),
        (ValidationError({"__all__": ["Clash."]}), 400, {"non_field_errors": ["Clash."]}),
        (ValidationError("Bad."), 400, {"non_field_errors": ["Bad."]}),
        (PermissionDenied(), 403, None),
        (User.DoesNotExist(), 404, None),
        (Http404(), 404, None),
    ],
)
def test_django_exceptions_become_api_errors(exc, status, data):
    response = api_exception_handler(exc, {})
    assert response is not None
    assert response.status_code == status
    if data is not None:
        assert response.data == data


def test_other_exceptions_are_left_to_django():
    assert api_exception_handler(RuntimeError("boom"), {}) is None


def test_a_refusal_with_a_message_keeps_it():
    response = api_exception_handler(PermissionDenied("Only members can."), {})
    assert response is not None
    assert response.status_code == 403
    assert response.data == {"detail": "Only members can."}


@pytest.mark.parametrize(
    "exc",
    [
        exceptions.ValidationError(["Null characters are not allowed."]),
        exceptions.ValidationError("Null characters are not allowed."),
    ],
)
def test_a_bare_list_of_messages_becomes_an_object(exc):
    """The schema documents an object for every 400; DRF answers a list for these."""
    response = api_exception_handler(exc, {})
    assert response is not None
    assert response.status_code == 400
    assert response.data == {"non_field_errors": ["Null characters are not allowed."]}
