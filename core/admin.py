"""Admin plumbing shared by the apps' ModelAdmins."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseRedirect

if TYPE_CHECKING:
    _AdminBase = admin.ModelAdmin[Any]
else:
    _AdminBase = object


class ServiceAdminMixin(_AdminBase):
    """For ModelAdmins whose save/delete hooks call services.

    A service refusing a write (the last admin of a partner, a commitment rule) raises
    `ValidationError` after the admin form has validated. The admin views run in a transaction,
    so letting it escape rolls everything back; here it becomes an error message on the same
    page instead of a 500.
    """

    def _refusal_as_message(self, request: HttpRequest, view: Any) -> Any:
        try:
            return view()
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def changeform_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return self._refusal_as_message(
            request,
            lambda: super(ServiceAdminMixin, self).changeform_view(request, *args, **kwargs),
        )

    def delete_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return self._refusal_as_message(
            request,
            lambda: super(ServiceAdminMixin, self).delete_view(request, *args, **kwargs),
        )

    def changelist_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        # Admin actions (including bulk delete) run from the change list.
        return self._refusal_as_message(
            request,
            lambda: super(ServiceAdminMixin, self).changelist_view(request, *args, **kwargs),
        )


class ReadOnlyAdminMixin(_AdminBase):
    """Rows that are only shown in the admin: reference data, records of sent links and
    decisions, inlines for context. Their writes happen through services elsewhere (imports,
    admin actions, member pages)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
