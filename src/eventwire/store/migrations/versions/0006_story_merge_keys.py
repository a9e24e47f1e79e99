"""stories: a report that an event did not happen gets a merge key of its own

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03

Reports of one event across a story share a merge key (type and sides);
a negated report now contradicts the others instead of being counted with
them (`eventwire.stories.merge`), so negated reports get the key
`store.rows.merge_key` gives them now. Other keys are unchanged.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _key(row: sa.Row, negated: bool) -> str:
    from eventwire.records import stable_id

    actors, recipients = sorted(row.actors or []), sorted(row.recipients or [])
    return stable_id("merge", row.plover, *actors, "|", *recipients, *(["negated"] if negated else []))


def _rekey(negated: bool) -> None:
    conn = op.get_bind()
    events = sa.table("events", sa.column("id"), sa.column("plover"), sa.column("actors", sa.JSON),
                      sa.column("recipients", sa.JSON), sa.column("negated", sa.Boolean),
                      sa.column("merge_key"))
    rows = list(conn.execute(sa.select(events).where(events.c.negated == sa.true())))
    for row in rows:
        conn.execute(events.update().where(events.c.id == row.id).values(merge_key=_key(row, negated)))


def upgrade() -> None:
    _rekey(True)


def downgrade() -> None:
    _rekey(False)
