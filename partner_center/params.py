"""The one reader of whole numbers in request parameters: page numbers, page sizes, row ids in
page links, export ids to watch, primary keys in admin filters.

Only ASCII digits count. `str.isdigit()` also accepts "²" and "①", which `int()` then refuses
(a 500 where a 400 belongs), and `int()` itself accepts other scripts' digits ("١٢٣") that no
link of ours ever contains. Numbers are bounded so that they fit a PostgreSQL bigint.
"""

import re

MAX_DIGITS = 18  # below 9.2e18, PostgreSQL's bigint
MAX_ID = 10**MAX_DIGITS - 1  # the largest id a parameter may name
_WHOLE_NUMBER = re.compile(rf"[0-9]{{1,{MAX_DIGITS}}}")


def whole_number(raw: object, *, minimum: int = 0, maximum: int | None = None) -> int | None:
    """`raw` as a whole number of ASCII digits from `minimum` to `maximum`; None if it is not one."""
    if not isinstance(raw, str) or not _WHOLE_NUMBER.fullmatch(raw):
        return None
    value = int(raw)
    if value < minimum or (maximum is not None and value > maximum):
        return None
    return value


def whole_numbers(raw: object, *, limit: int) -> list[int]:
    """The whole numbers of a comma-separated list (at most `limit` parts read); others are skipped."""
    if not isinstance(raw, str):
        return []
    parts = (whole_number(part.strip(), minimum=1) for part in raw.split(",")[:limit])
    return [number for number in parts if number is not None]


class TextConverter:
    """A path segment of text (`<text:name>`): Django's `str` but for a NUL character, which
    names nothing and which PostgreSQL refuses in a query, so such a URL is a 404, not a 500."""

    regex = r"[^/\x00]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
