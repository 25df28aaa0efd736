"""catalogi version row for the cross-process response cache

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 08:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ztc_catalogi_versie",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ztc_catalogi_versie")),
    )


def downgrade() -> None:
    op.drop_table("ztc_catalogi_versie")
