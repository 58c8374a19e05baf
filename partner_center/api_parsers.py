"""The API's JSON parser: DRF's, refusing JSON nested deeper than any request of ours needs.

Python's json module recurses once per level, so a body nested 1,000 levels deep raised a
RecursionError (a 500). The depth is counted first, over the brackets outside strings only
(one regular-expression scan, cheap for a long list of ids), and a deeper body is a 400.
"""

import io
import re

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 32  # our deepest request is 2 levels ({"detail_ids": [...]})
_STRING_OR_BRACKET = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in JSON text (0 for a scalar)."""
    depth = deepest = 0
    for token in _STRING_OR_BRACKET.finditer(text):
        char = token.group()
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


class DepthLimitedJSONParser(JSONParser):
    max_depth = MAX_DEPTH

    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read() if stream is not None else b""
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError) as error:
            raise ParseError(_("JSON parse error - %(error)s") % {"error": error}) from None
        if json_depth(text) > self.max_depth:
            raise ParseError(
                _("The JSON is nested more than %(limit)d levels deep.") % {"limit": self.max_depth}
            )
        return super().parse(io.BytesIO(raw), media_type, parser_context)
