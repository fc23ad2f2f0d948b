"""The maths and the output every row shares: interleaved rounds, per-round ratios, JSON lines, the summary table.

A row measures the engine and its baseline in the same run, one round of each in turn (baseline, engine,
baseline, engine, ...), so a noisy neighbour slows both alike. Each round gives one figure per side; the
round's ratio is engine / baseline; the row reports the median of the engine's figures (``value``), the median of
the baseline's (``baseline``) and the median, least and greatest of the per-round ratios.
"""

from __future__ import annotations

import json
import math
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Target:
    """What a row should reach: ``on`` the "ratio" or the "value", compared with ``op`` against ``bound``."""

    text: str
    on: str = "none"
    op: str = ""
    bound: float = 0.0

    def met(self, value: float | None, ratio: float | None) -> bool | None:
        figure = {"ratio": ratio, "value": value}.get(self.on)
        if figure is None:
            return None
        return {
            "<=": figure <= self.bound,
            ">=": figure >= self.bound,
            "<": figure < self.bound,
            ">": figure > self.bound,
        }[self.op]


def ratio_at_most(bound: float) -> Target:
    return Target(f"<= {bound:g}x", "ratio", "<=", bound)


def ratio_at_least(bound: float) -> Target:
    return Target(f">= {bound:g}x", "ratio", ">=", bound)


def ratio_below(bound: float) -> Target:
    return Target(f"< {bound:g}x", "ratio", "<", bound)


def value_at_least(bound: float, unit: str) -> Target:
    return Target(f">= {bound:,g} {unit}", "value", ">=", bound)


def value_below(bound: float, unit: str) -> Target:
    return Target(f"< {bound:,g} {unit}", "value", "<", bound)


INFO = Target("info")


def significant(number: float | None, digits: int = 4) -> float | None:
    """``number`` to ``digits`` significant figures (JSON stays readable; the noise is far larger)."""
    if number is None or not math.isfinite(number):
        return None
    if number == 0:
        return 0.0
    return round(number, digits - 1 - math.floor(math.log10(abs(number))))


@dataclass
class Row:
    name: str
    unit: str
    database: str
    target: Target
    value: float | None = None
    baseline: float | None = None
    ratio: float | None = None
    ratio_min: float | None = None
    ratio_max: float | None = None
    rounds: int = 0
    error: str | None = None
    note: str | None = None
    seconds: float = 0.0  # wall time the row took, setup included (for the summary table only)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def met(self) -> bool | None:
        return None if self.error else self.target.met(self.value, self.ratio)

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": self.name,
            "value": significant(self.value),
            "unit": self.unit,
            "baseline": significant(self.baseline),
            "ratio": significant(self.ratio, 3),
            "ratio_min": significant(self.ratio_min, 3),
            "ratio_max": significant(self.ratio_max, 3),
            "rounds": self.rounds,
            "target": self.target.text,
            "met": self.met,
            "database": self.database,
        }
        if self.note:
            data["note"] = self.note
        if self.error:
            data["error"] = self.error
        data.update(self.extra)
        return data


def interleave(
    baseline: Callable[[int], float], engine: Callable[[int], float], *, rounds: int, warmup: int = 1
) -> tuple[list[float], list[float]]:
    """Run baseline round, engine round, baseline round, ... (each called with its round's number, from 0; the
    ``warmup`` pairs first, whose figures are dropped). Returns the kept figures of each side, round by round."""
    kept_baseline: list[float] = []
    kept_engine: list[float] = []
    for number in range(warmup + rounds):
        base = baseline(number)
        eng = engine(number)
        if number >= warmup:
            kept_baseline.append(base)
            kept_engine.append(eng)
    return kept_baseline, kept_engine


def summarise(row: Row, baseline: list[float], engine: list[float]) -> Row:
    """Fill ``row`` from the figures of the rounds: the ratio of each round is engine / baseline."""
    ratios = [e / b for e, b in zip(engine, baseline, strict=True) if b]
    row.value = statistics.median(engine) if engine else None
    row.baseline = statistics.median(baseline) if baseline else None
    row.ratio = statistics.median(ratios) if ratios else None
    row.ratio_min = min(ratios) if ratios else None
    row.ratio_max = max(ratios) if ratios else None
    row.rounds = len(ratios)
    return row


def timed(function: Callable[[], object]) -> float:
    """Seconds ``function`` took, on the monotonic high-resolution clock."""
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Report:
    """Prints each row as one JSON line on stdout as soon as it is measured, and the table on stderr at the end."""

    def __init__(self) -> None:
        self.rows: list[Row] = []

    def emit(self, row: Row) -> Row:
        self.rows.append(row)
        print(json.dumps(row.as_json()), flush=True)
        if row.error:
            say(f"  {row.name} [{row.database}] FAILED: {row.error}")
        return row

    def table(self, wall_seconds: float) -> str:
        header = ("row", "database", "engine", "baseline", "ratio (min-max)", "rounds", "target", "met", "secs")
        lines = [header]
        for row in self.rows:
            if row.error:
                lines.append((row.name, row.database, "error", "", row.error[:60], "", row.target.text, "-", ""))
                continue
            spread = (
                f"{_short(row.ratio)} ({_short(row.ratio_min)}-{_short(row.ratio_max)})"
                if row.ratio is not None
                else ""
            )
            met = {True: "yes", False: "MISS", None: "-"}[row.met]
            lines.append(
                (
                    row.name,
                    row.database,
                    f"{_short(row.value)} {row.unit}",
                    _short(row.baseline),
                    spread,
                    str(row.rounds),
                    row.target.text,
                    met,
                    f"{row.seconds:.1f}",
                )
            )
        widths = [max(len(line[column]) for line in lines) for column in range(len(header))]
        text = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)) for line in lines]
        missed = [f"{row.name} [{row.database}]" for row in self.rows if row.met is False]
        failed = [f"{row.name} [{row.database}]" for row in self.rows if row.error]
        text.append(f"wall time {wall_seconds:.1f} s; targets missed: {', '.join(missed) or 'none'}")
        if failed:
            text.append(f"rows that failed: {', '.join(failed)}")
        return "\n".join(text)


def _short(number: float | None) -> str:
    if number is None:
        return "-"
    if abs(number) >= 100:
        return f"{number:,.0f}"
    if abs(number) >= 10:
        return f"{number:.1f}"
    if abs(number) >= 0.01:
        return f"{number:.2f}"
    return f"{number:.2g}"
