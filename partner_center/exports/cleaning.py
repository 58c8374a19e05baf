"""The text rules every export file follows (DESIGN.md section 4), in one place.

- a cell that a spreadsheet would run as a formula is written as text (xlsx: a string cell;
  CSV: prefixed with an apostrophe, as OWASP advises), also when spaces come first or the
  formula character is full-width (＝ ＋ － ＠);
- control characters that are illegal in XML are removed;
- text longer than a cell holds is cut, ending with a visible marker.

The PostgreSQL CSV path (postgres.py) does the same in SQL from these constants, so both
paths write the same bytes.
"""

import re
from datetime import datetime, tzinfo
from typing import Any

from django.utils import timezone

MAX_CELL_CHARS = 32_767  # what an xlsx cell holds
TRUNCATED = "…[truncated]"
# What starts a formula, also in its full-width form (an East Asian input method types ＝ for =,
# and spreadsheets take it as one), and also after leading spaces (spreadsheets skip them).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
LEADING_SPACES = (" ", "\u00a0", "\u3000")  # space, no-break space, ideographic (full-width) space
FORMULA = re.compile(f"[{re.escape(''.join(LEADING_SPACES))}]*[{re.escape(''.join(FORMULA_STARTS))}]")
_MAY_START_FORMULA = FORMULA_STARTS + LEADING_SPACES
# Control characters XML 1.0 forbids (tab, LF and CR are allowed).
ILLEGAL_XML_CHARS = "".join(chr(code) for code in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)))
ILLEGAL_XML = re.compile(f"[{re.escape(ILLEGAL_XML_CHARS)}]")
# CSV also drops CR: a line break in a cell is an LF, and a lone CR would not be quoted by
# Python's csv module when lines end with LF (as COPY's do), splitting the row for readers.
ILLEGAL_CSV_CHARS = ILLEGAL_XML_CHARS + "\r"
ILLEGAL_CSV = re.compile(f"[{re.escape(ILLEGAL_CSV_CHARS)}]")
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"  # CSV text; SQL's to_char(..., 'YYYY-MM-DD HH24:MI:SS')


def _cut(text: str) -> str:
    if len(text) > MAX_CELL_CHARS:
        return text[: MAX_CELL_CHARS - len(TRUNCATED)] + TRUNCATED
    return text


def clean_text(value: Any) -> str:
    """Remove XML-illegal control characters and cut over-long text with a visible marker."""
    text = "" if value is None else str(value)
    if ILLEGAL_XML.search(text):
        text = ILLEGAL_XML.sub("", text)
    return _cut(text)


def safe_text(value: Any) -> str:
    """clean_text with a fast path: printable text of normal length (checked in C) needs nothing."""
    if value.__class__ is str and value.isprintable() and len(value) <= MAX_CELL_CHARS:
        return value
    return clean_text(value)


def csv_text(value: Any) -> str:
    """A CSV field: cleaned (CR too), cut, and an apostrophe before a formula start."""
    if value.__class__ is str and value.isprintable() and len(value) <= MAX_CELL_CHARS:
        text = value
    else:
        text = "" if value is None else str(value)
        if ILLEGAL_CSV.search(text):
            text = ILLEGAL_CSV.sub("", text)
        text = _cut(text)
    return "'" + text if starts_formula(text) else text


def starts_formula(text: str) -> bool:
    """Whether a spreadsheet would run the text as a formula (a cheap test first: most never start so)."""
    return text.startswith(_MAY_START_FORMULA) and FORMULA.match(text) is not None


def local_naive(value: datetime | None, zone: tzinfo) -> datetime | None:
    """A spreadsheet date has no zone: write the wall-clock time of the portal's zone."""
    if value is None:
        return None
    return timezone.localtime(value, zone).replace(tzinfo=None)


def local_text(value: datetime | None, zone: tzinfo) -> str | None:
    if value is None:
        return None
    return timezone.localtime(value, zone).strftime(DATE_FORMAT)
