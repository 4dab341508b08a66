"""The signal the ratification pipeline sends when a public stage event becomes public, so that
alerts and feeds (another part of campaigns) react without the pipeline importing them.

`stage_event_published` is sent **inside the transaction** that records a public stage event, or
that makes one public (staff approving a member's proposal, or changing an event's visibility from
internal to public). Receivers write in the same transaction: an alert is queued in the outbox and
commits with the event, or neither does. It is never sent for an internal event.

Keyword arguments: ``event``, an object with

* ``pk``;
* ``treaty``: the `ratification.Treaty`;
* ``country_code``: ISO alpha-2, upper case;
* ``stage``: the stage code, and ``stage_label``: its translated words (lazy);
* ``date``: the `datetime.date` of the event;
* ``note``: public text (may be empty);
* ``source_url``: a link to the source (may be empty).
"""

from __future__ import annotations

from django.dispatch import Signal

stage_event_published = Signal()
