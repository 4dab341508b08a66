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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django_countries import countries

from core.csv_export import csv_bool, csv_lines
from core.csv_safety import unsafe_cell
from core.users import AnyUser
from partners.models import FocusArea, Language, Partner
from partners.services.csv_apply import ParsedRow, partners_import_apply
from partners.services.csv_report import ImportReport, RowResult

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


def _export_row(partner: Partner) -> list[Any]:
    manual = partner.has_manual_location
    values: dict[str, Any] = {name: getattr(partner, name) for name in TEXT_COLUMNS}
    values["country"] = str(partner.country.code or "")
    values[LINKS_COLUMN] = " ".join(partner.social_link_list)
    for name in BOOL_COLUMNS:
        values[name] = csv_bool(getattr(partner, name))
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
    return [values[name] for name in EXPORT_COLUMNS]


def partners_export_csv(queryset: QuerySet[Partner] | None = None) -> Iterator[str]:
    """Yield the CSV text line by line (header first), so large exports can be streamed.

    The shape every export shares (CRLF, `true`/`false`, safe cells) is `core.csv_export`'s;
    the HTTP download adds the byte-order mark."""
    if queryset is None:
        queryset = Partner.objects.all()
    rows = queryset.prefetch_related("focus_areas", "languages").order_by("name", "pk")
    yield from csv_lines(EXPORT_COLUMNS, (_export_row(p) for p in rows.iterator(chunk_size=500)))


# --- Import -----------------------------------------------------------------------------------


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


_FIELD_NAMES = frozenset(field.name for field in Partner._meta.concrete_fields)


@dataclass
class _ParseContext:
    existing_by_slug: dict[str, Partner]
    focus_slugs: set[str]
    language_codes: set[str]
    country_codes: set[str]


def _parse_row(
    number: int,
    raw: dict[str, str],
    header: list[str],
    *,
    context: _ParseContext,
    seen_slugs: dict[str, int],
) -> ParsedRow:
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
    existing = context.existing_by_slug.get(slug) if slug else None
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
        unknown = sorted(set(wanted) - context.focus_slugs)
        if unknown:
            error("focus_areas", _("Unknown focus area(s): %(v)s") % {"v": ", ".join(unknown)})
        fields["focus_areas"] = wanted
    if "languages" in cells:
        wanted = _parse_list(cells["languages"])
        unknown = sorted(set(wanted) - context.language_codes)
        if unknown:
            error("languages", _("Unknown language code(s): %(v)s") % {"v": ", ".join(unknown)})
        fields["languages"] = wanted

    # The model's own validation, on a copy so nothing in memory or the database changes.
    scalar = {k: v for k, v in fields.items() if k not in LIST_COLUMNS and k not in errors}
    candidate = copy.copy(existing) if existing is not None else Partner(slug=slug or "x")
    for name, value in scalar.items():
        setattr(candidate, name, value)
    # The country is checked against a set: CountryField's own validation walks and translates
    # ~250 choices per call, which made a 50,000-row preview take minutes.
    if existing is None and not scalar.get("country"):
        error("country", _("This field cannot be blank."))
    elif "country" in scalar and scalar["country"] not in context.country_codes:
        error(
            "country",
            _("“%(code)s” is not an ISO 3166-1 country code.") % {"code": scalar["country"][:10]},
        )
    # Only the columns the file sets are validated (the others keep their current or default
    # values); this halves the cost of a row. The slug and name are always checked.
    unchecked = _FIELD_NAMES - set(scalar) - {"slug", "name", "country"} | {"country"}
    try:
        candidate.full_clean(exclude=unchecked, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            for message in messages:
                error(name, message)

    if errors:
        result.action = "error"
    elif existing is not None:
        result.action = "update" if _would_change(existing, fields) else "unchanged"
    result.errors = errors
    return ParsedRow(result=result, fields=fields, existing=existing)


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


# How often (in rows) a long import reports its progress.
PROGRESS_EVERY = 250
ProgressCallback = Callable[[int, int], None]


def _read_records(
    reader: csv.DictReader[str], report: ImportReport
) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number, record) pairs; a record the csv module cannot read (a cell over its
    128 KiB field limit, a stray quote) becomes an error on its row instead of a 500."""
    # Row numbers as a spreadsheet shows them: the header is row 1.
    number = 1
    while True:
        number += 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            report.rows.append(
                RowResult(
                    row=number,
                    slug="",
                    name="",
                    action="error",
                    errors={
                        _("file"): [
                            _("Row %(row)d cannot be read (%(error)s); check its cells.")
                            % {"row": number, "error": exc}
                        ]
                    },
                )
            )
            # The reader has lost its place in the file: what follows is not trustworthy.
            report.file_errors.append(
                _("Reading stopped at row %(row)d; later rows were not checked.") % {"row": number}
            )
            return
        yield number, record


def partners_import_csv(
    *,
    file: IO[Any] | str | bytes,
    user: AnyUser = None,
    dry_run: bool = True,
    progress: ProgressCallback | None = None,
) -> ImportReport:
    """Validate every row of a partner CSV and, unless `dry_run`, apply all of them or none.

    `progress(rows_checked, rows_total)` is called every few hundred rows (for the job page).
    """
    report = ImportReport(dry_run=dry_run)
    try:
        text = _read_text(file)
    except UnicodeDecodeError:
        report.file_errors.append(_("The file is not UTF-8 text."))
        return report
    reader = csv.DictReader(io.StringIO(text))
    try:
        header = [name.strip() for name in (reader.fieldnames or [])]
    except csv.Error as exc:
        report.file_errors.append(_("The header row cannot be read (%(e)s).") % {"e": exc})
        return report
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

    records = list(_read_records(reader, report))
    total = len(records)
    slugs = {(row.get("slug") or "").strip() for _n, row in records} - {""}
    existing_by_slug: dict[str, Partner] = {}
    for chunk in _chunks(sorted(slugs), 500):  # SQLite allows only so many parameters
        for partner in Partner.objects.filter(slug__in=chunk).prefetch_related(
            "focus_areas", "languages"
        ):
            existing_by_slug[partner.slug] = partner
    context = _ParseContext(
        existing_by_slug=existing_by_slug,
        focus_slugs=set(FocusArea.objects.values_list("slug", flat=True)),
        language_codes=set(Language.objects.values_list("code", flat=True)),
        country_codes={code.upper() for code, _name in countries},
    )
    seen: dict[str, int] = {}
    parsed: list[ParsedRow] = []
    for done, (number, raw) in enumerate(records, start=1):
        parsed.append(_parse_row(number, raw, header, context=context, seen_slugs=seen))
        if progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
            progress(done, total)
    # A csv.Error row was recorded while reading; keep the report in file order.
    report.rows = sorted([*report.rows, *(row.result for row in parsed)], key=lambda r: r.row)
    if not report.rows:
        report.file_errors.append(_("The file has a header but no rows."))
    if dry_run or not report.is_valid:
        return report

    try:
        partners_import_apply(rows=parsed, user=user)
    except (ValidationError, IntegrityError) as exc:
        # Something changed between validation and writing (e.g. a concurrent edit took a
        # slug): the transaction rolled back, so report it rather than half-apply.
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        report.file_errors.append(
            _("Nothing was applied: %(error)s") % {"error": " ".join(messages)}
        )
        return report
    report.applied = True
    return report


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
