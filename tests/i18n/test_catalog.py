"""The Simplified Chinese catalog is complete and current: every msgid translated (none
fuzzy), every placeholder kept, and nothing makemessages would add that the catalog lacks."""

import os
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command

from . import pofile

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
SOURCES = [
    "customers",
    "dashboards",
    "incentives",
    "invoices",
    "mdf",
    "vouchers",
    "partner_center",
    "templates",
    "static",
]
# %(name)s, %d, %s and {name} placeholders; "%%" is a literal percent sign, not a placeholder
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{\w*\}")


def placeholders(text: str) -> Counter:
    return Counter(PLACEHOLDER.findall(text.replace("%%", "")))


def entries():
    return pofile.read(CATALOG)


def test_the_catalog_is_read_whole():
    found = entries()
    assert len(found) > 300
    assert {e.msgid for e in found} >= {"Summary", "Confirm Bill", "Export History"}


def test_every_msgid_has_a_translation_and_none_is_fuzzy():
    untranslated = [e.msgid for e in entries() if not e.translated]
    fuzzy = [e.msgid for e in entries() if "fuzzy" in e.flags]
    assert untranslated == [], f"msgids without a zh_Hans translation: {untranslated}"
    assert fuzzy == [], f"fuzzy translations (check them, then drop the flag): {fuzzy}"


def test_chinese_has_one_plural_form():
    header = CATALOG.read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert "Plural-Forms: nplurals=1; plural=0;" in header
    plurals = [e for e in entries() if e.msgid_plural is not None]
    assert plurals and all(list(e.msgstr) == [0] for e in plurals)


def test_translations_keep_every_placeholder():
    wrong = []
    for entry in entries():
        for source in filter(None, [entry.msgid, entry.msgid_plural]):
            expected = placeholders(source)
            for translation in entry.msgstr.values():
                if placeholders(translation) != expected:
                    wrong.append((source, translation))
            if entry.msgid_plural is None or source == entry.msgid_plural:
                break  # a plural's one Chinese form carries the plural's placeholders
    assert wrong == [], f"translations that drop or change a placeholder: {wrong}"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("%(count)s of %(total)s", ["%(count)s", "%(total)s"]),
        ("%d bills", ["%d"]),
        ("at most {limit}", ["{limit}"]),
    ],
)
def test_the_placeholder_check_sees_every_kind(text, found):
    assert sorted(placeholders(text).elements()) == sorted(found)
    assert not placeholders("100%% done")


@pytest.mark.skipif(
    not shutil.which("xgettext"), reason="makemessages needs gettext: apt-get install gettext"
)
def test_makemessages_would_add_nothing(tmp_path, settings):
    """makemessages run on a copy of the sources (into a copy of the catalog) finds exactly
    the catalog's msgids: none missing (a new string not yet translated), none stale."""
    for name in SOURCES:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copytree(ROOT / "locale", tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo"))
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        call_command("makemessages", locale=["zh_Hans"], ignore_patterns=["vendor"], verbosity=0)
    finally:
        os.chdir(cwd)
    fresh = {e.key for e in pofile.read(tmp_path / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po")}
    ours = {e.key for e in entries()}
    assert sorted(fresh - ours, key=str) == [], "new msgids: run makemessages -l zh_Hans and translate them"
    assert sorted(ours - fresh, key=str) == [], "msgids no longer in the code: run makemessages -l zh_Hans"


# The names makemessages (xgettext) finds strings by; a string marked through another alias
# (e.g. `gettext_lazy as _lazy`) is translatable in code but never reaches the catalog.
XGETTEXT_KEYWORDS = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}


def test_strings_are_marked_only_by_names_makemessages_knows():
    import ast

    wrong = []
    for folder in ("customers", "incentives", "invoices", "partner_center"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
                    for alias in node.names:
                        name = alias.asname or alias.name
                        if "gettext" in alias.name and name not in XGETTEXT_KEYWORDS:
                            wrong.append(f"{path.relative_to(ROOT)}: {alias.name} as {name}")
    assert wrong == [], f"makemessages does not see strings marked by these names: {wrong}"
