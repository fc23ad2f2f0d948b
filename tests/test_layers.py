"""The layers keep to their places: the two edges (the API's routes and the pages) reach each other only where the
served app is composed, the reads never need the commands, and no source module grows past 500 lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.workflows.test_domain_imports import ROOT, _module_name, imported_modules

SOURCES = sorted(
    path
    for package in ("ombudsman", "workflows")
    for path in (ROOT / package).rglob("*.py")
    if "migrations" not in path.relative_to(ROOT).parts
)
MODULES = {_module_name(path): path for path in SOURCES}

COMPOSER = "ombudsman.api.app"  # the one module that serves both edges as one app
PAGES = "ombudsman.web"
API_EDGE = ("ombudsman.api.routes_", "ombudsman.api.schemas", "ombudsman.api.deps")
COMMANDS = "ombudsman.service"
READS = (
    "ombudsman.reads",
    "ombudsman.queries",
    "ombudsman.views",
    "ombudsman.assessments",
    "ombudsman.tools",
    "ombudsman.access",
    "ombudsman.letters.reading",
)
MOST_LINES = 500


def _is(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix if prefix.endswith("_") else f"{prefix}.")


def _imports_pages(module: str) -> bool:
    return any(_is(imported, PAGES) for imported in imported_modules(MODULES[module]))


def _imports_api(module: str) -> bool:
    return any(_is(imported, edge) for imported in imported_modules(MODULES[module]) for edge in API_EDGE)


def test_the_layers_are_found() -> None:
    assert COMPOSER in MODULES and COMMANDS in MODULES
    assert all(read in MODULES for read in READS)
    assert [module for module in MODULES if _is(module, PAGES)], "no page modules found"
    assert [module for module in MODULES if _is(module, "ombudsman.api.routes_")], "no route modules found"


@pytest.mark.parametrize("module", sorted(module for module in MODULES if _is(module, PAGES)))
def test_a_page_module_imports_neither_the_api_routes_nor_its_schemas(module: str) -> None:
    assert not _imports_api(module), f"{module} reaches into the API: move what both need into the application layer"


@pytest.mark.parametrize("module", sorted(module for module in MODULES if _is(module, "ombudsman.api.routes_")))
def test_an_api_route_module_imports_no_page(module: str) -> None:
    assert not _imports_pages(module), f"{module} reaches into the pages"


@pytest.mark.parametrize("module", READS)
def test_a_read_module_never_imports_the_commands(module: str) -> None:
    found = [imported for imported in imported_modules(MODULES[module]) if _is(imported, COMMANDS)]
    assert not found, f"{module} imports the command service: {found}"


def test_only_the_composing_module_imports_both_edges() -> None:
    both = sorted(module for module in MODULES if _imports_pages(module) and _imports_api(module))
    assert both == [COMPOSER]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_source_module_is_over_500_lines(module: str) -> None:
    lines = len(Path(MODULES[module]).read_text(encoding="utf-8").splitlines())
    assert lines <= MOST_LINES, f"{module} has {lines} lines: split it by job"
