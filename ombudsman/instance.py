"""What the application layer's reads and tools need of the running service: its database, clock, settings and
rulebook. ``CaseService`` has them all; a read or a tool asks only for these, so it never needs the commands."""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import Engine

from ombudsman.clock import Clock
from ombudsman.rules.rulebook import Rulebook
from ombudsman.settings import Settings


class Instance(Protocol):
    """The running service, as the reads and the stateless tools see it."""

    engine: Engine
    clock: Clock
    settings: Settings
    rulebook: Rulebook
