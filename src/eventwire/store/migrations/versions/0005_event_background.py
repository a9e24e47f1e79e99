"""events: background (a past event the article only recalls) and symmetric (parties act on each other)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03

Lists and charts can leave background events out; a symmetric event ("X and
Y met") may be read either way round. Both default to false for stored rows.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("symmetric", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("background", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("background")
        batch.drop_column("symmetric")
