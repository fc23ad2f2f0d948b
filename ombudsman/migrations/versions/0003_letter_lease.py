"""The outbox as a lease: a letter taken for sending records who took it (lease_holder) and until when
(lease_until), so a letter whose deliverer stopped mid-send is taken again once the lease runs out; with the two
partial indexes the deliverer reads (the queued emails by when they are due, the leased letters by when their lease
ends). A letter left sending before this revision had no lease: its lease is taken to have ended when it was taken.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07 13:16:33.486419
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lease_holder", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(
            "ix_letters_queued_due",
            ["next_attempt_at", "id"],
            unique=False,
            postgresql_where=sa.text("delivery = 'queued' AND channel = 'email'"),
            sqlite_where=sa.text("delivery = 'queued' AND channel = 'email'"),
        )
        batch_op.create_index(
            "ix_letters_sending_lease",
            ["lease_until", "id"],
            unique=False,
            postgresql_where=sa.text("delivery = 'sending'"),
            sqlite_where=sa.text("delivery = 'sending'"),
        )
    # The letters left sending, stuck, by a deliverer that stopped: taken again on the next pass.
    op.execute("UPDATE letters SET lease_until = delivery_at WHERE delivery = 'sending'")


def downgrade() -> None:
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_letters_sending_lease",
            postgresql_where=sa.text("delivery = 'sending'"),
            sqlite_where=sa.text("delivery = 'sending'"),
        )
        batch_op.drop_index(
            "ix_letters_queued_due",
            postgresql_where=sa.text("delivery = 'queued' AND channel = 'email'"),
            sqlite_where=sa.text("delivery = 'queued' AND channel = 'email'"),
        )
        batch_op.drop_column("lease_until")
        batch_op.drop_column("lease_holder")
