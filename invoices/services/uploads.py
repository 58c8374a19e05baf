"""Uploaded documents (invoices, bank confirmation letters): recognised by their content.

`filetype` reads the file's first bytes (magic numbers); the name's extension is ignored and
the stored name gets the extension of what the content is. At most 10 MB.
"""

from pathlib import PurePath

import filetype
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from partner_center.errors import InvalidInput

MAX_BYTES = 10 * 1024 * 1024
DOCUMENT_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


def document_checked(upload: UploadedFile | None, *, what: str) -> UploadedFile:
    """The upload, renamed to its real type; InvalidInput when missing, too big or not a PDF/image."""
    if upload is None:
        raise InvalidInput(_("Choose the %(what)s to upload.") % {"what": what})
    if upload.size is None or upload.size > MAX_BYTES:
        raise InvalidInput(_("The %(what)s is larger than 10 MB.") % {"what": what})
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    extension = DOCUMENT_TYPES.get(kind.mime) if kind else None
    if extension is None:
        raise InvalidInput(
            _("The %(what)s must be a PDF, JPEG or PNG file; this file's content is not.") % {"what": what}
        )
    stem = get_valid_filename(PurePath(upload.name or "document").stem)[:80] or "document"
    upload.name = f"{stem}.{extension}"
    return upload
