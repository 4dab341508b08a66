"""Partner organisations, the people who keep them current, and what they commit to.

Field names follow Open Referral HSDS where it has one (organization: name, description, email,
url; location/address: address_1, city, state_province, postal_code, country, latitude,
longitude) and Popolo for memberships (person ↔ organization with a role).

A package of one module per resource; everything is importable from `partners.models`.
"""

from partners.models.commitment import Commitment, CommitmentUpdate
from partners.models.content import (
    DESCRIPTION_MAX_LENGTH,
    LONG_TEXT_MAX_LENGTH,
    ContentLanguage,
    FocusArea,
    Language,
    ShownText,
    TranslatedNameMixin,
    shown_text,
)
from partners.models.import_job import PartnerImportJob
from partners.models.join_request import JoinRequest
from partners.models.membership import Invitation, Membership, _new_token
from partners.models.partner import Partner

__all__ = [
    "DESCRIPTION_MAX_LENGTH",
    "LONG_TEXT_MAX_LENGTH",
    "Commitment",
    "CommitmentUpdate",
    "ContentLanguage",
    "FocusArea",
    "Invitation",
    "JoinRequest",
    "Language",
    "Membership",
    "Partner",
    "PartnerImportJob",
    "ShownText",
    "TranslatedNameMixin",
    "_new_token",  # the invitation token default named by migration 0001
    "shown_text",
]
