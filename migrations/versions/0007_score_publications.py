"""Published scores (发布评分).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28 23:20:00

`score_publications`: an evaluator's published snapshot of one indicator's scores for a
period (each department's total, dimensions and deductions as canonical JSON, with its
SHA-256), the configuration version used, who published it and when, and the publication
it corrects. Shared data: captured in `changes` and carried in bundles like the other shared
tables. Existing stores get the table empty.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "score_publications",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("indicator_id", sa.String(length=32), nullable=False),
        sa.Column("period", sa.String(length=40), nullable=False),
        sa.Column("config_id", sa.String(length=32), nullable=True),
        sa.Column("inputs_sha256", sa.String(length=64), nullable=False),
        sa.Column("result_json", sa.Text(), nullable=False),
        sa.Column("published_by", sa.String(length=32), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("supersedes_id", sa.String(length=32), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "length(inputs_sha256) = 64", name=op.f("ck_score_publications_digest_complete")
        ),
        sa.CheckConstraint(
            "supersedes_id IS NULL OR supersedes_id <> id",
            name=op.f("ck_score_publications_not_self"),
        ),
        sa.CheckConstraint(
            "length(trim(period)) > 0", name=op.f("ck_score_publications_period_not_blank")
        ),
        sa.ForeignKeyConstraint(
            ["config_id"],
            ["scoring_configs.id"],
            name=op.f("fk_score_publications_config_id_scoring_configs"),
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_score_publications_indicator_id_indicators"),
        ),
        sa.ForeignKeyConstraint(
            ["published_by"],
            ["people.id"],
            name=op.f("fk_score_publications_published_by_people"),
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["score_publications.id"],
            name=op.f("fk_score_publications_supersedes_id_score_publications"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_score_publications")),
    )
    with op.batch_alter_table("score_publications", schema=None) as batch_op:
        batch_op.create_index(
            "ix_score_publications_indicator_id_period_published_at",
            ["indicator_id", "period", "published_at"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_score_publications_supersedes_id"), ["supersedes_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("score_publications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_score_publications_supersedes_id"))
        batch_op.drop_index("ix_score_publications_indicator_id_period_published_at")
    op.drop_table("score_publications")
