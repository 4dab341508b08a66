"""Staff writes of single treaty actions (the API's create/update/delete).

Every write runs `full_clean()` first, so the model's rules (known country code, kind, unique
state/kind/article) hold whether an action comes from the API, the admin or an import. History
is recorded by django-simple-history; `by` names the user in it even for token-authenticated API
calls, which the history middleware cannot see.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from core.fields import reject_unknown_fields
from core.users import AnyUser, history_user_set
from ratification.models import Treaty, TreatyAction

# The fields of a treaty action that its serializer, admin and services share, in display order.
TREATY_ACTION_FIELDS = (
    "treaty",
    "country",
    "kind",
    "date",
    "article",
    "text",
    "source_url",
    "source_as_of",
)


@transaction.atomic
def treaty_action_create(
    *,
    treaty: Treaty,
    country: str,
    kind: str,
    date: datetime.date,
    article: str = "",
    text: str = "",
    source_url: str = "",
    source_as_of: datetime.date | None = None,
    by: AnyUser = None,
) -> TreatyAction:
    action = TreatyAction(
        treaty=treaty,
        country=country.upper(),
        kind=kind,
        date=date,
        article=article,
        text=text,
        source_url=source_url,
        source_as_of=source_as_of,
    )
    action.full_clean()
    history_user_set(action, by)
    action.save()
    return action


@transaction.atomic
def treaty_action_update(
    *, action: TreatyAction, data: dict[str, Any], by: AnyUser = None
) -> TreatyAction:
    """Change the given fields (any of TREATY_ACTION_FIELDS) and save just those."""
    reject_unknown_fields(data, TREATY_ACTION_FIELDS, what="treaty action")
    changed = [name for name in TREATY_ACTION_FIELDS if name in data]
    for name in changed:
        value = data[name]
        setattr(
            action, name, value.upper() if name == "country" and isinstance(value, str) else value
        )
    action.full_clean()
    history_user_set(action, by)
    if changed:
        action.save(update_fields=[*changed, "updated_at"])
    return action


@transaction.atomic
def treaty_action_delete(*, action: TreatyAction, by: AnyUser = None) -> None:
    history_user_set(action, by)
    action.delete()
