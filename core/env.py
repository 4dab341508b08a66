"""Typed readers for settings that come from the environment.

Every setting has an embedded default so that a fresh clone runs with no configuration; a value
that is present but malformed fails loudly at start-up instead of being silently ignored.
"""

from __future__ import annotations

import os
import re

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false/1/0), got {raw!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {value}")
    return value


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a number, got {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


_POLICY_ITEM = re.compile(r"^([a-z0-9-]+)=\((.*)\)$")


def env_permissions_policy(name: str, default: str) -> dict[str, list[str]]:
    """A Permissions-Policy written as the header is, `camera=(), fullscreen=(self "https://x")`,
    as the dict django-permissions-policy takes ({"camera": [], "fullscreen": ["self", "https://x"]}).
    The middleware refuses a feature name it does not know."""
    raw = os.environ.get(name, default)
    policy: dict[str, list[str]] = {}
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        match = _POLICY_ITEM.match(item)
        if match is None:
            raise ImproperlyConfigured(
                f'{name} must be written like "camera=(), fullscreen=(self)", got {item!r}'
            )
        allowed = []
        for token in match.group(2).split():
            if token in ("self", "*"):
                allowed.append(token)
            elif len(token) > 2 and token[0] == token[-1] == '"':
                allowed.append(token[1:-1])
            else:
                raise ImproperlyConfigured(
                    f'{name}: {token!r} in {item!r} must be self, * or a "quoted" origin'
                )
        policy[match.group(1)] = allowed
    return policy
