"""The embeddable sign form (campaigns/views/widget.py): the per-render token that stands in for
the CSRF cookie, the honeypot and throttle of the sign flow, framing, no cookies, and the
campaign page's embed code."""

from __future__ import annotations

import time
from html.parser import HTMLParser

import pytest
from django.core import mail, signing
from django.test import Client

from campaigns.models import Campaign, Pledge
from campaigns.widget_tokens import (
    WIDGET_TOKEN_MAX_AGE,
    WIDGET_TOKEN_SALT,
    WidgetTokenExpired,
    WidgetTokenInvalid,
    widget_token,
    widget_token_check,
)
from tests.campaigns.conftest import sent_links
from tests.campaigns.factories import CampaignFactory, PledgeFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SIGNER = {
    "individual-name": "Ana López",
    "individual-country": "MX",
    "individual-city": "Oaxaca",
    "individual-email": "ana@example.net",
    "individual-display": "initials",
    "individual-website_url": "",
}


def widget_url(campaign: Campaign, lang: str = "en") -> str:
    return f"/{lang}/campaigns/{campaign.slug}/widget/"


def widget_sign_url(campaign: Campaign, lang: str = "en") -> str:
    return f"/{lang}/campaigns/{campaign.slug}/widget/sign/"


def rendered_token(client: Client, campaign: Campaign, lang: str = "en") -> str:
    response = client.get(widget_url(campaign, lang))
    return str(response.context["widget_token"])


@pytest.fixture
def strict_client() -> Client:
    """A browser as a partner's frame makes it: CSRF checks on, no cookie at all."""
    return Client(enforce_csrf_checks=True)


def _old_token(campaign: Campaign, monkeypatch: pytest.MonkeyPatch) -> str:
    made_at = time.time() - WIDGET_TOKEN_MAX_AGE.total_seconds() - 60
    monkeypatch.setattr(signing.time, "time", lambda: made_at)
    token = widget_token(campaign=campaign)
    monkeypatch.undo()
    return token


def test_signing_in_the_widget_needs_the_token_and_no_cookie(
    strict_client, campaign, django_capture_on_commit_callbacks
):
    page = strict_client.get(widget_url(campaign))
    assert page.status_code == 200
    assert "Set-Cookie" not in page.headers
    assert b"csrfmiddlewaretoken" not in page.content
    token = page.context["widget_token"]
    assert f'name="token" value="{token}"'.encode() in page.content
    with django_capture_on_commit_callbacks(execute=True):
        response = strict_client.post(widget_sign_url(campaign), {**SIGNER, "token": token})
    assert response.status_code == 302
    assert response["Location"] == f"/en/campaigns/{campaign.slug}/widget/signed/"
    assert "Set-Cookie" not in response.headers
    pledge = Pledge.objects.get()
    assert (pledge.campaign, pledge.kind, pledge.display) == (campaign, "individual", "initials")
    assert pledge.confirmed_at is None
    assert pledge.language == "en"
    (message,) = mail.outbox
    assert message.to == ["ana@example.net"]
    assert len(sent_links("confirm")) == 1
    done = strict_client.get(response["Location"])
    assert done.status_code == 200
    assert b"Check your e-mail" in done.content
    assert "Set-Cookie" not in done.headers


def test_the_main_sign_form_still_requires_its_csrf_cookie(strict_client, campaign):
    """Only the widget's POST is CSRF-exempt."""
    response = strict_client.post(
        f"/en/campaigns/{campaign.slug}/sign/", {"kind": "individual", **SIGNER}
    )
    assert response.status_code == 403
    assert Pledge.objects.count() == 0


def test_spanish_widget_signs_in_spanish(
    strict_client, campaign, django_capture_on_commit_callbacks
):
    token = rendered_token(strict_client, campaign, "es")
    with django_capture_on_commit_callbacks(execute=True):
        response = strict_client.post(widget_sign_url(campaign, "es"), {**SIGNER, "token": token})
    assert response["Location"] == f"/es/campaigns/{campaign.slug}/widget/signed/"
    assert Pledge.objects.get().language == "es"
    assert mail.outbox[0].subject.startswith("Confirme su firma")


@pytest.mark.parametrize("case", ["missing", "empty", "forged", "other-campaign", "other-salt"])
def test_a_bad_token_saves_nothing_and_says_why(strict_client, campaign, case):
    other = CampaignFactory()
    token = {
        "missing": None,
        "empty": "",
        "forged": rendered_token(strict_client, campaign)[:-3] + "xyz",
        "other-campaign": rendered_token(strict_client, other),
        # A genuine signature of this site, made for another purpose (a confirm link's salt).
        "other-salt": signing.TimestampSigner(salt="campaigns.pledge.confirm").sign_object(
            {"campaign": campaign.pk, "nonce": "x"}
        ),
    }[case]
    data = dict(SIGNER) if token is None else {**SIGNER, "token": token}
    response = strict_client.post(widget_sign_url(campaign), data)
    assert response.status_code == 400
    assert b"This form could not be verified. Nothing was saved" in response.content
    assert Pledge.objects.count() == 0
    assert mail.outbox == []
    # The form comes back filled in, with a fresh token to send it again.
    assert response.context["form"]["name"].value() == "Ana López"
    fresh = response.context["widget_token"]
    assert fresh
    assert fresh != token
    widget_token_check(token=fresh, campaign=campaign)


def test_an_expired_token_saves_nothing_and_says_so(strict_client, campaign, monkeypatch):
    token = _old_token(campaign, monkeypatch)
    response = strict_client.post(widget_sign_url(campaign), {**SIGNER, "token": token})
    assert response.status_code == 400
    assert b"This form was opened more than 6 hours ago. Nothing was saved" in response.content
    assert Pledge.objects.count() == 0
    assert mail.outbox == []


def test_token_check_itself(campaign, monkeypatch):
    widget_token_check(token=widget_token(campaign=campaign), campaign=campaign)
    assert widget_token(campaign=campaign) != widget_token(campaign=campaign)  # per render
    with pytest.raises(WidgetTokenExpired):
        widget_token_check(token=_old_token(campaign, monkeypatch), campaign=campaign)
    # Signed with another secret key: the shape is right, the signature is not ours.
    forged = signing.dumps({"campaign": campaign.pk}, salt=WIDGET_TOKEN_SALT, key="not-ours")
    for bad in ("", "garbage", forged):
        with pytest.raises(WidgetTokenInvalid):
            widget_token_check(token=bad, campaign=campaign)
    with pytest.raises(WidgetTokenInvalid):
        widget_token_check(token=widget_token(campaign=CampaignFactory()), campaign=campaign)


def test_the_honeypot_answers_as_if_signed_and_saves_nothing(strict_client, campaign):
    token = rendered_token(strict_client, campaign)
    data = {**SIGNER, "token": token, "individual-website_url": "http://spam.example"}
    response = strict_client.post(widget_sign_url(campaign), data)
    assert response.status_code == 302
    assert response["Location"].endswith("/widget/signed/")
    assert Pledge.objects.count() == 0
    assert mail.outbox == []


def test_the_sign_flow_throttle_counts_widget_and_page_together(strict_client, campaign, settings):
    settings.PLEDGE_SUBMISSIONS_PER_HOUR = 2
    # One signature on the campaign page and one in the widget use up the allowance...
    Client().post(
        f"/en/campaigns/{campaign.slug}/sign/",
        {"kind": "individual", **SIGNER, "individual-email": "page@example.net"},
    )
    token = rendered_token(strict_client, campaign)
    data = {**SIGNER, "token": token, "individual-email": "w1@example.net"}
    assert strict_client.post(widget_sign_url(campaign), data).status_code == 302
    assert Pledge.objects.count() == 2
    # ...so the next one from the same address is refused in the frame, and not saved.
    data = {**SIGNER, "token": token, "individual-email": "w2@example.net"}
    response = strict_client.post(widget_sign_url(campaign), data)
    assert response.status_code == 429
    assert b"Too many signatures from this connection" in response.content
    assert "X-Frame-Options" not in response.headers
    assert Pledge.objects.count() == 2
    # Another client address still signs.
    other = Client(enforce_csrf_checks=True, REMOTE_ADDR="203.0.113.9")
    data = {**SIGNER, "token": token, "individual-email": "w3@example.net"}
    assert other.post(widget_sign_url(campaign), data).status_code == 302
    assert Pledge.objects.count() == 3


def test_invalid_input_rerenders_in_the_frame_and_saves_nothing(strict_client, campaign):
    token = rendered_token(strict_client, campaign)
    data = {**SIGNER, "token": token, "individual-email": "not-an-address"}
    response = strict_client.post(widget_sign_url(campaign), data)
    assert response.status_code == 400
    assert response.context["form"].errors["email"]
    assert b'class="error-summary"' in response.content
    assert "X-Frame-Options" not in response.headers
    assert Pledge.objects.count() == 0


def test_a_signed_in_visitor_signs_as_nobody_in_the_widget(campaign, monkeypatch):
    """CSRF-exempt, so the view must never act with the session's authority."""
    import campaigns.views.widget as widget_views

    seen = []
    real = widget_views.pledge_create
    monkeypatch.setattr(
        widget_views, "pledge_create", lambda **kw: seen.append(kw["user"]) or real(**kw)
    )
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())
    token = rendered_token(client, campaign)
    assert client.post(widget_sign_url(campaign), {**SIGNER, "token": token}).status_code == 302
    assert seen == [None]


def test_closed_or_organisations_only_campaigns_show_a_link_instead_of_the_form(client):
    closed = CampaignFactory(closes_on="2020-01-01")
    orgs = CampaignFactory(signers=Campaign.Signers.ORGANISATIONS)
    for campaign in (closed, orgs):
        response = client.get(widget_url(campaign))
        assert response.status_code == 200
        assert response.context["form"] is None
        assert b"<form" not in response.content
        assert f'href="/en/campaigns/{campaign.slug}/#sign"'.encode() in response.content
    # And a POST to them saves nothing, whatever the token.
    token = widget_token(campaign=closed)
    response = client.post(widget_sign_url(closed), {**SIGNER, "token": token})
    assert response.status_code == 400
    assert b"This campaign is not collecting signatures." in response.content
    response = client.post(widget_sign_url(orgs), {**SIGNER, "token": widget_token(campaign=orgs)})
    assert response.status_code == 302
    assert response["Location"] == widget_url(orgs)
    assert Pledge.objects.count() == 0


def test_draft_campaign_widget_is_404(client):
    draft = CampaignFactory(is_published=False)
    assert client.get(widget_url(draft)).status_code == 404
    token = widget_token(campaign=draft)
    assert client.post(widget_sign_url(draft), {**SIGNER, "token": token}).status_code == 404
    assert Pledge.objects.count() == 0


def test_widget_sign_refuses_get(client, campaign):
    assert client.get(widget_sign_url(campaign)).status_code == 405


def _frame_ancestors(response) -> str:
    policy = dict(
        part.strip().partition(" ")[::2]
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    )
    return policy["frame-ancestors"]


def test_the_widget_pages_may_be_framed_by_any_site_and_no_other_page(client, campaign):
    token = rendered_token(client, campaign)
    framable = {
        "form": client.get(widget_url(campaign)),
        "signed": client.get(f"/en/campaigns/{campaign.slug}/widget/signed/"),
        "refused": client.post(widget_sign_url(campaign), {**SIGNER, "token": "bad"}),
        "sent": client.post(widget_sign_url(campaign), {**SIGNER, "token": token}),
    }
    for name, response in framable.items():
        assert response.status_code in (200, 302, 400), name
        assert "X-Frame-Options" not in response.headers, name
        assert _frame_ancestors(response) == "*", name
    for url in (
        f"/en/campaigns/{campaign.slug}/",
        f"/en/campaigns/{campaign.slug}/signed/",
        "/en/campaigns/",
        "/en/",
    ):
        response = client.get(url)
        assert response.headers["X-Frame-Options"] == "DENY", url
        assert _frame_ancestors(response) == "'none'", url


def test_widget_query_count_does_not_grow_with_signers(client, campaign, django_assert_num_queries):
    PledgeFactory.create_batch(3, campaign=campaign)
    # Once, so the footer's data-source summary (coalition.context_processors) is in the cache.
    client.get(widget_url(campaign))
    # Then the campaign, its counts and the latest signers.
    with django_assert_num_queries(3):
        assert client.get(widget_url(campaign)).status_code == 200
    PledgeFactory.create_batch(10, campaign=campaign)
    with django_assert_num_queries(3):
        response = client.get(widget_url(campaign))
    assert len(response.context["signers"]) == 5


class _Snippet(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.iframes: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "iframe":
            self.iframes.append(dict(attrs))


def _textarea(html: str) -> str:
    start = html.index('<textarea id="embed-code"')
    start = html.index(">", start) + 1
    return html[start : html.index("</textarea>", start)]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_campaign_page_offers_the_embed_code_and_a_preview(client, lang):
    campaign = CampaignFactory(title_en='Say "ratify" & <mean it>', title_es="Ratifiquen ya")
    response = client.get(f"/{lang}/campaigns/{campaign.slug}/", HTTP_HOST="localhost")
    body = response.content.decode()
    assert "readonly" in body[body.index('<textarea id="embed-code"') :].split(">", 1)[0]
    # What the textarea shows (what is copied) is itself HTML: one iframe, correctly quoted.
    parser = _Snippet()
    import html as html_module

    parser.feed(html_module.unescape(_textarea(body)))
    (frame,) = parser.iframes
    assert frame["src"] == f"http://localhost/{lang}/campaigns/{campaign.slug}/widget/"
    assert (frame["width"], frame["height"]) == ("320", "400")
    title = {
        "en": 'Sign the campaign: Say "ratify" & <mean it>',
        "es": "Firme la campaña: Ratifiquen ya",
    }
    assert frame["title"] == title[lang]
    # The live preview: the widget framed by the page itself.
    page = _Snippet()
    page.feed(body)
    (preview,) = [f for f in page.iframes if "embed-preview" in (f.get("class") or "")]
    assert preview["src"] == f"/{lang}/campaigns/{campaign.slug}/widget/"
    assert preview["title"]
