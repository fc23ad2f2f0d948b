"""The baseline: the schema as the release before migrations made it (``SQLModel.metadata.create_all``).

Every table, index, unique constraint and foreign key of ``ombudsman.models`` as it stood then, each column in the
type it stores (the models' ``Named`` and ``Money`` are strings, ``AwareDateTime`` a timezone-aware DateTime). A
database made before migrations is recorded at this revision (``ombudsman.db.create_schema``) once it is found to
have these tables and their columns, then upgraded like any other.

Revision ID: 0001
Revises:
Create Date: 2026-12-01 16:28:11.282650
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("state", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("workflow_version", sa.Integer(), nullable=False),
        sa.Column("rulebook", sa.String(length=40), nullable=False),
        sa.Column("respondent_frn", sa.String(length=7), nullable=False),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("entered_state_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("returns_to", sa.String(length=40), nullable=True),
        sa.Column("dismissal_ground", sa.String(length=40), nullable=True),
        sa.Column("jurisdiction_exception", sa.String(length=40), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("expressly_rejected", sa.Boolean(), nullable=False),
        sa.Column("late_acceptance_notified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("respondent_missed_time_limit", sa.Boolean(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=True),
        sa.Column("idempotency_fingerprint", sa.String(length=64), nullable=True),
        sa.Column("audit_head", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("idempotency_key"),
    )
    op.create_index("ix_cases_reference", "cases", ["reference"], unique=True)
    op.create_index("ix_cases_respondent_frn", "cases", ["respondent_frn"], unique=False)
    op.create_index("ix_cases_state", "cases", ["state"], unique=False)

    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("frn", sa.String(length=7), nullable=True),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_users_frn", "users", ["frn"], unique=False)
    op.create_index("ix_users_token_hash", "users", ["token_hash"], unique=True)

    op.create_table(
        "web_sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_web_sessions_token_hash", "web_sessions", ["token_hash"], unique=False)

    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("from_state", sa.String(length=40), nullable=False),
        sa.Column("to_state", sa.String(length=40), nullable=False),
        sa.Column("reasons", sa.String(), nullable=True),
        sa.Column("finding", sa.String(), nullable=False),
        sa.Column("citation", sa.String(), nullable=False),
        sa.Column("confidential_from", sa.String(length=20), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id", "version"),
    )
    op.create_index("ix_audit_events_case_id", "audit_events", ["case_id"], unique=False)

    op.create_table(
        "awards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("money_award", sa.String(length=24), nullable=False),
        sa.Column("recommended_balance", sa.String(length=24), nullable=False),
        sa.Column("calculation", sa.JSON(), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_awards_case_id", "awards", ["case_id"], unique=False)

    op.create_table(
        "connected_complaints",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("connected_case_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.ForeignKeyConstraint(["connected_case_id"], ["cases.id"]),
        sa.PrimaryKeyConstraint("case_id", "connected_case_id"),
    )
    op.create_table(
        "hearing_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("party", sa.String(length=20), nullable=False),
        sa.Column("issues", sa.String(), nullable=False),
        sa.Column("private_reasons", sa.String(), nullable=True),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("private", sa.Boolean(), nullable=True),
        sa.Column("decision_reasons", sa.String(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_hearing_requests_case_id", "hearing_requests", ["case_id"], unique=False)

    op.create_table(
        "letters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("addressed_to", sa.String(length=20), nullable=False),
        sa.Column("step", sa.String(length=60), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("html", sa.String(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("large_print", sa.String(), nullable=True),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("address", sa.String(length=320), nullable=True),
        sa.Column("delivery", sa.String(length=20), nullable=False),
        sa.Column("delivery_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("delivery_error", sa.String(length=500), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_letters_case_id", "letters", ["case_id"], unique=False)
    op.create_index("ix_letters_delivery", "letters", ["delivery"], unique=False)

    op.create_table(
        "parties",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id", "role"),
    )
    op.create_index("ix_parties_case_id", "parties", ["case_id"], unique=False)

    op.create_table(
        "representations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("party", sa.String(length=20), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("confidentiality", sa.String(length=20), nullable=True),
        sa.Column("summary", sa.String(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=40), nullable=False),
        sa.Column("made_by", sa.String(length=200), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_representations_case_id", "representations", ["case_id"], unique=False)

    op.create_table(
        "time_limits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=60), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("binds", sa.JSON(), nullable=False),
        sa.Column("fires", sa.String(length=60), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.String(length=60), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_time_limits_case_id", "time_limits", ["case_id"], unique=False)
    op.create_index("ix_time_limits_due_on", "time_limits", ["due_on"], unique=False)
    op.create_index("ix_time_limits_status", "time_limits", ["status"], unique=False)

    op.create_table(
        "user_cases",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("user_id", "case_id"),
    )
    op.create_table(
        "money_award_register",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("award_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("respondent_frn", sa.String(length=7), nullable=False),
        sa.Column("respondent_name", sa.String(length=200), nullable=False),
        sa.Column("money_award", sa.String(length=24), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("determined_on", sa.Date(), nullable=False),
        sa.Column("status_changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["award_id"], ["awards.id"]),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_money_award_register_case_id", "money_award_register", ["case_id"], unique=True)
    op.create_index("ix_money_award_register_respondent_frn", "money_award_register", ["respondent_frn"], unique=False)

    op.create_table(
        "time_limit_extensions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("time_limit_id", sa.Integer(), nullable=False),
        sa.Column("from_due_on", sa.Date(), nullable=False),
        sa.Column("to_due_on", sa.Date(), nullable=False),
        sa.Column("reasons", sa.String(), nullable=False),
        sa.Column("by_user", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["time_limit_id"], ["time_limits.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_time_limit_extensions_time_limit_id", "time_limit_extensions", ["time_limit_id"], unique=False)


def downgrade() -> None:
    op.drop_table("time_limit_extensions")
    op.drop_table("money_award_register")
    op.drop_table("user_cases")
    op.drop_table("time_limits")
    op.drop_table("representations")
    op.drop_table("parties")
    op.drop_table("letters")
    op.drop_table("hearing_requests")
    op.drop_table("connected_complaints")
    op.drop_table("awards")
    op.drop_table("audit_events")
    op.drop_table("web_sessions")
    op.drop_table("users")
    op.drop_table("cases")
