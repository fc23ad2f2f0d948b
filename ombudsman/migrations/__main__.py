"""Write a new revision: ``python -m ombudsman.migrations revision "what it changes"``.

The revision is numbered after the newest (0002 after 0001) and filled with what Alembic's autogenerate finds
between the revisions and the models (``ombudsman.models``), compared on a scratch SQLite database in memory brought
to the head; ``--empty`` writes one with nothing in it, to fill by hand. Either way, read it through and finish it
by hand (README.md in this folder says what to look for).
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from alembic import command
from alembic.script import Script
from sqlmodel import create_engine

from ombudsman.migrations import alembic_config, scripts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ombudsman.migrations", description="The schema's migrations.")
    commands = parser.add_subparsers(dest="command", required=True)
    revision = commands.add_parser("revision", help="write a new revision after the newest")
    revision.add_argument("message", help="what the revision changes, in a few words (it names the file too)")
    revision.add_argument("--empty", action="store_true", help="write no operations: fill upgrade() by hand")
    arguments = parser.parse_args(argv)
    number = f"{len(list(scripts().walk_revisions())) + 1:04d}"
    if arguments.empty:
        written = command.revision(alembic_config(), message=arguments.message, rev_id=number)
    else:
        scratch = create_engine("sqlite://")
        with scratch.begin() as connection:
            config = alembic_config(connection)
            command.upgrade(config, "head")
            written = command.revision(config, message=arguments.message, rev_id=number, autogenerate=True)
        scratch.dispose()
    if not isinstance(written, Script):
        print("error: no revision was written", file=sys.stderr)
        return 1
    # Laid out as the rest of the package is, where ruff is installed (the dev extra).
    subprocess.run([sys.executable, "-m", "ruff", "format", "--quiet", written.path], check=False)
    print(f"wrote {written.path}: read it through, then run the tests in tests/migrations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
