"""Load the focus-area and language vocabularies so a fresh database has them.

Reads `partners/data/*.csv`; update_or_create keeps it safe to re-run, and reversing removes
only the rows this migration knows about (staff additions stay)."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def _rows(name):
    with (DATA / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def load(apps, schema_editor):
    FocusArea = apps.get_model("partners", "FocusArea")
    Language = apps.get_model("partners", "Language")
    for row in _rows("focus_areas.csv"):
        FocusArea.objects.update_or_create(
            slug=row["slug"], defaults={"name": row["name"], "name_es": row["name_es"]}
        )
    for row in _rows("languages.csv"):
        Language.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "name_es": row["name_es"]}
        )


def unload(apps, schema_editor):
    FocusArea = apps.get_model("partners", "FocusArea")
    Language = apps.get_model("partners", "Language")
    FocusArea.objects.filter(slug__in=[r["slug"] for r in _rows("focus_areas.csv")]).delete()
    Language.objects.filter(code__in=[r["code"] for r in _rows("languages.csv")]).delete()


class Migration(migrations.Migration):
    dependencies = [("partners", "0002_partner_verification_reminded_at")]

    operations = [migrations.RunPython(load, unload)]
