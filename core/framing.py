"""Pages made to be embedded in other sites.

Every other page refuses to be framed twice over: X-Frame-Options DENY and the
Content-Security-Policy's `frame-ancestors 'none'` (coalition/settings.py). An embeddable page
(the map embed, the country card, the campaign widget) drops the first and lets any site be
its ancestor in the second; browsers that know frame-ancestors ignore X-Frame-Options anyway.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from csp.decorators import csp_replace
from django.views.decorators.clickjacking import xframe_options_exempt

_View = TypeVar("_View", bound=Callable[..., Any])

ANY_ANCESTOR = {"frame-ancestors": ["*"]}


def embeddable(view: _View) -> _View:
    """Let any site frame this view's pages."""
    return cast(_View, xframe_options_exempt(csp_replace(ANY_ANCESTOR)(view)))
