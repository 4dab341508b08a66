from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from rest_framework.test import APIRequestFactory

from core.permissions import IsStaff, IsStaffOrReadOnly, staff_required
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@staff_required
def _page(request):
    return HttpResponse("secret")


def _get(user):
    request = RequestFactory().get("/en/staff/thing/?q=1")
    request.user = user
    return request


def test_anonymous_is_sent_to_sign_in():
    response = _page(_get(AnonymousUser()))
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert "next=/en/staff/thing/%3Fq%3D1" in response["Location"]


def test_signed_in_non_staff_is_refused_not_looped_to_login():
    with pytest.raises(PermissionDenied):
        _page(_get(UserFactory()))


def test_inactive_staff_is_refused():
    with pytest.raises(PermissionDenied):
        _page(_get(StaffFactory(is_active=False)))


def test_staff_sees_the_page():
    response = _page(_get(StaffFactory()))
    assert response.status_code == 200
    assert response.content == b"secret"


def test_staff_required_in_a_real_view(client):
    # The same decorator guards the apps' staff pages: 302 → 403 → 200.
    url = "/en/staff/partners/requests/"
    assert client.get(url).status_code == 302
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(StaffFactory())
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("method", "user", "expected"),
    [
        ("get", None, True),
        ("post", None, False),
        ("post", "member", False),
        ("delete", "staff", True),
    ],
)
def test_is_staff_or_read_only(method, user, expected):
    request = getattr(APIRequestFactory(), method)("/")
    if user is None:
        request.user = AnonymousUser()
    else:
        request.user = StaffFactory() if user == "staff" else UserFactory()
    assert IsStaffOrReadOnly().has_permission(request, None) is expected


def test_is_staff_refuses_reads_too():
    request = APIRequestFactory().get("/")
    request.user = UserFactory()
    assert IsStaff().has_permission(request, None) is False
    request.user = StaffFactory()
    assert IsStaff().has_permission(request, None) is True
