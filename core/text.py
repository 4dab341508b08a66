"""Text helpers with no dependencies: shared by mail, its task and anything that writes headers."""

from __future__ import annotations

import re

_WHITESPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def single_line(text: str, *, max_length: int = 200) -> str:
    """`text` on one line: runs of whitespace and control characters become one space, and a
    text longer than `max_length` is cut with an ellipsis."""
    line = _WHITESPACE_OR_CONTROL.sub(" ", str(text)).strip()
    if len(line) > max_length:
        line = line[: max(max_length - 1, 0)].rstrip() + "…"
    return line
