"""The schema's migrations, run by Alembic: ``env.py`` says how, ``versions/`` holds the revisions.

There is no ``alembic.ini``: the configuration is built here, in code, and ``ombudsman.db.create_schema`` runs
the migrations on a connection it hands over (``config.attributes["connection"]``). README.md in this folder
says how to add a revision.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

HERE = Path(__file__).resolve().parent

# The first revision: the schema as the release before migrations made it with ``create_all``.
BASELINE = "0001"


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration for the engine's migrations; ``connection``, when given, is the one they run on."""
    config = Config()
    config.set_main_option("script_location", str(HERE).replace("%", "%%"))
    config.set_main_option("path_separator", "os")
    config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def scripts() -> ScriptDirectory:
    """The revisions (read once per process: they do not change while it runs)."""
    return ScriptDirectory.from_config(alembic_config())


def head() -> str:
    """The newest revision: the schema the models in ``ombudsman.models`` describe."""
    revision = scripts().get_current_head()
    if revision is None:
        raise RuntimeError(f"there is no revision in {HERE / 'versions'}")
    return revision


def known(revision: str) -> bool:
    return any(script.revision == revision for script in scripts().walk_revisions())
