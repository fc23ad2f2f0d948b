"""The events of a complaint about several that the jurisdiction decision's exception cures
(cases.jurisdiction_exception_events: a JSON list of event ids; null when it cures every event, as every case
before this revision had one event).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 17:30:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("jurisdiction_exception_events", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("jurisdiction_exception_events")
