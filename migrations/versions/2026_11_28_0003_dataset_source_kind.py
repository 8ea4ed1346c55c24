"""Add the source kind 'dataset': an imported file is a data set, not an article.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 19:20:00.000000

Autogenerate does not compare CHECK constraints, so this revision is written by hand. The
downgrade refuses while a source is of kind 'dataset' rather than relabel it silently.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from alembic.util.exc import CommandError

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = ("notes", "article", "interview", "podcast", "paper", "social_post", "official_page")


def _kind_check(kinds: Sequence[str]) -> str:
    return "kind IN (" + ", ".join(f"'{kind}'" for kind in kinds) + ")"


def _replace_kind_check(kinds: Sequence[str]) -> None:
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_sources_kind"), type_="check")
        batch_op.create_check_constraint("kind", _kind_check(kinds))


def upgrade() -> None:
    _replace_kind_check((*KINDS, "dataset"))


def downgrade() -> None:
    datasets = op.get_bind().execute(
        sa.text("SELECT COUNT(*) FROM sources WHERE kind = 'dataset'")
    ).scalar_one()
    if datasets:
        raise CommandError(
            f"{datasets} sources are of kind 'dataset', which revision 0002 does not know: "
            "change their kind first; nothing was downgraded"
        )
    _replace_kind_check(KINDS)
