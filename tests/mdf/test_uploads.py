"""Proof uploads: recognised by content, at most 20 MB a file and 50 a claim, EXIF stripped,
thumbnails made, and a refused upload leaves nothing behind (no row, no file)."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from mdf.models import Proof
from mdf.services import claims
from mdf.services.proofs import proof_add, proof_remove
from partner_center.errors import Conflict, InvalidInput

from .conftest import approved, held, jpeg, upload

pytestmark = pytest.mark.django_db

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200  # an executable's first bytes


@pytest.fixture
def claim(mdf_setup):
    application = held(approved(mdf_setup["admin"], mdf_setup["operator"]))
    return claims.claim_start(application_id=application.pk, actor=mdf_setup["admin"])


def stored_files():
    root = Path(settings.MEDIA_ROOT)
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("invoice.pdf.jpg", ELF),  # a renamed executable
        ("photo.jpg", jpeg()[:200]),  # a corrupt (cut-off) image
        ("photo.gif", b"GIF89a" + b"\x00" * 50),  # not an accepted kind
        ("notes.pdf", b"hello, I am text"),
    ],
)
def test_files_that_are_not_images_or_pdfs_are_refused(mdf_setup, claim, name, content):
    with pytest.raises(InvalidInput, match="neither a readable image|Only JPEG and PNG"):
        proof_add(claim_id=claim.pk, actor=mdf_setup["admin"], kind="topic", upload=upload(name, content))
    assert Proof.objects.count() == 0 and stored_files() == []


def test_a_file_over_20_mb_is_refused(mdf_setup, claim):
    big = b"%PDF-1.7\n" + b"0" * (20 * 1024 * 1024)
    with pytest.raises(InvalidInput, match="at most 20 MB"):
        proof_add(claim_id=claim.pk, actor=mdf_setup["admin"], kind="invoice", upload=upload("big.pdf", big))
    assert Proof.objects.count() == 0 and stored_files() == []


def test_a_pdf_is_recognised_by_its_signature_whatever_its_name(mdf_setup, claim):
    proof = proof_add(
        claim_id=claim.pk,
        actor=mdf_setup["admin"],
        kind="invoice",
        upload=upload("scan.jpeg", b"%PDF-1.4\n%%EOF\n"),
    )
    assert proof.content_type == "application/pdf" and proof.file.name.endswith(".pdf")
    assert not proof.thumbnail


def test_exif_location_and_camera_are_stripped_and_a_thumbnail_is_made(
    mdf_setup, claim, django_capture_on_commit_callbacks
):
    original = jpeg(size=(800, 600))
    assert Image.open(io.BytesIO(original)).getexif().get(0x0110) == "SecretCam 9"
    with django_capture_on_commit_callbacks(execute=True):
        proof = proof_add(
            claim_id=claim.pk, actor=mdf_setup["admin"], kind="branding", upload=upload("p.jpg", original)
        )
    proof.refresh_from_db()
    with proof.file.open("rb") as handle:
        stored = handle.read()
    image = Image.open(io.BytesIO(stored))
    assert image.size == (800, 600)
    assert dict(image.getexif()) == {} and b"SecretCam" not in stored and b"CameraMaker" not in stored
    assert proof.thumbnail and max(Image.open(proof.thumbnail.open("rb")).size) <= 320


def test_a_png_keeps_no_text_chunks(mdf_setup, claim):
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Location", "31.2N 121.4E")
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, "PNG", pnginfo=info)
    proof = proof_add(
        claim_id=claim.pk, actor=mdf_setup["admin"], kind="speaker", upload=upload("s.png", out.getvalue())
    )
    with proof.file.open("rb") as handle:
        assert b"31.2N" not in handle.read()


def test_at_most_50_files_a_claim(mdf_setup, claim):
    small = jpeg(size=(8, 8), exif=False)
    for n in range(50):
        proof_add(
            claim_id=claim.pk, actor=mdf_setup["admin"], kind="attendance", upload=upload(f"{n}.jpg", small)
        )
    before = len(stored_files())
    with pytest.raises(Conflict, match="at most 50"):
        proof_add(
            claim_id=claim.pk, actor=mdf_setup["admin"], kind="attendance", upload=upload("51.jpg", small)
        )
    assert Proof.objects.count() == 50 and len(stored_files()) == before


def test_removing_a_proof_removes_its_files(mdf_setup, claim, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        proof = proof_add(claim_id=claim.pk, actor=mdf_setup["admin"], kind="topic", upload=upload())
    assert len(stored_files()) == 2  # the image and its thumbnail
    with django_capture_on_commit_callbacks(execute=True):
        proof_remove(proof_id=proof.pk, actor=mdf_setup["admin"])
    assert stored_files() == [] and Proof.objects.count() == 0
