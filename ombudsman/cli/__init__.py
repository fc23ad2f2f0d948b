"""The ``ombudsman`` command: set up the database, add users, seed demo data, run the deadline sweep.

One module a job, each adding its commands to the one ``app`` (``common``), in the order ``--help`` lists them:
``schema`` (init-db), ``users``, ``cases`` (demo, import), ``serve``, ``work`` (sweep, deliver, letters
print-queue, cases), ``audit`` (audit verify, diagram).
"""

from __future__ import annotations

# isort: off
from ombudsman.cli import schema, users, cases, serve, work, audit  # the order --help lists their commands in

# isort: on
from ombudsman.cli.common import app

__all__ = ["app", "audit", "cases", "schema", "serve", "users", "work"]
