"""Signals the ratification app sends, so that the apps above it can react to a change in the UN
record without ratification importing them (the layers contract forbids that).

`treaty_record_applied` is sent by `treaty_import_apply` **inside its transaction**, after the
diff is written and only when something changed. A receiver's writes therefore commit or roll back
with the import itself: the campaign pipeline moves a country to "deposited" in the same apply,
and alerts are queued in the same transaction (their e-mails go out from the outbox, so a dead
broker or SMTP server loses none). A receiver that raises rolls the whole import back.

Keyword arguments:

* ``treaty``: the `Treaty` (locked for update);
* ``run``: the `ImportRun` being applied;
* ``changes``: a list of dicts, one per change a reader would want to know about, in country
  order. Every dict has ``"type"`` and ``"country"`` (ISO alpha-2). ``"type": "status"`` adds
  ``"before"`` and ``"after"`` (`TreatyStatus` codes) and ``"date"`` (the ISO date of the latest
  action the import wrote for that country, or None). Other types (reservations, for instance)
  may be added by the importer; receivers ignore types they do not know.
"""

from __future__ import annotations

from django.dispatch import Signal

treaty_record_applied = Signal()
