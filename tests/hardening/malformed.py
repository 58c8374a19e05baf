"""A generated set of malformed parameter values: what a probe, a broken client or a mangled
bookmark sends. Each is a value a page must refuse or ignore with a clear answer, never a 500."""

UNICODE_DIGITS = ["²", "①", "١٢٣", "٣", "௫", "Ⅻ", "¹²³", "𝟙𝟚"]  # isdigit() or int() accepts some
NUMBERS = ["-1", "0", "1e5", "1.5", "+7", " 3", "0x1f", "99999999999999999", "9" * 40, "-" + "9" * 30]
DATES = ["2026-13", "2026-00", "0000-00", "2026-02-30", "9999-99-99", "2026/10", "-2026-10", "10-2026"]
TEXT = [
    "\x00",
    "a\x00b",
    "x" * 5000,
    "\u202e\u202d",
    "' OR '1'='1",
    "<script>alert(1)</script>",
    "%",
    "_",
    "\\",
    "\ud7ff\ue000",
    "NaN",
    "true",
    "",
    " ",
    "[]",
    "a,b,,c",
]
VALUES = [*UNICODE_DIGITS, *NUMBERS, *DATES, *TEXT]

# What each parameter of every page gets; the whole set goes to the number and period parameters.
CORE = ["²", "①", "١٢٣", "\x00", "99999999999999999", "9" * 40, "-1", "x" * 5000, "2026-02-30", "\u202e"]
NUMBER_PARAMS = {"after", "before", "last", "page", "page_size", "watch", "period"}


def values_for(name: str) -> list[str]:
    return VALUES if name in NUMBER_PARAMS or name.endswith(("__year", "__month", "__day")) else CORE
