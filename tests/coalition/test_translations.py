from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.conf import settings

PO = Path(settings.LOCALE_PATHS[0]) / "es" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def test_spanish_catalogue_is_complete():
    po = polib.pofile(str(PO))
    assert len(po) > 100
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []


def test_compiled_catalogue_matches_the_source():
    po = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(PO)) if not e.obsolete}
    mo = {(e.msgctxt, e.msgid): e for e in polib.mofile(str(MO))}
    assert set(po) - {(None, "")} <= set(mo), "django.mo is stale: run `make messages`"
    stale = [k for k, e in po.items() if k[1] and not e.msgid_plural and mo[k].msgstr != e.msgstr]
    assert not stale, f"django.mo is stale for {stale[:3]}: run `make messages`"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "spanish"),
    [("/es/", "Tratados"), ("/es/treaties/", "Tratados"), ("/es/partners/", "Aliadas")],
)
def test_pages_render_in_spanish(client, path, spanish):
    response = client.get(path)
    assert response.status_code == 200
    assert spanish in response.content.decode()
