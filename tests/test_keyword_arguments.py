"""A function of the engine takes at most three arguments by position; any more are named at every call.

``case_view(record, actor, rulebook, today=today)`` reads as what it does; ``audit(case, "x", "y", 3, ...)``,
fourteen places long, did not. The first three read well by position (who, what, which); the rest by name.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _positional_overflow(path: Path, root: Path = ROOT) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            arguments = node.args.posonlyargs + node.args.args
            names = [argument.arg for argument in arguments if argument.arg not in ("self", "cls")]
            if len(names) > 3:
                found.append(f"{path.relative_to(root)}:{node.lineno} {node.name}({', '.join(names)})")
    return found


def test_no_function_of_the_engine_takes_more_than_three_arguments_by_position() -> None:
    paths = sorted([*(ROOT / "ombudsman").rglob("*.py"), *(ROOT / "workflows").rglob("*.py")])
    assert paths
    assert [place for path in paths for place in _positional_overflow(path)] == []


def test_the_check_sees_a_fourth_positional_argument(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("def four(a, b, c, d):\n    return a\n\n\ndef named(a, b, c, *, d):\n    return a\n")
    assert _positional_overflow(probe, tmp_path) == ["probe.py:1 four(a, b, c, d)"]
