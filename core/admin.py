"""Admin plumbing shared by the apps' ModelAdmins."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import post_office.admin as post_office_admin  # registers the library's admins, replaced below
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from post_office.models import STATUS, Attachment, Email, EmailTemplate, Log

from core.tasks import mail_deliver

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


# --- The e-mail outbox (django-post-office's models, core.outbox) ---------------------------
# Read-only: the rows are written by core.mail and updated by the worker. Staff can look at the
# queue, each message and its delivery log, and put failed messages back in the queue. The
# library's template and attachment admins are removed: this project renders its e-mails from
# files (templates/emails/) and sends no attachments.
for _model in (Email, Log, EmailTemplate, Attachment):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


@admin.register(Email)
class OutboxEmailAdmin(ReadOnlyAdminMixin, post_office_admin.EmailAdmin):
    list_display = [
        "id",
        "to_display",
        "shortened_subject",
        "status",
        "number_of_retries",
        "scheduled_time",
        "created",
        "last_updated",
    ]
    list_filter = ["status", "priority"]
    inlines = [post_office_admin.LogInline]
    actions = ["requeue_unsent"]

    def has_requeue_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("post_office.change_email")

    @admin.action(description=_("Send the selected unsent e-mails again"), permissions=["requeue"])
    def requeue_unsent(self, request: HttpRequest, queryset: QuerySet[Email]) -> None:
        count = queryset.exclude(status=STATUS.sent).update(
            status=STATUS.queued, scheduled_time=None, number_of_retries=0
        )
        transaction.on_commit(mail_deliver.delay, robust=True)
        self.message_user(
            request,
            ngettext(
                "%(count)d e-mail queued again; sent ones were left alone.",
                "%(count)d e-mails queued again; sent ones were left alone.",
                count,
            )
            % {"count": count},
        )


@admin.register(Log)
class OutboxLogAdmin(ReadOnlyAdminMixin, post_office_admin.LogAdmin):
    pass
