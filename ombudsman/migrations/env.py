"""How Alembic runs the engine's migrations: on the connection it is handed, inside that connection's transaction.

``ombudsman.db.create_schema`` is the way in: it builds the configuration (``ombudsman.migrations.alembic_config``)
with the connection in ``config.attributes["connection"]``, inside one transaction (on SQLite, BEGIN IMMEDIATE), and
Alembic's own commands run here on that connection. There is no URL to connect to here and no offline (SQL script)
mode. On SQLite the revisions' ALTERs go through batch mode (``render_as_batch``), which copies a table where
SQLite cannot alter it in place.

To add a revision after a change to the models: ``.venv/bin/python -m ombudsman.migrations revision "what it
changes"`` writes the next one (``versions/0002_what_it_changes.py`` after ``0001``) from what autogenerate finds;
read it through and finish it by hand, as README.md in this folder says.
"""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import Connection, TypeDecorator
from sqlmodel import SQLModel

from ombudsman import models  # noqa: F401  (registers the tables)

target_metadata = SQLModel.metadata


def render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    """Write the engine's own column types (``Named``, ``Money``, ``AwareDateTime``, SQLModel's ``AutoString``) in
    a generated revision as the type each stores, so the revision imports nothing of the models: a revision keeps
    the schema as it was then, whatever the models become."""
    if type_ == "type" and isinstance(obj, TypeDecorator):
        return f"sa.{obj.impl!r}"
    return False


def run_migrations() -> None:
    if context.is_offline_mode():
        raise RuntimeError("the engine's migrations run on a database connection, not as an SQL script")
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError(
            "no connection to migrate: run the migrations through ombudsman.db.create_schema, or pass one as "
            "ombudsman.migrations.alembic_config(connection)"
        )
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        render_item=render_item,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
