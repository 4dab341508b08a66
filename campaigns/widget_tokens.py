"""The form token of the embeddable sign form (campaigns/views/widget.py).

The widget is framed by other sites, where the browser does not send our cookies (SameSite), so
the CSRF cookie cannot protect its form. Each render carries instead a signed, timestamped token
naming its campaign: a POST without one, with a forged or altered one, one made for another
campaign, or one older than `WIDGET_TOKEN_MAX_AGE` saves nothing. A token is not a secret the
visitor keeps (it is in the page); it proves the form was rendered by this site for this
campaign recently, and the client-address throttle and the honeypot of the sign flow still apply.
No state is kept on the server: a token can be replayed until it expires, which the per-address
throttle (`PLEDGE_SUBMISSIONS_PER_HOUR`) bounds.
"""

from __future__ import annotations

import datetime
import secrets

from django.core import signing

from campaigns.models import Campaign

WIDGET_TOKEN_SALT = "campaigns.widget.sign-form"  # noqa: S105 (a salt, not a secret)
# Long enough for a visitor who opens a partner's page and signs after lunch.
WIDGET_TOKEN_MAX_AGE = datetime.timedelta(hours=6)


class WidgetTokenInvalid(Exception):
    """Missing, altered, signed with another salt or key, or made for another campaign."""


class WidgetTokenExpired(WidgetTokenInvalid):
    """Genuine, for this campaign, but older than `WIDGET_TOKEN_MAX_AGE`."""


def widget_token(*, campaign: Campaign) -> str:
    """A new token for one render of `campaign`'s widget form (a nonce makes each one unique)."""
    signer = signing.TimestampSigner(salt=WIDGET_TOKEN_SALT)
    return signer.sign_object({"campaign": campaign.pk, "nonce": secrets.token_urlsafe(8)})


def widget_token_check(*, token: str, campaign: Campaign) -> None:
    """Raise `WidgetTokenExpired` or `WidgetTokenInvalid` unless `token` is a recent token
    made for `campaign`."""
    if not token:
        raise WidgetTokenInvalid
    signer = signing.TimestampSigner(salt=WIDGET_TOKEN_SALT)
    try:
        value = signer.unsign_object(token, max_age=WIDGET_TOKEN_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise WidgetTokenExpired from exc
    except (signing.BadSignature, ValueError) as exc:
        raise WidgetTokenInvalid from exc
    if not isinstance(value, dict) or value.get("campaign") != campaign.pk:
        raise WidgetTokenInvalid
