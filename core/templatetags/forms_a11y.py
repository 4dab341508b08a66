"""Template helpers that let every form announce its errors the same way.

`{% form_errors_present as has_errors %}` (base.html) is true when the page carries a submitted
form that failed validation, whatever the view named it (`form`, `org_form`, `update_form` …),
so the page title can start with "Error:" - the first thing a screen reader says on load.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.forms import BaseForm, BaseFormSet

register = template.Library()


def _has_errors(value: Any) -> bool:
    if isinstance(value, BaseForm):
        return value.is_bound and bool(value.errors)
    if isinstance(value, BaseFormSet):
        return value.is_bound and not value.is_valid()
    return False


@register.simple_tag(takes_context=True)
def form_errors_present(context: template.Context) -> bool:
    return any(_has_errors(value) for value in context.flatten().values())


@register.filter
def error_target(field: Any) -> str:
    """The id an error-summary link points at: the input, or the first choice of a group
    (radio buttons and checkbox lists have no element with the field's own id)."""
    if getattr(field, "use_fieldset", False):
        return f"{field.auto_id}_0"
    return str(field.id_for_label or field.auto_id)
