"""The report of a staff CSV import: one result per row, file-level errors, and the counts, in
a form a job record can store (`to_dict`/`from_dict`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils.translation import gettext as _


@dataclass
class RowResult:
    row: int  # line number in the file (the header is line 1)
    slug: str
    name: str
    action: str  # "create", "update", "unchanged" or "error"
    errors: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class ImportReport:
    rows: list[RowResult] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    dry_run: bool = True
    applied: bool = False
    # Set on a report restored from a job (`from_dict`), which keeps only some of the rows.
    totals: dict[str, int] | None = None
    rows_omitted: int = 0

    @property
    def is_valid(self) -> bool:
        return not self.file_errors and not self.count("error")

    @property
    def error_rows(self) -> list[RowResult]:
        return [row for row in self.rows if row.errors]

    def count(self, action: str) -> int:
        if self.totals is not None:
            return self.totals.get(action, 0)
        if action == "error":
            return sum(1 for row in self.rows if row.errors)
        return sum(1 for row in self.rows if row.action == action)

    @property
    def created(self) -> int:
        return self.count("create")

    @property
    def updated(self) -> int:
        return self.count("update")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")

    def summary(self) -> str:
        if not self.is_valid:
            return _("%(errors)d row(s) with errors; nothing was applied.") % {
                "errors": self.count("error") + len(self.file_errors)
            }
        verb = _("applied") if self.applied else _("would be applied")
        return _(
            "%(created)d to create, %(updated)d to update, %(unchanged)d unchanged (%(verb)s)."
        ) % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "verb": verb,
        }

    def to_dict(self, *, max_rows: int = 1000) -> dict[str, Any]:
        """A JSON-safe copy for a job record: the counts, every file error and at most
        `max_rows` rows (rows with errors first, so a refused import always shows why)."""
        errors = [row for row in self.rows if row.errors]
        others = [row for row in self.rows if not row.errors]
        kept = sorted((errors + others)[:max_rows], key=lambda row: row.row)
        return {
            "rows": [asdict(row) for row in kept],
            "rows_omitted": len(self.rows) - len(kept),
            "file_errors": list(self.file_errors),
            "dry_run": self.dry_run,
            "applied": self.applied,
            "totals": {
                action: self.count(action) for action in ("create", "update", "unchanged", "error")
            },
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ImportReport:
        return cls(
            rows=[RowResult(**row) for row in data.get("rows", [])],
            file_errors=list(data.get("file_errors", [])),
            dry_run=bool(data.get("dry_run", True)),
            applied=bool(data.get("applied", False)),
            totals=dict(data.get("totals", {})),
            rows_omitted=int(data.get("rows_omitted", 0)),
        )
