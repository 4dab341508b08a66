"""Reconcile a parsed UNTC status page with the treaty actions in the database.

Two steps, so that staff can review before anything changes:

* `treaty_import_preview` computes the diff (added / changed / unchanged / no longer listed) and
  stores it in a PREVIEWED `ImportRun`, together with a fingerprint of the treaty's actions;
* `treaty_import_apply` locks the treaty row, re-checks the fingerprint inside the lock (a preview
  made stale by another import, even one applied at the same moment, is refused) and applies the stored diff in one transaction, through the model so that
  django-simple-history records every change.

`treaty_import_from_source` chains both for the command, the staff upload and the Celery task.
Every failure records a FAILED `ImportRun` with its message and leaves treaty data untouched.

A dry run (`dry_run=True`) records the PREVIEWED `ImportRun` (it is the audit trail of what was
looked at, and staff can apply it later from the staff area) but writes no treaty or action data.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django_countries import countries
from simple_history.utils import bulk_create_with_history

from core.users import actor_or_none
from ratification import treaties as catalogue
from ratification.models import ImportRun, Treaty, TreatyAction
from ratification.selectors import DATA_SOURCE_CACHE_KEY
from ratification.services.catalogue import treaty_sync_from_catalogue
from ratification.signals import treaty_record_applied
from ratification.status import ActionRecord, derive_status
from ratification.untc import StatusPage, UntcParseError, parse_status_page
from ratification.untc import source as untc_source
from ratification.untc.diff import action_diff, fingerprint, iso, treaty_changes


class TreatyImportError(Exception):
    """An import failed; `run` is the FAILED (or refused) `ImportRun` that records why."""

    def __init__(self, message: str, *, run: ImportRun | None = None) -> None:
        super().__init__(message)
        self.run = run


class TreatySourceUnavailableError(TreatyImportError):
    """The page could not be fetched for a transient reason (network, timeout, 5xx)."""


class _StalePreviewError(TreatyImportError):
    """The treaty's actions changed between the preview and the apply."""


# --------------------------------------------------------------------------------------------
# helpers


def _resolve_treaty(
    reference: str, treaty: Treaty | None
) -> tuple[Treaty | None, catalogue.CatalogueTreaty | None]:
    """The DB treaty (if any) and catalogue entry (if any) for a page's UNTC reference."""
    entry = catalogue.BY_REFERENCE.get(reference)
    if treaty is not None:
        if treaty.untc_reference != reference:
            raise TreatyImportError(
                f"This page is the status of UNTC {reference}, not of {treaty.short_name} "
                f"({treaty.untc_reference or 'no UNTC reference'})."
            )
        return treaty, entry
    found = Treaty.objects.filter(untc_reference=reference).first()
    if found is None and entry is None:
        raise TreatyImportError(
            f"UNTC {reference} is not one of the treaties Coalition tracks "
            "(see ratification/treaties.py)."
        )
    return found, entry


def _treaty_from_catalogue(entry: catalogue.CatalogueTreaty) -> Treaty:
    """Create the catalogue's treaty row (an import into an empty database)."""
    return treaty_sync_from_catalogue(entry=entry)


def _record_failure(
    *, source: str, error: str, treaty: Treaty | None = None, user: Any = None, as_of=None
) -> ImportRun:
    return ImportRun.objects.create(
        treaty=treaty,
        source=source[:500],
        as_of=as_of,
        status=ImportRun.Status.FAILED,
        error=error,
        created_by=actor_or_none(user),
    )


# --------------------------------------------------------------------------------------------
# services


def treaty_import_preview(
    *, page: StatusPage, treaty: Treaty | None, source: str, user: Any = None
) -> ImportRun:
    """Compute the diff between `page` and the database; store it in a PREVIEWED ImportRun.

    `treaty` may be None: it is then found by the page's UNTC reference (and created from the
    catalogue when the run is applied, if the database does not have it yet).
    """
    try:
        treaty, entry = _resolve_treaty(page.reference, treaty)
    except TreatyImportError as exc:
        exc.run = _record_failure(
            source=source, error=str(exc), treaty=treaty, user=user, as_of=page.as_of
        )
        raise

    result = action_diff(page, treaty)
    diff = {
        "reference": page.reference,
        "slug": treaty.slug if treaty else (entry.slug if entry else ""),
        "as_of": iso(page.as_of),
        "fingerprint": fingerprint(treaty),
        "treaty": treaty_changes(treaty, page),
        "added": result.added,
        "changed": result.changed,
        "missing": result.missing,
        "unchanged": result.unchanged,
    }
    return ImportRun.objects.create(
        treaty=treaty,
        source=source[:500],
        as_of=page.as_of,
        status=ImportRun.Status.PREVIEWED,
        diff=diff,
        added_count=len(result.added),
        changed_count=len(result.changed),
        unchanged_count=result.unchanged,
        missing_count=len(result.missing),
        created_by=actor_or_none(user),
    )


def treaty_import_apply(*, run: ImportRun, user: Any = None) -> ImportRun:
    """Apply a previewed run in one transaction; refuse it if the data changed since the preview."""
    user = actor_or_none(user)
    try:
        with transaction.atomic():
            # Lock the run so that two staff pressing "Apply" at once cannot apply it twice.
            run = ImportRun.objects.select_for_update().get(pk=run.pk)
            if run.status != ImportRun.Status.PREVIEWED:
                raise TreatyImportError(
                    f"Import #{run.pk} is {run.get_status_display().lower()}: only a previewed "
                    "import can be applied."
                )
            _apply_diff(run=run, user=user)
    except _StalePreviewError as exc:
        _mark_failed(run, str(exc))
        exc.run = run
        raise
    except TreatyImportError as exc:
        exc.run = exc.run or run
        raise
    except Exception as exc:
        # Unexpected (e.g. a row failing validation): the transaction was rolled back; record
        # why on the run before letting the error propagate.
        _mark_failed(run, f"{type(exc).__name__}: {exc}")
        raise
    cache.delete(DATA_SOURCE_CACHE_KEY)
    return run


def _apply_diff(*, run: ImportRun, user: Any) -> None:
    diff = run.diff
    treaty = run.treaty
    if treaty is None:
        treaty = Treaty.objects.filter(untc_reference=diff["reference"]).first()
        if treaty is None:
            treaty = _treaty_from_catalogue(catalogue.BY_REFERENCE[diff["reference"]])
    # Lock the treaty row before reading its fingerprint: two different previews of one treaty
    # carry the same fingerprint, and without the lock both appliers could read it before either
    # commits, both pass the check and the later silently overwrite the earlier. With it the
    # second waits for the first to commit, then sees the changed data and is refused as stale.
    treaty = Treaty.objects.select_for_update().get(pk=treaty.pk)
    if fingerprint(treaty) != diff["fingerprint"]:
        raise _StalePreviewError(
            f"The {treaty.short_name} data changed after import #{run.pk} was previewed "
            "(another import was applied or an action was edited). Nothing was written: "
            "import the page again to see an up-to-date diff."
        )

    statuses_before = _statuses(treaty)
    as_of = datetime.date.fromisoformat(diff["as_of"]) if diff.get("as_of") else None
    source_url = run.source if untc_source.is_url(run.source) else treaty.source_url
    reason = f"UNTC import #{run.pk}"

    new_actions = []
    for row in diff["added"]:
        action = TreatyAction(
            treaty=treaty,
            country=row["country"],
            kind=row["kind"],
            article=row["article"],
            date=datetime.date.fromisoformat(row["date"]),
            text=row["text"],
            source_url=source_url,
            source_as_of=as_of,
        )
        _validate_action(action)
        new_actions.append(action)
    if new_actions:
        bulk_create_with_history(
            new_actions, TreatyAction, default_user=user, default_change_reason=reason
        )

    for row in diff["changed"]:
        action = TreatyAction.objects.get(pk=row["id"])
        action.date = datetime.date.fromisoformat(row["new_date"])
        action.text = row["new_text"]
        action.source_url = source_url
        action.source_as_of = as_of
        _validate_action(action)
        action._history_user = user  # type: ignore[attr-defined]
        action._change_reason = reason  # type: ignore[attr-defined]
        action.save(update_fields=["date", "text", "source_url", "source_as_of", "updated_at"])

    for row in diff["missing"]:
        # The state is no longer in the depositary's table (e.g. it withdrew a signature or the
        # entry was corrected): delete, keeping the old row in the history.
        action = TreatyAction.objects.get(pk=row["id"])
        action._history_user = user  # type: ignore[attr-defined]
        action._change_reason = reason  # type: ignore[attr-defined]
        action.delete()

    update_fields = []
    for change in diff["treaty"]:
        field = change["field"]
        value = change["new"]
        if field in {"adopted_on", "entry_into_force_on", "as_of"} and value is not None:
            value = datetime.date.fromisoformat(value)
        if field == "name":
            value = str(value)[: Treaty._meta.get_field("name").max_length]
        setattr(treaty, field, value)
        update_fields.append(field)
    if update_fields:
        treaty.full_clean()
        treaty.save(update_fields=update_fields)

    something_changed = bool(diff["added"] or diff["changed"] or diff["missing"])
    run.treaty = treaty
    run.status = ImportRun.Status.APPLIED if something_changed else ImportRun.Status.NO_CHANGE
    run.applied_at = timezone.now()
    run.created_by = run.created_by or user
    run.save(update_fields=["treaty", "status", "applied_at", "created_by"])
    if something_changed:
        treaty_record_applied.send(
            sender=Treaty,
            treaty=treaty,
            run=run,
            changes=_status_changes(statuses_before, _statuses(treaty), diff),
        )


def _statuses(treaty: Treaty) -> dict[str, str]:
    """Every country's status under `treaty` today, from one query."""
    rows = TreatyAction.objects.filter(treaty=treaty).values_list(
        "country", "kind", "date", "article"
    )
    actions = [ActionRecord(str(c), k, d, a) for c, k, d, a in rows]
    return {code: s.status for code, s in derive_status(actions).items()}


def _status_changes(
    before: dict[str, str], after: dict[str, str], diff: dict[str, Any]
) -> list[dict[str, Any]]:
    """The `treaty_record_applied` "status" entries: countries whose status the apply changed."""
    latest: dict[str, str] = {}
    for row in diff["added"]:
        latest[row["country"]] = max(latest.get(row["country"], ""), row["date"])
    for row in diff["changed"]:
        latest[row["country"]] = max(latest.get(row["country"], ""), row["new_date"])
    changes = []
    for code in sorted(set(before) | set(after)):
        old, new = before.get(code, "none"), after.get(code, "none")
        if old != new:
            changes.append(
                {
                    "type": "status",
                    "country": code,
                    "before": old,
                    "after": new,
                    "date": latest.get(code) or None,
                }
            )
    return changes


def _validate_action(action: TreatyAction) -> None:
    """`full_clean()` minus the two slow parts, which are checked more cheaply here.

    Uniqueness is guaranteed by the fingerprint check (and the DB constraint); checking it row by
    row would cost a query per action. django-countries validates a code by translating all 250
    country names, ~20 ms a row; a lookup does the same job.
    """
    if not countries.alpha2(str(action.country)):
        raise TreatyImportError(f"{action.country!s} is not an ISO 3166-1 country code.")
    action.full_clean(
        exclude=["country", "treaty"], validate_unique=False, validate_constraints=False
    )


def _mark_failed(run: ImportRun, message: str) -> None:
    ImportRun.objects.filter(pk=run.pk, status=ImportRun.Status.PREVIEWED).update(
        status=ImportRun.Status.FAILED, error=message
    )
    run.refresh_from_db()


def treaty_import_from_source(
    *,
    source: str,
    treaty_slug: str | None = None,
    dry_run: bool = False,
    user: Any = None,
    content: bytes | None = None,
) -> ImportRun:
    """Read, parse, preview and (unless `dry_run`) apply a UNTC status page.

    `source` is a file path or an http(s) URL; pass `content` when the bytes are already at hand
    (an upload), and `source` is then only the label recorded on the run. Raises
    `TreatyImportError` (with `.run`, the FAILED run) on any failure; treaty data is untouched.
    """
    treaty: Treaty | None = None
    expected_reference = ""
    try:
        if treaty_slug:
            treaty = Treaty.objects.filter(slug=treaty_slug).first()
            if treaty is not None:
                expected_reference = treaty.untc_reference
            elif treaty_slug in catalogue.BY_SLUG:
                expected_reference = catalogue.BY_SLUG[treaty_slug].untc_reference
            else:
                raise TreatyImportError(f"Unknown treaty {treaty_slug!r}.")
        raw = content if content is not None else untc_source.read_source(source)
        page = parse_status_page(raw)
        if expected_reference and page.reference != expected_reference:
            raise TreatyImportError(
                f"This page is the status of UNTC {page.reference}, but the treaty "
                f"{treaty_slug!r} is UNTC {expected_reference}."
            )
    except untc_source.SourceUnavailableError as exc:
        run = _record_failure(source=source, error=str(exc), treaty=treaty, user=user)
        raise TreatySourceUnavailableError(str(exc), run=run) from exc
    except (TreatyImportError, untc_source.SourceError, UntcParseError) as exc:
        run = _record_failure(source=source, error=str(exc), treaty=treaty, user=user)
        raise TreatyImportError(str(exc), run=run) from exc

    run = treaty_import_preview(page=page, treaty=treaty, source=source, user=user)
    if dry_run:
        return run
    return treaty_import_apply(run=run, user=user)
