"""Import a saved UNTC status page (or fetch one by URL) and print the diff.

python manage.py import_untc ratification/data/untc/cmw.html [--treaty icrmw] [--dry-run]
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ratification.models import ImportRun
from ratification.services.imports import TreatyImportError, treaty_import_from_source


class Command(BaseCommand):
    help = (
        "Import a UN Treaty Collection status page (file path or URL): print the diff (added, "
        "changed, unchanged, no longer listed) and apply it in one transaction unless --dry-run."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="Path to a saved UNTC status page, or its URL.")
        parser.add_argument(
            "--treaty", help="Slug of the treaty the page must be for (e.g. icrmw)."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show the diff only. Records a previewed import run; changes no treaty data.",
        )

    def handle(
        self, *args: Any, source: str, treaty: str | None, dry_run: bool, **options: Any
    ) -> None:
        try:
            run = treaty_import_from_source(
                source=source, treaty_slug=treaty, dry_run=dry_run, user=None
            )
        except TreatyImportError as exc:
            raise CommandError(f"Import failed, nothing changed: {exc}") from exc
        self.stdout.write(format_run(run))
        if dry_run:
            self.stdout.write(
                self.style.WARNING(f"Dry run: nothing applied (import #{run.pk} is a preview).")
            )
        elif run.status == ImportRun.Status.NO_CHANGE:
            self.stdout.write(self.style.SUCCESS(f"Nothing changed (import #{run.pk})."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Applied import #{run.pk}."))


def format_run(run: ImportRun) -> str:
    """The diff of a run as plain text, one line per change."""
    diff = run.diff
    lines = [
        f"{diff.get('slug') or diff.get('reference')} (UNTC {diff.get('reference')}), "
        f"status as at {diff.get('as_of')}",
    ]
    for change in diff.get("treaty", []):
        lines.append(f"  treaty {change['field']}: {change['old']} -> {change['new']}")
    lines.append(
        f"added: {run.added_count}  changed: {run.changed_count}  "
        f"unchanged: {run.unchanged_count}  no longer listed: {run.missing_count}"
    )

    def label(row: dict[str, Any]) -> str:
        article = f" art. {row['article']}" if row.get("article") else ""
        return f"{row['country']} {row['name']}: {row['kind']}{article}"

    for row in diff.get("added", []):
        lines.append(f"  + {label(row)} {row['date']}")
    for row in diff.get("changed", []):
        text = " (text changed)" if row["old_text"] != row["new_text"] else ""
        lines.append(f"  ~ {label(row)} {row['old_date']} -> {row['new_date']}{text}")
    for row in diff.get("missing", []):
        lines.append(f"  - {label(row)} {row['date']} (no longer listed)")
    return "\n".join(lines)
