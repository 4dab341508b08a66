"""Campaign factories and helpers for signing through the services."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from campaigns.models import Activity, Campaign, CampaignMessage, Pledge
from campaigns.validators import mailbox_key, normalise_email
from tests.factories import PartnerFactory


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"campaign-{n}")
    kind = Campaign.Kind.RATIFICATION
    title_en = factory.Sequence(lambda n: f"Campaign {n}")
    title_es = factory.Sequence(lambda n: f"Campaña {n}")
    text_en = "Sign the call."
    text_es = "Firme el llamado."
    goal = 100
    signers = Campaign.Signers.BOTH
    is_published = True


class CampaignMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignMessage

    campaign = factory.SubFactory(CampaignFactory)
    text_en = "Ratify the Migrant Workers Convention now."
    text_es = "Ratifiquen ya la Convención sobre los Trabajadores Migratorios."
    hashtags = "#ICRMW #MigrantRights"


class PledgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pledge

    campaign = factory.SubFactory(CampaignFactory)
    kind = Pledge.Kind.INDIVIDUAL
    name = factory.Sequence(lambda n: f"Signer Person{n}")
    email = factory.Sequence(lambda n: f"signer{n}@example.net")
    email_normalised = factory.LazyAttribute(lambda o: normalise_email(o.email))
    email_canonical = factory.LazyAttribute(lambda o: mailbox_key(o.email))
    country = "MX"
    city = "Oaxaca"
    display = Pledge.Display.FULL
    language = "en"
    confirmed_at = factory.LazyFunction(timezone.now)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    campaign = factory.SubFactory(CampaignFactory, kind=Campaign.Kind.DAY_OF_ACTION)
    partner = factory.SubFactory(PartnerFactory)
    title = factory.Sequence(lambda n: f"March {n}")
    starts_at = factory.LazyFunction(
        lambda: datetime.datetime(2026, 12, 18, 17, 0, tzinfo=datetime.UTC)
    )
    timezone = "America/Mexico_City"
    city = "Mexico City"
    country = "MX"
    language = "es"
    status = Activity.Status.APPROVED
