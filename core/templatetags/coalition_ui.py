"""Layout helpers shared by every page: one date format per language, and the language links.

Dates are wrapped in `<time class="date">` so the stylesheet keeps them on one line
(`white-space: nowrap`) and machines read the ISO value.
"""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import formats, timezone, translation
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.filter(is_safe=True)
def date_long(value: Any) -> SafeString | str:
    """A date in the language's DATE_FORMAT ("3 February 2026", "3 de febrero de 2026")."""
    if not isinstance(value, datetime.date):
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        day = value.date()
    else:
        day = value
    return format_html(
        '<time class="date" datetime="{}">{}</time>',
        day.isoformat(),
        formats.date_format(day, "DATE_FORMAT"),
    )


@register.filter(is_safe=True)
def datetime_long(value: Any, zone: str = "") -> SafeString | str:
    """A moment, in the site's time zone or in `zone` (an IANA name, e.g. an activity's own
    zone, shown beside it): the language's date format, then the 24-hour time.

    Date and time are built apart (not DATETIME_FORMAT) so each stays on one line while a
    narrow column may still break between them.
    """
    if not isinstance(value, datetime.datetime):
        return date_long(value)
    if timezone.is_aware(value):
        try:
            target = zoneinfo.ZoneInfo(zone) if zone else None
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            target = None
        local = timezone.localtime(value, target)
    else:
        local = value
    return format_html(
        '<time datetime="{}"><span class="date">{}</span>, <span class="date">{}</span></time>',
        local.isoformat(timespec="seconds"),  # HTML allows at most 3 digits of a second
        formats.date_format(local, "DATE_FORMAT"),
        formats.time_format(local, "H:i"),  # 24-hour in both languages, as DATETIME_FORMAT
    )


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[dict[str, Any]]:
    """Every language with the address of this same page in it (query string kept).

    Plain links, no form: switching needs neither a button nor JavaScript, and the URL prefix
    decides the language (i18n_patterns), so nothing has to be stored first.
    """
    request = context.get("request")
    path = request.get_full_path() if request is not None else "/"
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(path, code)
        if url == path and code != current:
            url = f"/{code}/"  # a page that does not resolve (404): that language's home
        info = translation.get_language_info(code)
        links.append(
            {"code": code, "name": info["name_local"], "url": url, "current": code == current}
        )
    return links
