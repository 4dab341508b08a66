"""The write half of the staff CSV import: every validated row applied in bulk, in one
transaction (all or nothing).

Writing row by row through `partner_create`/`partner_update` cost a dozen queries per row (about
13 minutes for 50,000 rows). Here a whole import costs a fixed number of statements per batch:
`bulk_create`/`bulk_update` for partners, their focus areas and languages, and their history
(django-simple-history rows, m2m sets included, as a per-row save would write them). The rules
stay those of the profile service (`partner_apply_changes`: pinned coordinates, re-geocoding on
a move), and geocoding is queued after commit in a few batch tasks rather than one per row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from django.db import connection, transaction
from django.db.models import Field
from django.utils import timezone

from core.users import AnyUser, actor_or_none
from partners import geocoding_tasks
from partners.models import FocusArea, Partner
from partners.services.csv_report import RowResult
from partners.services.profiles import partner_apply_changes, partner_slug_not_in

BATCH = 500
M2M = ("focus_areas", "languages")


@dataclass
class ParsedRow:
    """One checked row of the file, as `csv_io` parses it and `partners_import_apply` writes it:
    its result in the report, the fields it sets and the partner it updates (None: a new one)."""

    result: RowResult
    fields: dict[str, Any]
    existing: Partner | None


def _new_partner(row: ParsedRow, taken: set[str]) -> Partner:
    fields = {k: v for k, v in row.fields.items() if k not in M2M}
    slug = row.result.slug or partner_slug_not_in(fields["name"], taken=taken)
    taken.add(slug)
    partner = Partner(slug=slug, **fields)
    if partner.latitude is not None and partner.longitude is not None:
        partner.location_source = Partner.LocationSource.MANUAL
        partner.geocode_status = Partner.GeocodeStatus.MANUAL
    else:
        partner.geocode_status = Partner.GeocodeStatus.PENDING
    return partner


def _wanted_m2m(
    rows: Iterable[tuple[Partner, dict[str, Any]]], focus_ids: dict[str, int]
) -> dict[str, dict[int, set[Any]]]:
    """{m2m name: {partner pk: wanted related pks}} for the rows that carry that column."""
    wanted: dict[str, dict[int, set[Any]]] = {name: {} for name in M2M}
    for partner, fields in rows:
        if "focus_areas" in fields:
            wanted["focus_areas"][partner.pk] = {focus_ids[s] for s in fields["focus_areas"]}
        if "languages" in fields:
            wanted["languages"][partner.pk] = set(fields["languages"])
    return wanted


# {m2m name: {partner pk: {related pk: through-row id}}}: history rows copy the through row id.
Links = dict[str, dict[int, dict[Any, int]]]


def _current_m2m(pks: list[int]) -> Links:
    current: Links = {name: {pk: {} for pk in pks} for name in M2M}
    for start in range(0, len(pks), BATCH):
        chunk = pks[start : start + BATCH]
        for row_id, pk, fid in Partner.focus_areas.through.objects.filter(
            partner_id__in=chunk
        ).values_list("id", "partner_id", "focusarea_id"):
            current["focus_areas"][pk][fid] = row_id
        for row_id, pk, code in Partner.languages.through.objects.filter(
            partner_id__in=chunk
        ).values_list("id", "partner_id", "language_id"):
            current["languages"][pk][code] = row_id
    return current


def _create_m2m(sets: dict[str, dict[int, set[Any]]], *, replace: bool) -> Links:
    """Write the wanted m2m sets (`replace` first removes the partners' current rows) and
    return the new through rows."""
    focus_through = Partner.focus_areas.through
    language_through = Partner.languages.through
    if replace:
        for model, name in ((focus_through, "focus_areas"), (language_through, "languages")):
            pks = list(sets[name])
            for start in range(0, len(pks), BATCH):
                model.objects.filter(partner_id__in=pks[start : start + BATCH]).delete()
    created: Links = {name: {pk: {} for pk in sets[name]} for name in M2M}
    for focus_row in focus_through.objects.bulk_create(
        [
            focus_through(partner_id=pk, focusarea_id=fid)
            for pk, ids in sets["focus_areas"].items()
            for fid in ids
        ],
        batch_size=BATCH,
    ):
        created["focus_areas"][focus_row.partner_id][focus_row.focusarea_id] = focus_row.pk
    for language_row in language_through.objects.bulk_create(
        [
            language_through(partner_id=pk, language_id=code)
            for pk, codes in sets["languages"].items()
            for code in codes
        ],
        batch_size=BATCH,
    ):
        created["languages"][language_row.partner_id][language_row.language_id] = language_row.pk
    return created


def _write_history(partners: Sequence[Partner], *, user: AnyUser, update: bool, m2m: Links) -> None:
    """History rows as `partner.save()` would write them, m2m sets included."""
    if not partners:
        return
    history_model = Partner.history.model
    records = Partner.history.bulk_history_create(
        partners, batch_size=BATCH, update=update, default_user=actor_or_none(user)
    )
    if not records:  # history switched off (SIMPLE_HISTORY_ENABLED = False)
        return
    focus_model = history_model.focus_areas.model
    language_model = history_model.languages.model
    focus_rows, language_rows = [], []
    for record in records:
        pk = record.id
        for fid, row_id in m2m["focus_areas"].get(pk, {}).items():
            focus_rows.append(
                focus_model(id=row_id, history=record, partner_id=pk, focusarea_id=fid)
            )
        for code, row_id in m2m["languages"].get(pk, {}).items():
            language_rows.append(
                language_model(id=row_id, history=record, partner_id=pk, language_id=code)
            )
    focus_model.objects.bulk_create(focus_rows, batch_size=BATCH)
    language_model.objects.bulk_create(language_rows, batch_size=BATCH)


def _update_rows(partners: Sequence[Partner], names: list[str]) -> None:
    """One parametrised UPDATE run for every row (`executemany`). Django's `bulk_update` builds
    a CASE expression per field over the whole batch, which cost seconds per thousand rows."""
    fields = [cast("Field[Any, Any]", Partner._meta.get_field(name)) for name in names]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    sql = f"UPDATE {quote(Partner._meta.db_table)} SET {assignments} WHERE {quote('id')} = %s"  # noqa: S608 - quoted names only
    params = [
        [field.get_db_prep_save(getattr(partner, field.attname), connection) for field in fields]
        + [partner.pk]
        for partner in partners
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(params), BATCH):
            cursor.executemany(sql, params[start : start + BATCH])


def _enqueue_geocoding(pks: list[int]) -> None:
    if not pks:
        return

    # A few batch tasks instead of one per partner, so a 50,000-row import does not make 50,000
    # broker round trips inside the request.
    def enqueue(chunk: list[int]) -> None:
        transaction.on_commit(lambda: geocoding_tasks.partners_geocode_batch.delay(chunk))

    for start in range(0, len(pks), BATCH):
        enqueue(pks[start : start + BATCH])


@transaction.atomic
def partners_import_apply(*, rows: Sequence[ParsedRow], user: AnyUser = None) -> None:
    """Write validated import rows (creates and updates) in bulk; all or nothing."""
    now = timezone.now()
    focus_ids = dict(FocusArea.objects.values_list("slug", "pk"))
    creates = [row for row in rows if row.existing is None and row.result.action == "create"]
    updates = [row for row in rows if row.existing is not None and row.result.action == "update"]

    # --- New partners
    taken = set(Partner.objects.values_list("slug", flat=True)) if creates else set()
    new = [_new_partner(row, taken) for row in creates]
    Partner.objects.bulk_create(new, batch_size=BATCH)
    new_m2m = _wanted_m2m(zip(new, (row.fields for row in creates), strict=True), focus_ids)
    _write_history(new, user=user, update=False, m2m=_create_m2m(new_m2m, replace=False))
    geocode = [p.pk for p in new if p.geocode_status == Partner.GeocodeStatus.PENDING]

    # --- Existing partners
    changed: list[Partner] = []
    update_fields: set[str] = set()
    pairs = []
    for row in updates:
        partner = row.existing
        assert partner is not None
        scalar = {k: v for k, v in row.fields.items() if k not in M2M}
        fields, moved = partner_apply_changes(partner=partner, fields=scalar)
        update_fields |= fields
        partner.updated_at = now  # bulk_update does not apply auto_now
        changed.append(partner)
        pairs.append((partner, row.fields))
        if moved:
            geocode.append(partner.pk)
    if changed:
        _update_rows(changed, sorted(update_fields | {"updated_at"}))
        wanted = _wanted_m2m(pairs, focus_ids)
        current = _current_m2m([p.pk for p in changed])
        replace = {
            name: {pk: ids for pk, ids in wanted[name].items() if ids != set(current[name][pk])}
            for name in M2M
        }
        created = _create_m2m(replace, replace=True)
        final = {name: {**current[name], **created[name]} for name in M2M}
        _write_history(changed, user=user, update=True, m2m=final)
    _enqueue_geocoding(geocode)
