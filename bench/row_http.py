"""Rows 2 to 4: the engine's API served by ``ombudsman serve``, against the bare app (``bare_app.py``) served the
same way, on the same work database, under 100 concurrent clients; and the statements a request sends.

- ``case_read``: ``GET /v1/cases/{reference}`` over 1,000 cases in turn (a rich case: heard, at a provisional
  assessment) against one read of the cases table by its unique reference.
- ``list``: ``GET /v1/cases?limit=50`` against a page of 50 rows of the cases table.
- ``trigger_post``: ``POST /v1/cases/{reference}/transitions`` with ``{"trigger": "start_jurisdiction_check"}``
  and ``If-Match: "1"``, each request on a fresh case in ``referred`` (clones, taken in turn), against one UPDATE
  and two INSERTs in one transaction (on cases taken in turn from a pool of 2,000).

Both servers get the same requests with the same headers (the bare app ignores the token and If-Match). Rounds
alternate bare, engine, bare, ...; the ratio is engine / bare. A round is the load generator for a few seconds,
then a wait until the server has answered the requests still in flight (``drain``); with wrk, which stops with one
request outstanding on each connection, a round's figure is (good answers + those outstanding) / (the round + the
wait): the work the server did over the time it was busy. (The quick mode's list row uses 10 connections, so a
round's backlog drains in about a second rather than 100 times a page's service time.)

The statement rows count, in this process, what one request sends (``before_cursor_execute`` on the engine,
BEGIN/COMMIT aside as ``tests/statements.py`` counts them), through FastAPI's TestClient on
``create_app(service)``, and on the bare app the same way (the baseline).
"""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import ExitStack

import loadgen
from bare_app import create_bare_app
from context import Context
from fastapi.testclient import TestClient
from harness import INFO, Row, Target, interleave, ratio_at_least, summarise
from loadgen import Plan
from seeding import BENCH_TODAY, listening
from servers import Server

from ombudsman.api import create_app
from ombudsman.clock import FixedClock
from ombudsman.service import CaseService
from ombudsman.users import add_user
from workflows.table import Role

NAMES = ("case_read", "list", "trigger_post", "case_read_statements", "list_statements", "trigger_post_statements")
TRIGGER = json.dumps({"trigger": "start_jurisdiction_check"})


def rows(ctx: Context, wanted: Callable[[str], bool]) -> Iterator[Row]:
    names = [name for name in NAMES if wanted(name)]
    if not names:
        return
    config = ctx.config
    work = ctx.open_work()
    token = add_user(
        work.engine, FixedClock(BENCH_TODAY), "Bench caseworker", role=Role.caseworker, expires_in_days=3650
    )
    auth = {"Authorization": f"Bearer {token}"}
    posting = {**auth, "Content-Type": "application/json", "If-Match": '"1"'}
    reads = [f"/v1/cases/{ctx.reference(case_id)}" for case_id in ctx.read_pool]
    posts = "trigger_post" in names or "trigger_post_statements" in names
    engine_pool = [ctx.reference(case_id) for case_id in ctx.pool("referred", config.post_pool + 10)] if posts else []
    bare_pool = (
        [ctx.reference(case_id) for case_id in ctx.pool("referred", min(config.bare_post_pool, config.post_pool) + 10)]
        if posts
        else []
    )
    spare_engine, spare_bare = engine_pool[-10:], bare_pool[-10:]  # for the warm-up and the statement counts
    engine_posts = [f"/v1/cases/{reference}/transitions" for reference in engine_pool[:-10]]
    bare_posts = [f"/v1/cases/{reference}/transitions" for reference in bare_pool[:-10]]

    throughput = [name for name in ("case_read", "list", "trigger_post") if name in names]
    if throughput:
        with ExitStack() as servers:  # both start at once, and both stop however the rows end
            bare = Server("bare", work.url, ctx.backend.run_dir)
            servers.callback(bare.stop)
            eng = Server("engine", work.url, ctx.backend.run_dir)
            servers.callback(eng.stop)
            bare.wait_until_up(), eng.wait_until_up()
            for server, spare in ((bare, spare_bare), (eng, spare_engine)):
                _warm(
                    server,
                    reads[:20],
                    auth,
                    posts=[f"/v1/cases/{ref}/transitions" for ref in spare[:2]],
                    posting=posting,
                )
            if "case_read" in throughput:
                plan = Plan("GET", reads, auth)
                yield _throughput(ctx, "case_read", ratio_at_least(0.7), bare, eng, lambda _: plan, lambda _: plan)
            if "list" in throughput:
                page = Plan("GET", ["/v1/cases?limit=50"], auth)
                yield _throughput(ctx, "list", ratio_at_least(0.5), bare, eng, lambda _: page, lambda _: page)
            if "trigger_post" in throughput:
                yield _posts(ctx, bare, eng, engine_posts, bare_posts, posting)
    counted = [name for name in names if name.endswith("_statements")]
    if counted:
        yield from _statement_rows(ctx, counted, auth, posting, reads[0], spare_engine[2:], spare_bare[2:])


def _warm(server: Server, reads: list[str], auth: dict[str, str], *, posts: list[str], posting: dict[str, str]) -> None:
    """A few requests of each kind, one at a time, so neither side's first round pays for its first requests."""
    requests = [urllib.request.Request(server.url + path, headers=auth) for path in reads]
    requests += [urllib.request.Request(server.url + "/v1/cases?limit=50", headers=auth) for _ in range(2)]
    requests += [
        urllib.request.Request(server.url + path, data=TRIGGER.encode(), headers=posting, method="POST")
        for path in posts
    ]
    for request in requests:
        with urllib.request.urlopen(request, timeout=30) as answer:
            answer.read()


def drain(server: Server) -> float:
    """Wait until the server has answered what was still in flight when the load generator stopped: a request
    to its health check queues behind them (the sync routes share one thread pool, whose waiters go in turn), so
    the next round starts on an idle server, not behind the last round's backlog."""
    start = time.perf_counter()
    with urllib.request.urlopen(server.url + "/v1/health", timeout=600) as answer:
        answer.read()
    drained = time.perf_counter() - start
    time.sleep(0.2)
    return drained


def _throughput(
    ctx: Context,
    name: str,
    target: Target,
    bare: Server,
    engine: Server,
    bare_plan: Callable[[int], Plan],
    engine_plan: Callable[[int], Plan],
    after: Callable[[str, loadgen.Outcome], None] | None = None,
) -> Row:
    config = ctx.config
    concurrency = config.list_concurrency if name == "list" else config.concurrency
    row = Row(name, "req/s", ctx.database, target)
    errors: dict[str, list[str]] = {"bare": [], "engine": []}

    def side(server: Server, plan_of: Callable[[int], Plan], key: str) -> Callable[[int], float]:
        def one_round(number: int) -> float:
            outcome = loadgen.run(server.url, plan_of(number), seconds=config.http_seconds, concurrency=concurrency)
            drained = drain(server)
            if outcome.errors:
                errors[key].append(outcome.described())
            if after is not None:
                after(key, outcome)
            if outcome.tool != "wrk":
                return outcome.rate  # the Python client waits for its last answers itself
            # wrk stops with one request outstanding on each connection, which the server still answers: count
            # them, and the time it took, so the figure is the work done over the time the server was busy.
            good = outcome.requests - outcome.errors + concurrency
            return good / (outcome.seconds + drained)

        return one_round

    baseline, measured = interleave(
        side(bare, bare_plan, "bare"),
        side(engine, engine_plan, "engine"),
        rounds=config.http_rounds,
        warmup=config.http_warmup,
    )
    summarise(row, baseline, measured)
    row.note = f"{concurrency} connections, {loadgen.tool_name()}, {config.http_seconds} s a round and its drain"
    for key, described in errors.items():
        if described:
            row.note += f"; {key}, rounds with errors (left out of the figures): {'; '.join(described)}"
    return row


def _posts(
    ctx: Context, bare: Server, engine: Server, engine_posts: list[str], bare_posts: list[str], posting: dict[str, str]
) -> Row:
    taken = {"engine": 0, "bare": 0}
    concurrency = ctx.config.concurrency

    def plan(key: str, paths: list[str]) -> Callable[[int], Plan]:
        return lambda _: Plan("POST", paths, posting, TRIGGER, start=taken[key])

    def after(key: str, outcome: loadgen.Outcome) -> None:
        taken[key] += outcome.requests + concurrency  # and those in flight when the round ended
        if key == "engine" and taken[key] > len(engine_posts):
            raise RuntimeError(
                f"the engine's POST rounds used every one of the {len(engine_posts)} fresh cases: raise post_pool"
            )

    row = _throughput(
        ctx,
        "trigger_post",
        ratio_at_least(0.5),
        bare,
        engine,
        plan("bare", bare_posts),
        plan("engine", engine_posts),
        after,
    )
    row.note = (row.note or "") + f"; the engine took {taken['engine']:,} fresh cases of {len(engine_posts):,}"
    return row


def _statement_rows(
    ctx: Context,
    names: list[str],
    auth: dict[str, str],
    posting: dict[str, str],
    read: str,
    engine_spare: list[str],
    bare_spare: list[str],
) -> Iterator[Row]:
    work = ctx.open_work()
    engine = work.engine
    service = CaseService(engine, FixedClock(BENCH_TODAY))
    with TestClient(create_app(service)) as app, TestClient(create_bare_app(work.url, engine=engine)) as bare:

        def count(client: TestClient, method: str, path: str, headers: dict[str, str], body: str | None = None) -> int:
            with listening(engine) as sent:
                answer = client.request(method, path, headers=headers, content=body)
            if answer.status_code >= 300:
                raise RuntimeError(f"{method} {path} answered {answer.status_code}: {answer.text[:200]}")
            return sum(1 for statement in sent if statement.counted)

        for client in (app, bare):  # the first request of each kind, uncounted
            count(client, "GET", read, auth)
            count(client, "GET", "/v1/cases?limit=50", auth)
        for name in names:
            row = Row(name, "statements", ctx.database, INFO, rounds=1)
            if name == "case_read_statements":
                row.value, row.baseline = count(app, "GET", read, auth), count(bare, "GET", read, auth)
                row.note = "GET /v1/cases/{reference}, the token's check included"
            elif name == "list_statements":
                row.value = count(app, "GET", "/v1/cases?limit=50", auth)
                row.baseline = count(bare, "GET", "/v1/cases?limit=50", auth)
                small = count(app, "GET", "/v1/cases?limit=10", auth)
                row.note = f"GET /v1/cases?limit=50, the token's check included; at limit=10 the engine sends {small}"
            else:
                path = "/v1/cases/{}/transitions"
                row.value = count(app, "POST", path.format(engine_spare[0]), posting, TRIGGER)
                row.baseline = count(bare, "POST", path.format(bare_spare[0]), posting, TRIGGER)
                row.note = "POST /v1/cases/{reference}/transitions start_jurisdiction_check, the token's check included"
            row.ratio = row.ratio_min = row.ratio_max = row.value / row.baseline if row.baseline else None
            yield row
