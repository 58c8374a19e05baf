"""What the application and claim review pages share: the decision buttons (each a POST to
`<id>/decide/` calling the transition service) and the audit trail inline.

Only users with mdf.review_mdf (the Operators group) are offered the buttons; anyone else
posting gets a 403. Done is a success, a repeat is info, a refusal is a warning with the
service's reason. Nothing here decides what a state allows: the services refuse the rest.
"""

from collections.abc import Callable, Mapping

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from incentives.admin.base import ReadOnlyAdmin, ReadOnlyInline
from partner_center.errors import DomainError

from ..models import MdfEvent

Decision = Callable[..., object]
StrOrPromise = str | Promise
Decisions = Mapping[str, tuple[StrOrPromise, Decision, bool]]


EVENT_FIELDS = ("at", "actor_label", "what", "old_status", "new_status", "reason")


class EventInline(ReadOnlyInline):
    model = MdfEvent
    fk_name = "application"
    fields = EVENT_FIELDS
    readonly_fields = EVENT_FIELDS
    ordering = ["-at", "-id"]
    verbose_name_plural = _("Timeline (newest first)")

    @admin.display(description=_("action"))
    def what(self, obj: MdfEvent) -> str:
        return obj.action_label


class ReviewAdmin(ReadOnlyAdmin):
    """A read-only admin whose change page carries the decision buttons of `decisions`."""

    change_form_template = "admin/mdf/review_change_form.html"
    # action -> (button label, service, whether the service takes a reason)
    decisions: Decisions = {}
    id_argument = "application_id"  # the service's keyword for the object's id

    def may_review(self, request: HttpRequest) -> bool:
        return request.user.has_perm("mdf.review_mdf")

    def offered(self, obj) -> list[str]:
        """The decisions this object's state allows (from the policies)."""
        return []

    def get_urls(self) -> list[URLPattern]:
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<path:object_id>/decide/",
                self.admin_site.admin_view(self.decide_view),
                name=f"{name}_decide",
            ),
            *super().get_urls(),
        ]

    def decide_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.may_review(request):
            raise PermissionDenied
        obj = self.get_object(request, object_id)
        action = request.POST.get("action", "")
        back = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[object_id])
        if obj is None or action not in self.decisions:
            messages.error(request, _("Unknown decision."))
            return HttpResponseRedirect(back)
        label, service, takes_reason = self.decisions[action]
        kwargs = {"reason": request.POST.get("reason", "")} if takes_reason else {}
        try:
            done = service(**{self.id_argument: obj.pk}, actor=request.user, **kwargs)
        except DomainError as error:
            messages.warning(request, f"{obj}: {error.message}")
        else:
            if getattr(done, "changed", False):
                messages.success(
                    request, _("%(object)s: %(decision)s done.") % {"object": obj, "decision": label}
                )
            else:
                messages.info(request, _("%(object)s: nothing to do, already done.") % {"object": obj})
        return HttpResponseRedirect(back)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and self.may_review(request):
            context["decisions"] = [(action, self.decisions[action]) for action in self.offered(obj)]
            context["decide_url"] = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_decide", args=[obj.pk]
            )
        context.update(self.review_context(obj) if obj is not None else {})
        return super().render_change_form(
            request, context, add=add, change=change, form_url=form_url, obj=obj
        )

    def review_context(self, obj) -> dict:
        return {}
