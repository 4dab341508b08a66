"""Accent- and case-blind search that works the same on SQLite and PostgreSQL.

`fold` is the Python side: "Asociación" and "ASOCIACION" both become "asociacion". `Folded` is
the database side of the same folding: on PostgreSQL a `translate()` of the accented Latin
letters then `lower()` (no `unaccent` extension to install), on SQLite a `coalition_fold`
function this module registers on every new connection. `search_words` splits what a visitor
typed into folded words; `text_matches` is true when one word is found in any of the fields:
PostgreSQL full-text search with prefix matching on PostgreSQL, a substring match elsewhere.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorExact
from django.db.models import F, Func, Q, TextField, Value
from django.db.models.functions import Coalesce, Lower
from django.db.models.lookups import Contains

MAX_WORDS = 8
_WORD = re.compile(r"[^\W_]+")
# Letters that have no decomposition but that people type without their stroke.
_EXTRA = {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ħ": "h", "Ħ": "H"}


def fold(text: str) -> str:
    """Lower case with no accents: "Asociación" -> "asociacion", "Łódź" -> "lodz"."""
    text = "".join(_EXTRA.get(ch, ch) for ch in str(text))
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _translate_table() -> tuple[str, str]:
    """Every accented Latin letter of Latin-1 and Latin Extended-A with its bare letter, one
    character for one, as PostgreSQL's translate() needs."""
    source, target = [], []
    for code in range(0xC0, 0x250):
        ch = chr(code)
        base = _EXTRA.get(ch) or fold(ch)
        if base != ch.lower() and len(base) == 1 and base.isascii() and base.isalpha():
            source.append(ch)
            target.append(base.upper() if ch.isupper() else base)
    return "".join(source), "".join(target)


TRANSLATE_FROM, TRANSLATE_TO = _translate_table()


class Folded(Func):
    """`fold()` of a text column, inside the database."""

    # SQLite (and any backend given the function registered below); PostgreSQL has its own.
    function = "COALITION_FOLD"
    output_field = TextField()

    def __init__(self, expression: Any) -> None:
        super().__init__(Coalesce(expression, Value("")))

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        (inner,) = self.get_source_expressions()
        translated = Func(
            inner,
            Value(TRANSLATE_FROM),
            Value(TRANSLATE_TO),
            function="translate",
            output_field=TextField(),
        )
        return Lower(translated).as_sql(compiler, connection)


def search_words(query: str) -> list[str]:
    """The folded words of what a visitor typed, at most MAX_WORDS of them."""
    return _WORD.findall(fold(query))[:MAX_WORDS]


def text_matches(connection: Any, fields: list[str], word: str) -> Q:
    """A filter true when `word` (already folded) is in one of `fields`.

    PostgreSQL: full-text search of the folded fields with the `simple` configuration (no
    stemming, so both languages are treated alike) and a prefix match ("asoc" finds
    "Asociación"). Elsewhere: a substring of any folded field.
    """
    if connection.vendor == "postgresql":
        vector = SearchVector(*(Folded(F(name)) for name in fields), config="simple")
        query = SearchQuery(f"{word}:*", config="simple", search_type="raw")
        return Q(SearchVectorExact(vector, query))
    match = Q()
    for name in fields:
        match |= Q(Contains(Folded(F(name)), word))
    return match


def register_sqlite_functions(sender: Any, connection: Any, **kwargs: Any) -> None:
    """connection_created handler: give SQLite the `coalition_fold` function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "COALITION_FOLD", 1, _fold_or_none, deterministic=True
        )


def _fold_or_none(value: Any) -> str | None:
    return None if value is None else fold(value)
