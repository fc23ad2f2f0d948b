"""Each case's next time limit (cases.next_due_on, kept by every step, with the work queue's indexes on it), and
the partial index of the open time limits that the sweep reads, in place of the index on every limit's status.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 16:35:57.406875
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("next_due_on", sa.Date(), nullable=True))
        batch_op.create_index("ix_cases_frn_next_due", ["respondent_frn", "next_due_on", "id"], unique=False)
        batch_op.create_index("ix_cases_next_due", ["next_due_on", "id"], unique=False)
        batch_op.create_index("ix_cases_state_next_due", ["state", "next_due_on", "id"], unique=False)
    # Each case's soonest open time limit, as every step now keeps it (ombudsman.effects).
    op.execute(
        "UPDATE cases SET next_due_on = "
        "(SELECT min(due_on) FROM time_limits WHERE time_limits.case_id = cases.id AND status = 'open')"
    )

    with op.batch_alter_table("time_limits", schema=None) as batch_op:
        # The open limits' partial index replaces the index on every limit's status.
        batch_op.drop_index("ix_time_limits_status")
        batch_op.create_index(
            "ix_time_limits_open_due",
            ["due_on", "id"],
            unique=False,
            postgresql_where=sa.text("status = 'open'"),
            sqlite_where=sa.text("status = 'open'"),
        )


def downgrade() -> None:
    with op.batch_alter_table("time_limits", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_time_limits_open_due",
            postgresql_where=sa.text("status = 'open'"),
            sqlite_where=sa.text("status = 'open'"),
        )
        batch_op.create_index("ix_time_limits_status", ["status"], unique=False)

    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_state_next_due")
        batch_op.drop_index("ix_cases_next_due")
        batch_op.drop_index("ix_cases_frn_next_due")
        batch_op.drop_column("next_due_on")
