"""actors: country_home, whether the stored country is only a home-country guess

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04

An actor no word places takes its article's home country (actors/home.py).
Across articles such a guess gives way to a country the text gives, and two
guesses that disagree leave the actor unplaced (`store.sql._country`). Stored
rows default to false: their countries count as given.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("actors") as batch:
        batch.add_column(sa.Column("country_home", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("actors") as batch:
        batch.drop_column("country_home")
