"""Uploaded files on an S3-compatible bucket (moto's server on loopback): payment-request
invoices and MDF proof with its thumbnail are stored as private objects, served only through
the authorised views (streamed: they are small, and thumbnails are <img>s under img-src 'self'),
never overwrite each other, and a removed proof's objects are deleted."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from incentives.operators import ensure_operators_group
from invoices.models import PaymentInvoice, PaymentRequest
from invoices.services.payments import payment_accept
from mdf.models import Proof
from mdf.services.proofs import proof_remove
from tests import factories
from tests.mdf.conftest import approved, claim_ready
from tests.payments.conftest import ids
from tests.payments.test_invoices import PDF

pytestmark = pytest.mark.django_db


def test_two_invoices_named_alike_are_two_objects_served_to_operators_only(client, payable, payee, bucket):
    client.force_login(payable["finance"])
    chosen = ids(payable, "2026-09-REF")
    client.post(reverse("invoices:payable"), {"incentive_ids": chosen, "option": "bank_transfer"})
    request = PaymentRequest.objects.get()
    payment_accept(request_id=request.pk, actor=None)
    for number, content in (("044031900111", PDF), ("044031900112", PDF + b"%second\n")):
        upload = SimpleUploadedFile("invoice.pdf", content, content_type="application/pdf")
        data = {"number": number, "issued_on": "2026-10-09", "amount": "80.00", "tax_amount": "4.53"}
        client.post(reverse("invoices:invoice_upload", args=[request.pk]), {**data, "file": upload})
    first, second = PaymentInvoice.objects.order_by("pk")
    assert first.file.name != second.file.name  # the same upload name never replaces the other's file
    assert bucket.keys(f"private/payment-invoices/{request.pk}/") == sorted(
        [first.file.name, second.file.name]
    )
    assert bucket.body(second.file.name) == PDF + b"%second\n"

    url = reverse("admin:invoices_paymentrequest_invoice_file", args=[request.pk, second.pk])
    assert client.get(url).status_code == 302  # a partner user is sent to the admin's sign-in
    operator = factories.UserFactory(username="s3-operator", is_staff=True)
    operator.groups.add(ensure_operators_group())
    client.force_login(operator)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF + b"%second\n"


def test_mdf_proof_and_its_thumbnail_live_in_the_bucket_behind_the_partner_views(
    client, mdf_setup, bucket, monkeypatch, django_capture_on_commit_callbacks
):
    from mdf.tasks import make_thumbnail

    # the real thumbnail task, run here when the upload commits (a worker runs it in production)
    monkeypatch.setattr("mdf.services.proofs._queue_thumbnail", lambda pk: make_thumbnail.apply(args=[pk]))
    with django_capture_on_commit_callbacks(execute=True):
        claim = claim_ready(mdf_setup["admin"], approved(mdf_setup["admin"], mdf_setup["operator"]))
    proof = Proof.objects.filter(claim=claim).order_by("pk").first()
    assert proof.thumbnail, "the thumbnail task read the proof from the bucket and stored its thumbnail"
    keys = bucket.keys(f"mdf/proofs/{claim.pk}/")
    assert proof.file.name in keys and proof.thumbnail.name in keys
    assert len(keys) == 2 * Proof.objects.filter(claim=claim).count()

    client.force_login(mdf_setup["viewer"])  # the partner's own viewer may look
    for view, content_type, stored in (
        ("mdf:proof_file", "image/jpeg", proof.file.name),
        ("mdf:proof_thumbnail", "image/jpeg", proof.thumbnail.name),
    ):
        response = client.get(reverse(view, args=[proof.pk]))
        assert response.status_code == 200 and response["Content-Type"] == content_type
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == bucket.body(stored)
    client.force_login(mdf_setup["rival_admin"])
    assert client.get(reverse("mdf:proof_file", args=[proof.pk])).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):  # files go once the removal commits
        proof_remove(proof_id=proof.pk, actor=mdf_setup["admin"])
    left = bucket.keys(f"mdf/proofs/{claim.pk}/")
    assert proof.file.name not in left and proof.thumbnail.name not in left
