"""The load generator of the HTTP rows: the same one, run the same way, for the engine and for its baseline.

``wrk`` (Debian's package; one thread, so it takes at most one of the two cores) where it is installed, else an
asyncio + httpx client in its own process (``python bench/loadgen.py``). Either keeps ``concurrency`` connections
busy, each sending its next request as soon as the last is answered, and walks a list of paths in order from a
starting point (wrapping round at the end). A run lasts ``seconds``, or (the Python client only) ``count`` requests.
An answer that is not 2xx or 3xx, a timeout or a broken connection counts as an error, and the rate counts only the
good answers.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

WRK = shutil.which("wrk")


@dataclass
class Plan:
    method: str
    paths: list[str]
    headers: dict[str, str] = field(default_factory=dict)
    body: str | None = None
    start: int = 0  # the index of the first path to send


@dataclass
class Outcome:
    requests: int
    errors: int
    seconds: float
    tool: str
    kinds: dict[str, int] = field(default_factory=dict)  # the errors by kind: "500", "timeout", ...

    def described(self) -> str:
        """The errors, as "N of M answers were errors (kind K, ...)"."""
        kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(self.kinds.items()))
        return f"{self.errors} of {self.requests} answers were errors" + (f" ({kinds})" if kinds else "")

    @property
    def rate(self) -> float:
        return (self.requests - self.errors) / self.seconds if self.seconds else 0.0


def tool_name() -> str:
    return "wrk" if WRK else "python-httpx"


def run(
    base_url: str,
    plan: Plan,
    *,
    seconds: int | None = None,
    count: int | None = None,
    concurrency: int = 100,
    python: bool = False,
) -> Outcome:
    """Drive ``base_url`` with ``plan`` for ``seconds`` (wrk, or the Python client) or ``count`` requests (Python)."""
    if WRK and not python and count is None:
        assert seconds is not None
        return _wrk(base_url, plan, seconds=seconds, concurrency=concurrency)
    with tempfile.TemporaryDirectory(prefix="bench-load-") as work:
        plan_file = Path(work) / "plan.json"
        plan_file.write_text(json.dumps(asdict(plan)))
        command = [sys.executable, __file__, "--url", base_url, "--plan", str(plan_file)]
        command += ["--concurrency", str(concurrency)]
        command += ["--count", str(count)] if count is not None else ["--seconds", str(seconds)]
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=3600)
        if done.returncode != 0:
            raise RuntimeError(f"the load generator failed: {done.stderr.strip()[-500:]}")
        data = json.loads(done.stdout)
        return Outcome(data["requests"], data["errors"], data["seconds"], "python-httpx", data.get("kinds", {}))


def _lua_string(value: str) -> str:
    level = "=" * 4
    assert f"]{level}]" not in value
    return f"[{level}[{value}]{level}]"


def _wrk(base_url: str, plan: Plan, *, seconds: int, concurrency: int) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="bench-wrk-") as work:
        paths = Path(work) / "paths.txt"
        paths.write_text("\n".join(plan.paths) + "\n")
        headers = ", ".join(f"[ {_lua_string(key)} ] = {_lua_string(value)}" for key, value in plan.headers.items())
        script = Path(work) / "plan.lua"
        script.write_text(
            f"""
local paths = {{}}
for line in io.lines({_lua_string(str(paths))}) do paths[#paths + 1] = line end
local i = {plan.start}
local method = {_lua_string(plan.method)}
local body = {_lua_string(plan.body) if plan.body is not None else "nil"}
local headers = {{{headers}}}
request = function()
  local path = paths[(i % #paths) + 1]
  i = i + 1
  return wrk.format(method, path, headers, body)
end
"""
        )
        command = [str(WRK), "-t1", f"-c{concurrency}", f"-d{seconds}s", "--timeout", "30s", "-s", str(script)]
        done = subprocess.run([*command, base_url], capture_output=True, text=True, check=False, timeout=seconds + 120)
    out = done.stdout
    if done.returncode != 0 or "requests in" not in out:
        raise RuntimeError(f"wrk failed: {(done.stderr or out).strip()[-500:]}")
    total = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)\b", out)
    assert total is not None, out
    scale = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[total.group(3)]
    kinds: dict[str, int] = {}
    if bad := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        kinds["not 2xx/3xx"] = int(bad.group(1))
    if broken := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        for kind, number in zip(("connect", "read", "write", "timeout"), broken.groups(), strict=True):
            if int(number):
                kinds[kind] = int(number)
    errors = sum(kinds.values())
    return Outcome(int(total.group(1)), errors, float(total.group(2)) * scale, "wrk", kinds)


# --- the Python client, in its own process ----------------------------------------------------------------------


async def _drive(base_url: str, plan: Plan, *, seconds: float | None, count: int | None, concurrency: int) -> Outcome:
    import httpx

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    state = {"next": plan.start, "sent": 0, "errors": 0, "done": 0}
    kinds: dict[str, int] = {}
    body = plan.body.encode() if plan.body is not None else None
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=30.0, headers=plan.headers) as client:
        start = time.perf_counter()
        deadline = start + seconds if seconds is not None else None

        async def worker() -> None:
            while True:
                if count is not None and state["sent"] >= count:
                    return
                if deadline is not None and time.perf_counter() >= deadline:
                    return
                path = plan.paths[state["next"] % len(plan.paths)]
                state["next"] += 1
                state["sent"] += 1
                kind = None
                try:
                    answer = await client.request(plan.method, path, content=body)
                    if answer.status_code >= 400:
                        kind = str(answer.status_code)
                except httpx.TimeoutException:
                    kind = "timeout"
                except httpx.HTTPError as error:
                    kind = type(error).__name__
                if kind is not None:
                    state["errors"] += 1
                    kinds[kind] = kinds.get(kind, 0) + 1
                state["done"] += 1

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - start
    return Outcome(state["done"], state["errors"], elapsed, "python-httpx", kinds)


def main() -> None:
    parser = argparse.ArgumentParser(description="Drive a server with a plan of requests (see the module).")
    parser.add_argument("--url", required=True)
    parser.add_argument("--plan", required=True, type=Path)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--count", type=int)
    parser.add_argument("--concurrency", type=int, default=100)
    arguments = parser.parse_args()
    plan = Plan(**json.loads(arguments.plan.read_text()))
    outcome = asyncio.run(
        _drive(arguments.url, plan, seconds=arguments.seconds, count=arguments.count, concurrency=arguments.concurrency)
    )
    print(json.dumps(asdict(outcome)))


if __name__ == "__main__":
    main()
