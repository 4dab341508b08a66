"""factory_boy factories shared by the whole suite. App-specific extras live beside the tests."""

from __future__ import annotations

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from partners.models import Commitment, FocusArea, Invitation, Language, Membership, Partner
from ratification.models import ActionKind, Country, Treaty, TreatyAction


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class StaffFactory(UserFactory):
    is_staff = True


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("iso2",)

    iso2 = "MX"
    iso3 = "MEX"
    numeric = "484"
    name = "Mexico"
    region = "Americas"
    subregion = "Latin America and the Caribbean"
    # A UN member, as Mexico is: a country with no year is a territory, whose "no action" reads
    # "not applicable (territory)" (ratification.status.applicable_status).
    un_member_since = 1945


class TreatyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Treaty
        django_get_or_create = ("slug",)

    slug = "icrmw"
    short_name = "ICRMW"
    name = (
        "International Convention on the Protection of the Rights of All Migrant Workers and "
        "Members of Their Families"
    )
    untc_reference = "IV-13"
    position = 1
    adopted_on = datetime.date(1990, 12, 18)
    entry_into_force_on = datetime.date(2003, 7, 1)
    eif_delay_months = 3
    eif_delay_days = 0
    eif_first_of_next_month = True


class TreatyActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TreatyAction

    treaty = factory.SubFactory(TreatyFactory)
    country = "MX"
    kind = ActionKind.RATIFICATION
    date = datetime.date(1999, 3, 8)


class FocusAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocusArea
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"focus-{n}")
    name = factory.Sequence(lambda n: f"Focus {n}")
    name_es = factory.Sequence(lambda n: f"Tema {n}")


class LanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ("code",)

    code = "es"
    name = "Spanish"
    name_es = "Español"


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partner Organisation {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    kind = Partner.Kind.NGO
    description = "Defends the rights of migrant workers."
    website = "https://partner.example.org/"
    email = factory.Sequence(lambda n: f"contact{n}@partner.example.org")
    phone = "+52 55 1234 5678"
    country = "MX"
    city = "Mexico City"
    address_1 = "Calle Falsa 123"
    # The model hides contact details by default (issue 7 #13); most tests are about a partner
    # that chose to show them, and tests of hidden details say so explicitly.
    show_address = True
    show_email = True
    show_phone = True
    is_published = True
    approved_at = factory.LazyFunction(timezone.now)
    last_verified_at = factory.LazyFunction(timezone.now)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    partner = factory.SubFactory(PartnerFactory)
    role = Membership.Role.EDITOR


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    partner = factory.SubFactory(PartnerFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = Membership.Role.EDITOR
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    partner = factory.SubFactory(PartnerFactory)
    kind = Commitment.Kind.ADVOCACY
    text = "Campaign for ratification of the Migrant Workers Convention."
    target_country = "US"
    status = Commitment.Status.PLEDGED
