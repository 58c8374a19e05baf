"""Proof uploads: checked by content, scanned, stored privately, thumbnailed by a worker.

A file is judged and re-encoded (mdf/uploads.py) and scanned before anything is written; it
is then stored and its row created under the claim's lock. If the row cannot be written the
stored file is deleted again, so a refused or broken upload leaves nothing behind.
"""

import hashlib
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from customers.capabilities import Capability, require_capability
from partner_center.errors import Conflict, InvalidInput

from ..models import Proof, ProofKind
from ..policies import MAX_FILE_BYTES, MAX_FILES_PER_CLAIM
from ..uploads import sniff, thumbnail
from ..virus_scan import scan
from .audit import PartnerUser
from .claims import locked_editable


def _read(upload: UploadedFile) -> bytes:
    if upload.size is not None and upload.size > MAX_FILE_BYTES:
        raise InvalidInput(_("A file may be at most 20 MB."), code="file_too_large")
    data = upload.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInput(_("A file may be at most 20 MB."), code="file_too_large")
    if not data:
        raise InvalidInput(_("The file is empty."), code="file_type")
    return data


def proof_add(
    *, claim_id: int, actor: PartnerUser, kind: str, upload: UploadedFile, cost_item_id: int | None = None
) -> Proof:
    """One proof file for a claim being written (draft or returned)."""
    require_capability(actor, Capability.CLAIM_MDF)
    if kind not in ProofKind.values:
        raise InvalidInput(_("Choose what the file proves."))
    if kind != ProofKind.COST:
        cost_item_id = None
    elif not cost_item_id:
        raise InvalidInput(_("Choose the cost item the photo shows."))
    name = (upload.name or "file")[-200:]
    clean = sniff(_read(upload))
    scan(clean.content, name)
    stored = ""
    try:
        with transaction.atomic():
            claim = locked_editable(claim_id)
            if cost_item_id and not claim.application.cost_items.filter(pk=cost_item_id).exists():
                raise InvalidInput(_("The cost item is not in the application."))
            if claim.proofs.count() >= MAX_FILES_PER_CLAIM:
                raise Conflict(_("A claim holds at most 50 files."), code="too_many_files")
            stored = default_storage.save(
                f"mdf/proofs/{claim.pk}/{uuid.uuid4().hex}{clean.extension}", ContentFile(clean.content)
            )
            proof = Proof.objects.create(
                claim=claim,
                kind=kind,
                cost_item_id=cost_item_id,
                file=stored,
                content_type=clean.content_type,
                size_bytes=len(clean.content),
                original_name=name,
                sha256=hashlib.sha256(clean.content).hexdigest(),
                uploaded_by=actor,
            )
            if proof.is_image:
                transaction.on_commit(lambda: _queue_thumbnail(proof.pk))
    except BaseException:
        if stored:
            default_storage.delete(stored)
        raise
    return proof


def _queue_thumbnail(proof_id: int) -> None:
    from ..tasks import make_thumbnail

    make_thumbnail.delay(proof_id)


def proof_remove(*, proof_id: int, actor: PartnerUser) -> None:
    """Removes a file from a claim being written; the stored copies go once that commits."""
    require_capability(actor, Capability.CLAIM_MDF)
    with transaction.atomic():
        claim_id = Proof.objects.values_list("claim_id", flat=True).get(pk=proof_id)
        locked_editable(claim_id)
        proof = Proof.objects.get(pk=proof_id)
        names = [name for name in (proof.file.name, proof.thumbnail.name) if name]
        proof.delete()
        transaction.on_commit(lambda: _delete_files(names))


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def proof_make_thumbnail(proof_id: int) -> bool:
    """The image's thumbnail, made once (a repeat or a concurrent run keeps the first)."""
    proof = Proof.objects.filter(pk=proof_id).first()
    if proof is None or not proof.is_image or proof.thumbnail:
        return False
    with default_storage.open(proof.file.name, "rb") as handle:
        small = thumbnail(handle.read())
    stored = default_storage.save(
        f"mdf/proofs/{proof.claim_id}/thumb-{uuid.uuid4().hex}.jpg", ContentFile(small)
    )
    with transaction.atomic():
        locked = Proof.objects.select_for_update().filter(pk=proof_id).first()
        if locked is None or locked.thumbnail:
            transaction.on_commit(lambda: default_storage.delete(stored))
            return False
        locked.thumbnail = stored
        locked.save(update_fields=["thumbnail"])
    return True
