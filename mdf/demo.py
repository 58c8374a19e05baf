"""MDF demo data for `seed_demo` (called from incentives/demo/seed.py): Demo Distributor's
quotas and applications in every status, one claim under review with proof and one paid.

Built through the services, so every figure and event is what the portal itself would write.
An activity that lies in the past is first applied for with future dates, then moved back
(as if time had passed): the services refuse to apply for an activity already held.
Idempotent: nothing is added when the partner already has MDF applications.
"""

import io
from datetime import date, timedelta

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from customers.models import Partner

from .models import Application, Quota, QuotaSpan
from .policies import REQUIRED_PROOF
from .services import applications as apps
from .services import claims
from .services.proofs import proof_add, proof_make_thumbnail

COLORS = ["#c7372f", "#2f6fc7", "#2f9e5b", "#c79a2f", "#7a2fc7", "#2fb3c7", "#555555"]


def _photo(label: str, color: str) -> SimpleUploadedFile:
    image = Image.new("RGB", (640, 420), color)
    ImageDraw.Draw(image).text((24, 24), label, fill="white")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return SimpleUploadedFile(f"{label}.jpg", out.getvalue(), content_type="image/jpeg")


def _application(
    user: User, title: str, starts_on: date, items: list[tuple[str, str]], days: int = 1
) -> Application:
    application = apps.application_save_plan(
        actor=user,
        title=title,
        activity_type="seminar",
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=days - 1),
        location="Hangzhou",
        plan=title + ": talks, demos, a partner lunch.",
        agreement_accepted=True,
    )
    apps.application_save_objectives(
        actor=user,
        application_id=application.pk,
        objectives="Meet 150 customers; 40 qualified leads.",
        expected_attendance=150,
        expected_leads=40,
    )
    return apps.application_save_budget(
        actor=user, application_id=application.pk, items=[(kind, "", amount) for kind, amount in items]
    )


def _held(application: Application, ended_days_ago: int) -> Application:
    ends_on = timezone.localdate() - timedelta(days=ended_days_ago)
    length = application.ends_on - application.starts_on
    Application.objects.filter(pk=application.pk).update(
        starts_on=ends_on - length, ends_on=ends_on, claim_due_on=ends_on + timedelta(days=90)
    )
    application.refresh_from_db()
    return application


def _claim(user: User, application: Application) -> int:
    claim = claims.claim_start(application_id=application.pk, actor=user)
    items = list(application.cost_items.all())
    claims.claim_save(
        claim_id=claim.pk,
        actor=user,
        held_starts_on=application.starts_on,
        held_ends_on=application.ends_on,
        attendance=162,
        summary="162 guests, 45 leads; the keynote and two demos ran as planned.",
        over_reason="",
        amounts={item.pk: item.amount for item in items},
    )
    for n, kind in enumerate(REQUIRED_PROOF):
        proof_add(claim_id=claim.pk, actor=user, kind=kind, upload=_photo(kind, COLORS[n % len(COLORS)]))
    for item in items:
        proof_add(
            claim_id=claim.pk,
            actor=user,
            kind="cost",
            cost_item_id=item.pk,
            upload=_photo(item.kind, "#444444"),
        )
    for proof in claim.proofs.all():
        proof_make_thumbnail(proof.pk)
    claims.claim_submit(claim_id=claim.pk, actor=user)
    return claim.pk


def seed_mdf(partner: Partner, user: User, operator: User) -> int:
    """The demo's MDF data; returns how many applications it created (0 on a second run)."""
    if Application.objects.filter(partner=partner).exists():
        return 0
    today = timezone.localdate()
    for year in (today.year, today.year + 1):
        Quota.objects.get_or_create(
            partner=partner, year=year, span=QuotaSpan.YEAR, defaults={"amount": 300000}
        )
    ahead = today + timedelta(days=40)
    venue = [("venue", "30000.00"), ("catering", "8000.00"), ("material", "4500.00")]

    _application(user, "Cloud Partner Summit draft", ahead, venue)
    review = _application(user, "Hangzhou AI roadshow", ahead + timedelta(days=7), [("venue", "20000.00")])
    apps.application_submit(application_id=review.pk, actor=user)
    returned = _application(
        user, "Ningbo customer training", ahead + timedelta(days=14), [("speaker", "6000.00")]
    )
    apps.application_submit(application_id=returned.pk, actor=user)
    apps.application_return(
        application_id=returned.pk, actor=operator, reason="Please add the agenda to the plan."
    )
    upcoming = _application(user, "Suzhou industry forum", ahead + timedelta(days=21), venue, days=2)
    apps.application_submit(application_id=upcoming.pk, actor=user)
    apps.application_approve(application_id=upcoming.pk, actor=operator)

    for title, ago, pay in (("Shanghai cloud day", 20, False), ("Nanjing partner workshop", 60, True)):
        application = _application(user, title, ahead + timedelta(days=28), venue)
        apps.application_submit(application_id=application.pk, actor=user, confirm_duplicate=True)
        apps.application_approve(application_id=application.pk, actor=operator)
        claim_id = _claim(user, _held(application, ago))
        if pay:
            claims.claim_approve(claim_id=claim_id, actor=operator)
            claims.claim_pay(claim_id=claim_id, actor=operator)
    return Application.objects.filter(partner=partner).count()
