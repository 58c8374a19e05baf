"""MDF fixtures: a quota and applications walked through the real services."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from PIL import Image

from mdf.models import Quota
from mdf.policies import REQUIRED_PROOF
from mdf.services import applications as apps
from mdf.services import claims
from mdf.services.proofs import proof_add


@pytest.fixture(autouse=True)
def _media(settings, tmp_path, monkeypatch):
    from mdf.tasks import make_thumbnail

    settings.MEDIA_ROOT = tmp_path / "media"
    translation.activate("en")  # a Chinese page test leaves its language active in the thread
    # the real task, run in this process when the upload commits (a worker is tested apart)
    monkeypatch.setattr("mdf.services.proofs._queue_thumbnail", lambda pk: make_thumbnail.apply(args=[pk]))


def held(application, days_ago=5):
    """Time passes: the approved activity took place `days_ago` days ago (claim due 90 days after)."""
    from mdf.models import Application

    ends_on = timezone.localdate() - timedelta(days=days_ago)
    starts_on = ends_on - (application.ends_on - application.starts_on)
    Application.objects.filter(pk=application.pk).update(
        starts_on=starts_on, ends_on=ends_on, claim_due_on=ends_on + timedelta(days=90)
    )
    application.refresh_from_db()
    return application


def quota_for(partner, amount="100000.00", year=None, span="year"):
    return Quota.objects.create(
        partner=partner, year=year or timezone.localdate().year + 1, span=span, amount=Decimal(amount)
    )


def draft(
    user,
    *,
    title="Cloud summit Shanghai",
    starts_on=None,
    days=2,
    items=(("venue", "30000.00"),),
    plan="A day of talks.",
    objectives="100 leads",
    location="Shanghai",
):
    starts_on = starts_on or date(timezone.localdate().year + 1, 3, 2)
    application = apps.application_save_plan(
        actor=user,
        title=title,
        activity_type="seminar",
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=days - 1),
        location=location,
        plan=plan,
        agreement_accepted=True,
    )
    apps.application_save_objectives(
        actor=user,
        application_id=application.pk,
        objectives=objectives,
        expected_attendance=200,
        expected_leads=100,
    )
    return apps.application_save_budget(
        actor=user, application_id=application.pk, items=[(kind, "", amount) for kind, amount in items]
    )


def submitted(user, **kwargs):
    application = draft(user, **kwargs)
    return apps.application_submit(application_id=application.pk, actor=user, confirm_duplicate=True).obj


def approved(user, operator, **kwargs):
    application = submitted(user, **kwargs)
    return apps.application_approve(application_id=application.pk, actor=operator).obj


def jpeg(size=(64, 48), exif=True, color="red") -> bytes:
    image = Image.new("RGB", size, color)
    out = io.BytesIO()
    if exif:
        data = Image.Exif()
        data[0x010F] = "CameraMaker"  # Make
        data[0x0110] = "SecretCam 9"  # Model
        data[0x8825] = {1: "N", 2: (31.0, 14.0, 0.0), 3: "E", 4: (121.0, 28.0, 0.0)}  # GPS
        image.save(out, "JPEG", exif=data)
    else:
        image.save(out, "JPEG")
    return out.getvalue()


def upload(name="photo.jpg", content=None, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content if content is not None else jpeg(), content_type=content_type)


def claim_ready(user, application):
    """A complete draft claim: facts, expenses equal to the budget, every required proof."""
    application = held(application)
    claim = claims.claim_start(application_id=application.pk, actor=user)
    items = list(application.cost_items.all())
    claims.claim_save(
        claim_id=claim.pk,
        actor=user,
        held_starts_on=application.starts_on,
        held_ends_on=application.ends_on,
        attendance=180,
        summary="It went well.",
        over_reason="",
        amounts={item.pk: item.amount for item in items},
    )
    for kind in REQUIRED_PROOF:
        proof_add(claim_id=claim.pk, actor=user, kind=kind, upload=upload(f"{kind}.jpg"))
    for item in items:
        proof_add(claim_id=claim.pk, actor=user, kind="cost", cost_item_id=item.pk, upload=upload("cost.jpg"))
    return claim


@pytest.fixture
def mdf_setup(partner_setup):
    from tests import factories

    operator = factories.UserFactory(username="mdf-operator", is_staff=True)
    quota = quota_for(partner_setup["distributor"])
    return {**partner_setup, "operator": operator, "quota": quota}
