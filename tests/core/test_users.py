from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from core.users import actor_or_none
from tests.factories import UserFactory


def test_anonymous_and_none_are_no_actor():
    assert actor_or_none(None) is None
    assert actor_or_none(AnonymousUser()) is None


@pytest.mark.django_db
def test_a_signed_in_user_is_the_actor():
    user = UserFactory()
    assert actor_or_none(user) is user
