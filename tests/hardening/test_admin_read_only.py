"""No staff user, superusers included, can edit a field that a service owns, in any admin.

The walk takes every ModelAdmin registered on the project's admin site (so a new module's admin
is walked the day it is registered), opens its add page, one object's change page and its
list, and fails if a service-owned field (partner_center/service_owned.py) is a form field
there or in an inline.
"""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

from incentives.models import DetailLine, FeedbackMessage, FeedbackStatus
from partner_center.admin_read_only import ServiceOwnedReadOnly
from partner_center.service_owned import ALL, declared, service_owned_fields

pytestmark = pytest.mark.django_db
# every app of this repository (a new app is walked without being listed here)
PROJECT_APPS = {
    config.label
    for config in apps.get_app_configs()
    if Path(config.path).is_relative_to(settings.BASE_DIR) and ".venv" not in Path(config.path).parts
}
STAFF = ["superuser", "operator", "vendor_finance"]


def _admin_url(model, view, *args):
    try:
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)
    except NoReverseMatch:
        return None


def _editable(response) -> dict[type, set[str]]:
    """Form fields by model on an admin page: the main form's, each inline's, list_editable's."""
    context = response.context
    found: dict[type, set[str]] = {}
    if context.get("adminform") is not None:
        form = context["adminform"].form
        found.setdefault(form._meta.model, set()).update(form.fields)
    for inline in context.get("inline_admin_formsets") or []:
        formset = inline.formset
        for form in [*formset.forms, formset.empty_form]:
            # the parent's key (InlineForeignKeyField) is fixed to the parent, not editable
            fields = set(form.fields) - {formset.fk.name}
            found.setdefault(formset.model, set()).update(fields)
    changelist = context.get("cl")
    if changelist is not None and changelist.formset is not None:
        for form in changelist.formset.forms:
            found.setdefault(changelist.model, set()).update(form.fields)
    return found


def _walk(client, user) -> tuple[list[str], int]:
    client.force_login(user)
    request = RequestFactory().get("/admin/")
    request.user = user
    offences, pages = [], 0
    for model, model_admin in admin.site._registry.items():
        obj = model_admin.get_queryset(request).order_by("pk").first()
        urls = [_admin_url(model, "add"), _admin_url(model, "changelist")]
        if obj is not None:
            urls.append(_admin_url(model, "change", obj.pk))
        for url in filter(None, urls):
            response = client.get(url)
            if response.status_code in (302, 403):  # not this user's page: nothing to edit
                continue
            assert response.status_code == 200, (url, response.status_code)
            pages += 1
            for shown_model, fields in _editable(response).items():
                owned = fields & service_owned_fields(shown_model)
                if owned:
                    offences.append(f"{url}: {shown_model._meta.label} {sorted(owned)} editable")
    return offences, pages


@pytest.mark.parametrize("who", STAFF)
def test_no_service_owned_field_is_editable_in_any_admin(client, everything, who):
    offences, pages = _walk(client, everything[who])

    assert offences == []
    assert pages >= {"superuser": 40, "operator": 25, "vendor_finance": 3}[who]  # it opened them


def test_the_walk_has_an_object_for_every_admin_of_the_project(everything):
    request = RequestFactory().get("/admin/")
    request.user = everything["superuser"]
    empty = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in PROJECT_APPS and not model_admin.get_queryset(request).exists()
    ]
    assert empty == [], "add an object of these models to tests/hardening/conftest.py"


def test_every_model_of_the_project_declares_its_service_owned_fields():
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        names = declared(model)
        assert names is not None, f"{model._meta.label} declares no SERVICE_OWNED_FIELDS"
        if names != ALL:
            fields = {field.name for field in model._meta.get_fields()}
            assert set(names) <= fields, f"{model._meta.label}: no such field {set(names) - fields}"


def test_every_project_admin_and_inline_shows_service_owned_fields_read_only():
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        assert isinstance(model_admin, ServiceOwnedReadOnly), type(model_admin).__name__
        for inline in model_admin.inlines:
            assert issubclass(inline, ServiceOwnedReadOnly), inline.__name__


def test_a_post_to_the_line_admin_cannot_rewrite_the_reply_the_partner_sees(client, everything):
    line = DetailLine.objects.filter(feedback_status=FeedbackStatus.ANSWERED).order_by("pk").first()
    before = (line.feedback_reply, line.feedback_at, line.feedback_status)
    messages = FeedbackMessage.objects.filter(line=line).count()
    url = reverse("admin:incentives_detailline_change", args=[line.pk])
    for who in ("operator", "superuser"):
        client.force_login(everything[who])

        response = client.post(url, {"feedback_reply": "Z" * 40_000 + "\x07", "feedback_at": ""})

        assert response.status_code == 403
        line.refresh_from_db()
        assert (line.feedback_reply, line.feedback_at, line.feedback_status) == before
        assert FeedbackMessage.objects.filter(line=line).count() == messages
