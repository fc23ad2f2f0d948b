"""The rules and the workflow are pure: no database, no web framework, no service, and no clock of their own."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PURE_PACKAGES = [ROOT / "ombudsman" / "rules", ROOT / "workflows"]
PURE_MODULES = sorted(path for package in PURE_PACKAGES for path in package.rglob("*.py"))

FORBIDDEN_ROOTS = {"sqlalchemy", "sqlmodel", "fastapi", "starlette"}
FORBIDDEN_MODULES = {"ombudsman.models", "ombudsman.db", "ombudsman.service"}
# (the name a call is made on, the attribute called): date.today(), datetime.now(), datetime.utcnow(), time.time()
CLOCK_CALLS = {("date", "today"), ("datetime", "now"), ("datetime", "utcnow"), ("time", "time")}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _absolute(path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    base = package[: len(package) - node.level + 1]
    return ".".join([*base, *([node.module] if node.module else [])])


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(path, node)
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _forbidden(module: str) -> bool:
    root = module.split(".")[0]
    return root in FORBIDDEN_ROOTS or any(
        module == banned or module.startswith(f"{banned}.") for banned in FORBIDDEN_MODULES
    )


def clock_calls(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    # ``from time import time`` (perhaps renamed) is then called bare.
    bare_time = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "time"
        for alias in node.names
        if alias.name == "time"
    }
    # ``from datetime import date as day`` or ``import time as t``: the name stands for the original.
    aliases = {
        alias.asname: alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
        if alias.asname
    }
    calls: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        if isinstance(function, ast.Attribute):
            owner = function.value
            owner_name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", None)
            owner_name = aliases.get(owner_name or "", owner_name)
            if (owner_name, function.attr) in CLOCK_CALLS:
                calls.append(f"{owner_name}.{function.attr}() at line {node.lineno}")
        elif isinstance(function, ast.Name) and function.id in bare_time:
            calls.append(f"{function.id}() at line {node.lineno}")
    return calls


def test_the_pure_packages_have_modules_to_check() -> None:
    names = {_module_name(path) for path in PURE_MODULES}
    assert {"ombudsman.rules.jurisdiction", "workflows.guards", "workflows.machine"} <= names


@pytest.mark.parametrize("path", PURE_MODULES, ids=_module_name)
def test_no_rule_or_workflow_module_imports_a_database_web_framework_or_the_service(path: Path) -> None:
    assert sorted(module for module in imported_modules(path) if _forbidden(module)) == []


@pytest.mark.parametrize("path", PURE_MODULES, ids=_module_name)
def test_no_rule_or_workflow_module_reads_the_clock(path: Path) -> None:
    assert clock_calls(path) == []


def test_the_clock_module_is_where_the_clock_is_read() -> None:
    assert clock_calls(ROOT / "ombudsman" / "clock.py") != []


def test_the_import_check_catches_a_forbidden_import() -> None:
    assert _forbidden("sqlalchemy.orm")
    assert _forbidden("ombudsman.models")
    assert _forbidden("ombudsman.service")
    assert not _forbidden("ombudsman.rules.facts")
    assert not _forbidden("ombudsman.settings")
    assert not _forbidden("ombudsman.modelsx")


def test_the_clock_check_catches_each_way_of_reading_the_clock(tmp_path: Path) -> None:
    module = tmp_path / "sneaky.py"
    module.write_text(
        "import datetime as dt\nimport time\nfrom datetime import date, datetime\n"
        "a = date.today()\nb = datetime.now()\nc = datetime.utcnow()\nd = time.time()\ne = dt.date.today()\n"
        "f = dt.datetime.now()\nfrom time import time as clock\ng = clock()\n"
        "from datetime import date as day\nh = day.today()\n",
        encoding="utf-8",
    )
    assert len(clock_calls(module)) == 8
