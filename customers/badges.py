"""A certification's badge as PNG and SVG: the label's badge image and, where the label's
design allows (`shows_holder`), a band with the partner's name and the validity.

PNG: drawn with Pillow, in a CJK-capable font when the system has one (Noto Sans CJK, for
Chinese partner names), else Pillow's default font. SVG: the PNG badge embedded as a data URI
and the band as SVG text, every text escaped.
"""

import base64
import io
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from .models import Certification

FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)
WIDTH = 400  # the badge is scaled to this width; the band adds BAND pixels below it
BAND = 64


@lru_cache(maxsize=4)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def badge_lines(certification: Certification) -> list[str]:
    """The band's two lines, in the active language; none when the label design has no band."""
    if not certification.label.shows_holder:
        return []
    return [
        certification.partner.name,
        _("Valid until %(date)s · %(number)s")
        % {"date": certification.valid_until.isoformat(), "number": certification.certificate_number},
    ]


def _badge(certification: Certification) -> Image.Image:
    with certification.label.badge_image.open("rb") as stored:
        opened = Image.open(stored)
        opened.load()
    image = opened.convert("RGBA")
    height = max(1, round(image.height * WIDTH / image.width))
    return image.resize((WIDTH, height))


def badge_png(certification: Certification) -> bytes:
    badge, lines = _badge(certification), badge_lines(certification)
    canvas = Image.new("RGBA", (WIDTH, badge.height + (BAND if lines else 0)), (255, 255, 255, 255))
    canvas.alpha_composite(badge)
    draw = ImageDraw.Draw(canvas)
    for number, line in enumerate(lines):
        font = _font(20 if number == 0 else 15)
        box = draw.textbbox((0, 0), line, font=font)
        x = max(4, (WIDTH - (box[2] - box[0])) // 2)
        draw.text((x, badge.height + 6 + 30 * number), line, fill=(34, 34, 34, 255), font=font)
    out = io.BytesIO()
    canvas.save(out, "PNG")
    return out.getvalue()


def badge_svg(certification: Certification) -> bytes:
    badge, lines = _badge(certification), badge_lines(certification)
    out = io.BytesIO()
    badge.save(out, "PNG")
    data = base64.b64encode(out.getvalue()).decode("ascii")
    height = badge.height + (BAND if lines else 0)
    texts = "".join(
        f'<text x="{WIDTH // 2}" y="{badge.height + 26 + 30 * n}" text-anchor="middle" '
        f'font-family="Noto Sans CJK SC, sans-serif" font-size="{20 if n == 0 else 15}" fill="#222">'
        f"{escape(line)}</text>"
        for n, line in enumerate(lines)
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}"><rect width="100%" height="100%" fill="#fff"/>'
        f'<image width="{WIDTH}" height="{badge.height}" href="data:image/png;base64,{data}"/>{texts}</svg>'
    )
    return svg.encode("utf-8")
