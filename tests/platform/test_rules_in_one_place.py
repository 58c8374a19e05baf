"""Static checks over the source: the rules of "Where things live" (README) hold everywhere.

- templates ask policies and capabilities, never compare status strings;
- views and API modules read through selectors, never a model's `objects`;
- services raise only the domain errors of partner_center/errors.py;
- product files stay small enough to read in one sitting.
"""

import ast
import importlib
import re
from pathlib import Path

import pytest

from partner_center.errors import DomainError

ROOT = Path(__file__).resolve().parents[2]
APPS = ("partner_center", "customers", "incentives", "invoices", "mdf", "vouchers")
# {% if x.status == ... %}, {% if x == "issued" %}, {% elif kind != 'y' %} ...
STATUS_COMPARISON = re.compile(r"{%\s*(?:if|elif)\b[^%]*?(?:\.status\s*[!=]=|[!=]=\s*['\"])[^%]*%}")
# a form field's own name is not a status: {% if field.name == "incentive_id" %}
ALLOWED_COMPARISON = re.compile(r"field\.name\s*==\s*['\"]\w+['\"]")


def python_files(*parts):
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT / app).parts
            if "migrations" in relative:
                continue
            if not parts or any(part in relative or f"{part}.py" in relative for part in parts):
                yield path


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def test_no_template_compares_a_status_string():
    offenders = []
    for path in sorted((ROOT / "templates").rglob("*.*")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in STATUS_COMPARISON.finditer(line):
                if not ALLOWED_COMPARISON.search(match.group(0)):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {match.group(0)}")
    assert offenders == [], "ask a policy filter ({% load policies %}) instead:\n" + "\n".join(offenders)


def test_the_template_check_catches_a_status_comparison():
    assert STATUS_COMPARISON.search('{% if bill.status == "issued" %}')
    assert STATUS_COMPARISON.search("{% elif job.status != completed %}")
    assert STATUS_COMPARISON.search("{% if message.author_kind == 'operator' %}")
    assert not STATUS_COMPARISON.search("{% if bill|confirmable %}")


def model_reads(tree: ast.AST) -> list[int]:
    """Lines that touch a manager (`X.objects`, `X._default_manager`)."""
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr in ("objects", "_default_manager")
    ]


@pytest.mark.parametrize("path", list(python_files("views", "api")), ids=module_name)
def test_views_and_api_read_through_selectors(path):
    lines = model_reads(ast.parse(path.read_text(encoding="utf-8")))
    assert lines == [], f"{module_name(path)} reads a model's manager at lines {lines}; use a selector"


def test_the_selector_check_catches_a_manager_read():
    assert model_reads(ast.parse("rows = DetailLine.objects.filter(partner=p)")) == [1]
    assert model_reads(ast.parse("rows = detail_lines_for(user)")) == []


def raised_names(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, name) of each `raise Name(...)` / `raise Name` / `raise module.Name(...)`."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            target = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if isinstance(target, ast.Name):
                found.append((node.lineno, target.id))
            elif isinstance(target, ast.Attribute):
                found.append((node.lineno, target.attr))
            else:
                found.append((node.lineno, ast.unparse(target)))
    return found


@pytest.mark.parametrize("path", list(python_files("services")), ids=module_name)
def test_services_raise_only_domain_errors(path):
    module = importlib.import_module(module_name(path))
    wrong = []
    for line, name in raised_names(ast.parse(path.read_text(encoding="utf-8"))):
        raised = getattr(module, name, None)
        if not (isinstance(raised, type) and issubclass(raised, DomainError)):
            wrong.append(f"line {line}: raise {name}")
    assert wrong == [], f"{module_name(path)} raises outside the DomainError family: {wrong}"


def test_the_raise_check_sees_every_form_of_raise():
    tree = ast.parse("raise Conflict('x')\nraise errors.NotFound\nraise PermissionDenied()\nraise")
    assert raised_names(tree) == [(1, "Conflict"), (2, "NotFound"), (3, "PermissionDenied")]


@pytest.mark.parametrize(
    "path",
    [*python_files(), *sorted((ROOT / "templates").rglob("*.html"))],
    ids=lambda path: str(path.relative_to(ROOT)),
)
def test_product_files_stay_small(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= 300, f"{path.relative_to(ROOT)} has {lines} lines; split it by topic"


def test_the_readme_maps_every_layer_to_its_place():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Where things live", 1)[1].split("\n## ", 1)[0]
    named = {name for name in re.findall(r"`([\w/.]+\.py|[\w/]+/)`", section) if "/" in name[:-1]}
    assert named, "the section names the files and folders"
    missing = sorted(name for name in named if not (ROOT / name).exists())
    assert missing == [], f"README names paths that do not exist: {missing}"
    for place in (
        "customers/capabilities.py",
        "incentives/policies.py",
        "partner_center/errors.py",
        "partner_center/http_errors.py",
        "partner_center/formatting.py",
        "partner_center/exports/",
        "incentives/services/",
        "incentives/selectors/",
    ):
        assert place in named, f"README's 'Where things live' does not say what {place} holds"
