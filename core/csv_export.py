"""One shape for every CSV file the site offers, as spreadsheets read it.

- **UTF-8 with a byte-order mark.** Excel on Windows reads a CSV without one in the system's code
  page, so "Asociación" shows as "AsociaciÃ³n"; with the mark it reads UTF-8. LibreOffice,
  Google Sheets, pandas (`encoding="utf-8-sig"`) and our own import all skip it.
- **One line ending**, CRLF, as RFC 4180 says, in every export.
- **One boolean spelling**, `true` / `false`, in every export (the partner import reads it back).
- **`Cache-Control: no-store`** on every export that holds personal data (e-mails, phones,
  hidden addresses), so no browser or proxy keeps a copy.

Every cell still goes through `core.csv_safety.safe_cell` (no formulas).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse

from core.csv_safety import safe_cell

BOM = "\ufeff"
LINE_END = "\r\n"
CONTENT_TYPE = "text/csv; charset=utf-8"


def csv_bool(value: object) -> str:
    return "true" if value else "false"


def csv_text(header: list[str], rows: Iterable[Iterable[Any]]) -> str:
    """The whole file (without the byte-order mark), every cell made safe."""
    return "".join(csv_lines(header, rows))


def csv_lines(header: list[str], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """The file a row at a time (header first), for streaming large exports."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=LINE_END)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
        return text

    writer.writerow(header)
    yield flush()
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
        yield flush()


def _headers(response: HttpResponse | StreamingHttpResponse, filename: str, personal: bool) -> None:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if personal:
        response["Cache-Control"] = "no-store"


def csv_response(text: str, *, filename: str, personal: bool) -> HttpResponse:
    response = HttpResponse(BOM + text, content_type=CONTENT_TYPE)
    _headers(response, filename, personal)
    return response


def csv_streaming_response(
    lines: Iterable[str], *, filename: str, personal: bool
) -> StreamingHttpResponse:
    def with_bom() -> Iterator[str]:
        yield BOM
        yield from lines

    response = StreamingHttpResponse(with_bom(), content_type=CONTENT_TYPE)
    _headers(response, filename, personal)
    return response
