"""What an uploaded proof file is, judged by its content, never by its name.

Images (JPEG, PNG) are opened and fully decoded by Pillow, then re-encoded: the stored copy
carries no EXIF (no location, no camera) and its orientation is applied to the pixels. PDFs
are recognised by their `%PDF-` signature and kept as uploaded. HEIC is not accepted: no
library here decodes it (pillow-heif would add it; see README "MDF").
"""

import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from partner_center.errors import InvalidInput

IMAGE_FORMATS = {"JPEG": ("image/jpeg", ".jpg"), "PNG": ("image/png", ".png")}
MAX_PIXELS = 50_000_000  # a decompression bomb is refused, not decoded
THUMBNAIL_SIZE = (320, 320)


@dataclass(frozen=True)
class CleanFile:
    content: bytes
    content_type: str
    extension: str


def sniff(data: bytes) -> CleanFile:
    """The file to store: a re-encoded image without metadata, or the PDF; InvalidInput otherwise."""
    if data.startswith(b"%PDF-"):
        return CleanFile(data, "application/pdf", ".pdf")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            if kind not in IMAGE_FORMATS:
                raise InvalidInput(
                    _("Only JPEG and PNG images and PDF files are accepted."), code="file_type"
                )
            if probe.width * probe.height > MAX_PIXELS:
                raise InvalidInput(_("The image has too many pixels."), code="file_type")
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            return _reencoded(image, kind)
    except InvalidInput:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise InvalidInput(
            _("The file is neither a readable image (JPEG, PNG) nor a PDF."), code="file_type"
        ) from None


def _reencoded(image: Image.Image, kind: str) -> CleanFile:
    upright = ImageOps.exif_transpose(image)
    out = io.BytesIO()
    if kind == "JPEG":
        upright.convert("RGB").save(out, "JPEG", quality=90, optimize=True)
    else:
        upright.save(out, "PNG", optimize=True)  # no exif=, no pnginfo=: nothing but pixels is kept
    content_type, extension = IMAGE_FORMATS[kind]
    return CleanFile(out.getvalue(), content_type, extension)


def thumbnail(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        image.thumbnail(THUMBNAIL_SIZE)
        out = io.BytesIO()
        image.convert("RGB").save(out, "JPEG", quality=80)
        return out.getvalue()
