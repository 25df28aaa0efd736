"""klantcontact identificatie unique within the organisation (rsin, identificatie) by a constraint

The service already checks it with a query (for a friendly 400); the constraint holds it when two writers
check at the same moment. batch_alter_table: SQLite cannot add a constraint to an existing table, so Alembic
copies the table there; on PostgreSQL it is a plain ALTER TABLE.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 13:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("zrc_klantcontact", schema=None) as batch_op:
        batch_op.create_unique_constraint(
            batch_op.f("uq_zrc_klantcontact_rsin_identificatie"), ["rsin", "identificatie"]
        )


def downgrade() -> None:
    with op.batch_alter_table("zrc_klantcontact", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_zrc_klantcontact_rsin_identificatie"), type_="unique")
