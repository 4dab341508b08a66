"""Partner-specific factories and persona helpers for the HTML tests."""

from __future__ import annotations

import factory

from partners.models import CommitmentUpdate, JoinRequest
from tests.factories import CommitmentFactory, UserFactory


class CommitmentUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitmentUpdate

    commitment = factory.SubFactory(CommitmentFactory)
    text = "Met the foreign ministry."
    status = "in_progress"
    created_by = factory.SubFactory(UserFactory)


class JoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JoinRequest

    kind = JoinRequest.Kind.JOIN
    organisation_name = factory.Sequence(lambda n: f"Applicant Org {n}")
    country = "MX"
    city = "Oaxaca"
    contact_name = "Ana Applicant"
    contact_email = factory.Sequence(lambda n: f"applicant{n}@example.org")
