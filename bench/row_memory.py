"""Row 7: the memory of ``ombudsman serve`` after a mix of reads, on a large seeded database against a small one.

Each round starts two fresh servers, one on the small database (10,000 cases) and one on the large; sends the
small one the mix and reads its resident set size (VmRSS of /proc/PID/status); then the same for the large one;
and stops both. The mix is the same length and
shape on both, drawn with the same seed over every case of each database: 80% ``GET /v1/cases/{reference}``, 10%
``GET /v1/cases/{reference}/events``, 10% ``GET /v1/cases?limit=10&cursor=...`` from a random case; sent by the
Python client (a fixed number of requests, 100 at a time). The ratio is large / small, both in MB.
"""

from __future__ import annotations

import base64
import random
from collections.abc import Callable, Iterator
from contextlib import ExitStack

import loadgen
from context import Context
from databases import Database
from harness import Row, ratio_at_most, summarise
from seeding import BENCH_TODAY, reference_of, seed_scale
from servers import Server

from ombudsman.clock import FixedClock
from ombudsman.users import add_user
from workflows.table import Role

NAMES = ("server_memory",)


def rows(ctx: Context, wanted: Callable[[str], bool]) -> Iterator[Row]:
    if wanted("server_memory"):
        yield server_memory(ctx)


def _cursor(case_id: int) -> str:
    try:
        from ombudsman.queries import encode_cursor

        return str(encode_cursor(case_id))
    except Exception:  # the engine's own cursor, where it still makes one this way
        return base64.urlsafe_b64encode(f"after:{case_id}".encode()).decode().rstrip("=")


def mix(database: Database, cases: int, requests: int) -> list[str]:
    year = reference_of(database.engine, 1).split("-")[1]
    draw = random.Random(7)
    paths = []
    for _ in range(requests):
        case_id = draw.randint(1, cases)
        reference = f"FOS-{year}-{case_id:06d}"
        kind = draw.random()
        if kind < 0.8:
            paths.append(f"/v1/cases/{reference}")
        elif kind < 0.9:
            paths.append(f"/v1/cases/{reference}/events")
        else:
            paths.append(f"/v1/cases?limit=10&cursor={_cursor(case_id)}")
    return paths


def server_memory(ctx: Context) -> Row:
    config = ctx.config
    small_cases, large_cases = config.memory_small, config.memory_large[ctx.database]
    row = Row("server_memory", "MB", ctx.database, ratio_at_most(1.2))
    sides = []
    for cases in (small_cases, large_cases):
        seeded = ctx.backend.kept(cases, lambda database, n=cases: seed_scale(database.engine, n), reseed=ctx.reseed)
        token = add_user(seeded.engine, FixedClock(BENCH_TODAY), "Bench reader", role=Role.caseworker)
        plan = loadgen.Plan("GET", mix(seeded, cases, config.memory_requests), {"Authorization": f"Bearer {token}"})
        seeded.dispose()
        sides.append((seeded, plan))
    errors: list[str] = []
    baseline: list[float] = []
    measured: list[float] = []
    for _ in range(config.memory_rounds):
        with ExitStack() as stack:  # both servers start at once; each is sent its mix in turn, small first
            servers = []
            for seeded, _plan in sides:
                server = Server("engine", seeded.url, ctx.backend.run_dir)
                stack.callback(server.stop)
                servers.append(server)
            for server, (seeded, plan), figures in zip(servers, sides, (baseline, measured), strict=True):
                server.wait_until_up()
                outcome = loadgen.run(server.url, plan, count=len(plan.paths), concurrency=config.concurrency)
                if outcome.errors:
                    errors.append(f"on {seeded.label}: {outcome.described()}")
                figures.append(server.rss_mb())
    summarise(row, baseline, measured)
    row.note = f"VmRSS after {config.memory_requests:,} reads, {large_cases:,} cases against {small_cases:,}" + (
        "; " + "; ".join(errors) if errors else ""
    )
    return row
