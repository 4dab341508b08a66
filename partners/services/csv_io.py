"""CSV export and import of partners, for staff.

Columns (UTF-8, comma-separated, header row required; only `name` and `country` are required on
import, and a column left out of the file leaves that field untouched):

| column | meaning |
| --- | --- |
| name | organisation name |
| slug | matching key: an existing slug updates that partner, otherwise a new one is created (blank → made from the name) |
| kind | ngo, union, faith, legal, network, academic, other |
| description, website, email, phone | as on the profile (email and phone are the public contacts) |
| description_language | en or es: the language `description` is written in (blank keeps the current value, English for a new partner) |
| description_translation | optional: the description in the other language |
| country | ISO 3166-1 alpha-2 code, e.g. MX |
| city, state_province, address_1, postal_code | address (HSDS names) |
| show_address, show_email, show_phone, is_published | true/false (also yes/no, 1/0); blank keeps the current value (or the default for a new partner) |
| latitude, longitude | coordinates set by hand (pins the location; geocoding then never overwrites it); blank leaves the location to the geocoder |
| social_links | up to 10 http(s) URLs separated by spaces |
| focus_areas | focus area slugs separated by `;` |
| languages | ISO 639-1 codes separated by `;` |

Export adds read-only columns (`location_source`, `geocode_status`, `last_verified_at`,
`updated_at`) that an import ignores. Exported `latitude`/`longitude` are filled only for
locations set by hand, so a round trip never pins a geocoded point.

An import validates every row (the model's `full_clean` plus vocabulary checks) before writing
anything, and applies all rows in one transaction or none.
"""

from __future__ import annotations

import copy
import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from coalition.csv_safety import safe_cell, unsafe_cell
from coalition.users import AnyUser
from partners.models import FocusArea, Language, Partner
from partners.services.profiles import partner_create, partner_update

TEXT_COLUMNS = [
    "name",
    "slug",
    "kind",
    "description",
    "description_language",
    "description_translation",
    "website",
    "email",
    "phone",
    "country",
    "city",
    "state_province",
    "address_1",
    "postal_code",
]
BOOL_COLUMNS = ["show_address", "show_email", "show_phone", "is_published"]
COORDINATE_COLUMNS = ["latitude", "longitude"]
LIST_COLUMNS = ["focus_areas", "languages"]
# Stored as a JSON list; in the file, URLs separated by whitespace (a URL never contains one).
LINKS_COLUMN = "social_links"
COLUMNS = [*TEXT_COLUMNS, LINKS_COLUMN, *BOOL_COLUMNS, *COORDINATE_COLUMNS, *LIST_COLUMNS]
READ_ONLY_COLUMNS = ["location_source", "geocode_status", "last_verified_at", "updated_at"]
EXPORT_COLUMNS = [*COLUMNS, *READ_ONLY_COLUMNS]
REQUIRED_COLUMNS = {"name", "country"}

_TRUE = {"true", "yes", "y", "1", "t"}
_FALSE = {"false", "no", "n", "0", "f"}


# --- Export -----------------------------------------------------------------------------------


def _export_row(partner: Partner) -> list[str]:
    manual = partner.has_manual_location
    values: dict[str, Any] = {name: getattr(partner, name) for name in TEXT_COLUMNS}
    values["country"] = str(partner.country.code or "")
    values[LINKS_COLUMN] = " ".join(partner.social_link_list)
    for name in BOOL_COLUMNS:
        values[name] = "true" if getattr(partner, name) else "false"
    values["latitude"] = partner.latitude if manual and partner.latitude is not None else ""
    values["longitude"] = partner.longitude if manual and partner.longitude is not None else ""
    values["focus_areas"] = ";".join(sorted(f.slug for f in partner.focus_areas.all()))
    values["languages"] = ";".join(sorted(lang.code for lang in partner.languages.all()))
    values["location_source"] = partner.location_source
    values["geocode_status"] = partner.geocode_status
    values["last_verified_at"] = (
        partner.last_verified_at.isoformat() if partner.last_verified_at else ""
    )
    values["updated_at"] = partner.updated_at.isoformat() if partner.updated_at else ""
    return [safe_cell(values[name]) for name in EXPORT_COLUMNS]


def partners_export_csv(queryset: QuerySet[Partner] | None = None) -> Iterator[str]:
    """Yield the CSV text line by line (header first), so large exports can be streamed."""
    if queryset is None:
        queryset = Partner.objects.all()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
        return text

    writer.writerow(EXPORT_COLUMNS)
    yield flush()
    rows = queryset.prefetch_related("focus_areas", "languages").order_by("name", "pk")
    for partner in rows.iterator(chunk_size=500):
        writer.writerow(_export_row(partner))
        yield flush()


# --- Import -----------------------------------------------------------------------------------


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

    @property
    def is_valid(self) -> bool:
        return not self.file_errors and not any(row.errors for row in self.rows)

    @property
    def error_rows(self) -> list[RowResult]:
        return [row for row in self.rows if row.errors]

    def count(self, action: str) -> int:
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
                "errors": len(self.error_rows) + len(self.file_errors)
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


@dataclass
class _ParsedRow:
    result: RowResult
    fields: dict[str, Any]
    existing: Partner | None


def _read_text(file: IO[Any] | str | bytes) -> str:
    raw = file if isinstance(file, str | bytes) else file.read()
    if isinstance(raw, bytes):
        # utf-8-sig: spreadsheets often prepend a byte-order mark.
        return raw.decode("utf-8-sig")
    return raw.removeprefix("\ufeff")


def _parse_bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ValueError(_("Use true or false."))


def _parse_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _parse_row(
    number: int,
    raw: dict[str, str],
    header: list[str],
    *,
    existing_by_slug: dict[str, Partner],
    focus_slugs: set[str],
    language_codes: set[str],
    seen_slugs: dict[str, int],
) -> _ParsedRow:
    errors: dict[str, list[str]] = {}
    fields: dict[str, Any] = {}

    def error(name: str, message: str) -> None:
        errors.setdefault(name, []).append(str(message))

    cells = {name: unsafe_cell((raw.get(name) or "").strip()) for name in header if name in COLUMNS}
    for name, value in list(cells.items()):
        # PostgreSQL cannot store NUL; a spreadsheet never means one.
        if "\x00" in value or "\x00" in name:
            error(name, _("Contains a NUL character (\\x00)."))
            cells[name] = value.replace("\x00", "")
    slug = cells.get("slug", "")
    existing = existing_by_slug.get(slug) if slug else None
    result = RowResult(row=number, slug=slug, name=cells.get("name", ""), action="create")

    if slug:
        if slug in seen_slugs:
            error("slug", _("Also used on row %(row)d.") % {"row": seen_slugs[slug]})
        seen_slugs[slug] = number

    for name in TEXT_COLUMNS:
        if name in cells and name != "slug":
            value = cells[name]
            if name == "description_language":
                if not value:
                    continue  # blank keeps the current language (the default for a new row)
                value = value.lower()
            fields[name] = value.upper() if name == "country" else value
    if LINKS_COLUMN in cells:
        fields[LINKS_COLUMN] = cells[LINKS_COLUMN].split()
    for name in BOOL_COLUMNS:
        if cells.get(name):
            try:
                fields[name] = _parse_bool(cells[name])
            except ValueError as exc:
                error(name, str(exc))
    coordinates = {name: cells.get(name, "") for name in COORDINATE_COLUMNS}
    if any(coordinates.values()):
        if not all(coordinates.values()):
            error("latitude", _("Give both latitude and longitude, or neither."))
        for name, value in coordinates.items():
            if not value:
                continue
            try:
                fields[name] = Decimal(value)
            except InvalidOperation:
                error(name, _("Not a number."))
    if "focus_areas" in cells:
        wanted = _parse_list(cells["focus_areas"])
        unknown = sorted(set(wanted) - focus_slugs)
        if unknown:
            error("focus_areas", _("Unknown focus area(s): %(v)s") % {"v": ", ".join(unknown)})
        fields["focus_areas"] = wanted
    if "languages" in cells:
        wanted = _parse_list(cells["languages"])
        unknown = sorted(set(wanted) - language_codes)
        if unknown:
            error("languages", _("Unknown language code(s): %(v)s") % {"v": ", ".join(unknown)})
        fields["languages"] = wanted

    # The model's own validation, on a copy so nothing in memory or the database changes.
    scalar = {k: v for k, v in fields.items() if k not in LIST_COLUMNS and k not in errors}
    candidate = copy.copy(existing) if existing is not None else Partner(slug=slug or "x")
    for name, value in scalar.items():
        setattr(candidate, name, value)
    try:
        candidate.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            for message in messages:
                error(name, message)

    if errors:
        result.action = "error"
    elif existing is not None:
        result.action = "update" if _would_change(existing, fields) else "unchanged"
    result.errors = errors
    return _ParsedRow(result=result, fields=fields, existing=existing)


def _would_change(partner: Partner, fields: dict[str, Any]) -> bool:
    for name, value in fields.items():
        if name == "focus_areas":
            current: Any = sorted(f.slug for f in partner.focus_areas.all())
            if current != sorted(value):
                return True
        elif name == "languages":
            current = sorted(lang.code for lang in partner.languages.all())
            if current != sorted(value):
                return True
        elif getattr(partner, name) != value:
            return True
    return False


def partners_import_csv(
    *, file: IO[Any] | str | bytes, user: AnyUser = None, dry_run: bool = True
) -> ImportReport:
    """Validate every row of a partner CSV and, unless `dry_run`, apply all of them or none."""
    report = ImportReport(dry_run=dry_run)
    try:
        text = _read_text(file)
    except UnicodeDecodeError:
        report.file_errors.append(_("The file is not UTF-8 text."))
        return report
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip() for name in (reader.fieldnames or [])]
    reader.fieldnames = header
    if not header:
        report.file_errors.append(_("The file is empty."))
        return report
    missing = sorted(REQUIRED_COLUMNS - set(header))
    if missing:
        report.file_errors.append(_("Missing column(s): %(c)s") % {"c": ", ".join(missing)})
    unknown = sorted(set(header) - set(EXPORT_COLUMNS))
    if unknown:
        report.file_errors.append(_("Unknown column(s): %(c)s") % {"c": ", ".join(unknown)})
    if report.file_errors:
        return report

    raw_rows = list(reader)
    slugs = {(row.get("slug") or "").strip() for row in raw_rows} - {""}
    existing_by_slug = {
        p.slug: p
        for p in Partner.objects.filter(slug__in=slugs).prefetch_related("focus_areas", "languages")
    }
    focus_slugs = set(FocusArea.objects.values_list("slug", flat=True))
    language_codes = set(Language.objects.values_list("code", flat=True))
    seen: dict[str, int] = {}
    parsed = [
        _parse_row(
            number,
            raw,
            header,
            existing_by_slug=existing_by_slug,
            focus_slugs=focus_slugs,
            language_codes=language_codes,
            seen_slugs=seen,
        )
        # Line numbers as a spreadsheet shows them: the header is line 1.
        for number, raw in enumerate(raw_rows, start=2)
    ]
    report.rows = [row.result for row in parsed]
    if not report.rows:
        report.file_errors.append(_("The file has a header but no rows."))
    if dry_run or not report.is_valid:
        return report

    try:
        _apply(parsed, user=user)
    except ValidationError as exc:
        # Something changed between validation and writing (e.g. a concurrent edit): the
        # transaction rolled back, so report it rather than half-apply.
        report.file_errors.append(" ".join(exc.messages))
        return report
    report.applied = True
    return report


@transaction.atomic
def _apply(parsed: Iterable[_ParsedRow], *, user: AnyUser) -> None:
    for row in parsed:
        if row.result.action == "unchanged":
            continue
        fields = dict(row.fields)
        if row.existing is not None:
            partner_update(partner=row.existing, user=user, **fields)
        else:
            partner_create(
                name=fields.pop("name"),
                country=fields.pop("country"),
                slug=row.result.slug,
                user=user,
                focus_areas=fields.pop("focus_areas", None),
                languages=fields.pop("languages", None),
                **fields,
            )
