"""What every row of one database's half is given: the sizes of this mode, the backend, the work database and its
template cases, and the pools of cloned cases the rows take from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from databases import Backend, Database
from harness import Report
from seeding import TO_JURISDICTION, assessed, clone, facts, next_id, reference_of, walk


@dataclass(frozen=True)
class Config:
    quick: bool
    # 1. a trigger through CaseService.act against its writes replayed raw
    trigger_rounds: int
    trigger_batch: int
    # 2-4. HTTP throughput, 100 clients
    http_rounds: int
    http_warmup: int
    http_seconds: int
    post_pool: int
    # 5. the sweep firing due limits
    sweep_rounds: int
    sweep_limits: int
    # 6. the sweep finding nothing due, at scale
    none_rounds: int
    none_repeats: int
    none_cases: dict[str, int]
    # 7. server memory, small against large
    memory_rounds: int
    memory_requests: int
    memory_small: int
    memory_large: dict[str, int]
    # 8. opening cases in bulk
    open_rounds: int
    open_cases: int
    bulk_cases: int
    # the statechart
    statechart_rounds: int
    statechart_fires: int
    list_concurrency: int = 100
    concurrency: int = 100
    read_pool: int = 1000
    bare_post_pool: int = 2000
    command_rounds: int = 3  # open_cases_import, a process a round (full mode only)
    demo_cases: int = 500  # open_cases_demo: demo --cases N, a process a round (full mode only)
    demo_rounds: int = 2


QUICK = Config(
    quick=True,
    trigger_rounds=4,
    trigger_batch=10,
    http_rounds=2,
    http_warmup=0,
    http_seconds=1,
    list_concurrency=10,
    post_pool=1_500,
    bare_post_pool=500,
    sweep_rounds=2,
    sweep_limits=60,
    none_rounds=5,
    none_repeats=3,
    none_cases={"sqlite": 100_000, "postgresql": 100_000},
    memory_rounds=1,
    memory_requests=120,
    memory_small=10_000,
    memory_large={"sqlite": 100_000, "postgresql": 100_000},
    open_rounds=2,
    open_cases=30,
    bulk_cases=200,
    statechart_rounds=5,
    statechart_fires=300,
)

FULL = Config(
    quick=False,
    trigger_rounds=15,
    trigger_batch=40,
    http_rounds=5,
    http_warmup=1,
    http_seconds=4,
    post_pool=30_000,
    sweep_rounds=7,
    sweep_limits=1_000,
    none_rounds=20,
    none_repeats=5,
    none_cases={"sqlite": 100_000, "postgresql": 1_000_000},
    memory_rounds=3,
    memory_requests=1_000,
    memory_small=10_000,
    memory_large={"sqlite": 100_000, "postgresql": 1_000_000},
    open_rounds=7,
    open_cases=300,
    bulk_cases=2_000,
    statechart_rounds=15,
    statechart_fires=2_000,
)

OPENED = date(2026, 10, 1)  # the work database's templates are opened on this day, and walked from it

TEMPLATES: dict[str, Callable[[Database], int]] = {
    # a rich case to read: heard, at a provisional assessment whose time limit is open well after BENCH_TODAY
    "read": lambda work: walk(work.engine, assessed(date(2026, 12, 31)), opened=OPENED, case_facts=facts(1)),
    "referred": lambda work: walk(work.engine, [], opened=OPENED, case_facts=facts(2)),
    "jurisdiction_check": lambda work: walk(work.engine, TO_JURISDICTION, opened=OPENED, case_facts=facts(3)),
}


@dataclass
class Context:
    config: Config
    backend: Backend
    report: Report
    reseed: bool = False
    work: Database | None = None
    templates: dict[str, int] = field(default_factory=dict)
    _read_pool: range | None = None
    _year: str = ""

    @property
    def database(self) -> str:
        return self.backend.name

    def open_work(self) -> Database:
        """The work database of this half: the templates, then the cases to read (so a first page holds them)."""
        if self.work is None:
            self.work = self.backend.fresh("work")
            for name in TEMPLATES:
                self.template(name)
            self._read_pool = self.pool("read", self.config.read_pool - 1)
        return self.work

    def template(self, name: str) -> int:
        if name not in self.templates:
            self.templates[name] = TEMPLATES[name](self.open_work())
        return self.templates[name]

    def pool(self, template: str, count: int) -> range:
        """``count`` fresh clones of a template, at the next free ids of the work database."""
        work = self.open_work()
        return clone(work.engine, [self.template(template)], first=next_id(work.engine), count=count)

    @property
    def read_pool(self) -> list[int]:
        self.open_work()
        assert self._read_pool is not None
        return [self.templates["read"], *self._read_pool]

    def reference(self, case_id: int) -> str:
        """A case's reference, as a clone's is made: the year of the work database's templates and the number."""
        if not self._year:
            self._year = reference_of(self.open_work().engine, self.template("referred")).split("-")[1]
        return f"FOS-{self._year}-{case_id:06d}"
