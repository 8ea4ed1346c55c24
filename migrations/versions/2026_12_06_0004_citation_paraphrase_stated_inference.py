"""Citations keep a paraphrase and what a source states; the source kind 'inference'.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 03:40:00.000000

Issue #9, "truth first": a citation whose words are our summary says so in ``paraphrase``
(``quote`` becomes nullable, and one of the two is required); ``stated`` keeps, as a JSON
object, what a source states where it differs from the record it supports, so sources that
disagree are kept rather than merged away; a fact no source states cites a source of kind
``inference``, the project's own. Autogenerate does not compare CHECK constraints, so the
checks are written by hand. The downgrade refuses while a citation holds a paraphrase or a
stated value (or has no quote) or a source is an inference, rather than drop what they say.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from alembic.util.exc import CommandError

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = (
    "notes", "article", "interview", "podcast", "paper", "social_post", "official_page", "dataset"
)  # fmt: skip


def _kind_check(kinds: Sequence[str]) -> str:
    return "kind IN (" + ", ".join(f"'{kind}'" for kind in kinds) + ")"


def _replace_kind_check(kinds: Sequence[str]) -> None:
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_sources_kind"), type_="check")
        batch_op.create_check_constraint("kind", _kind_check(kinds))


def upgrade() -> None:
    with op.batch_alter_table("citations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("paraphrase", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("stated", sa.Text(), nullable=True))
        batch_op.alter_column("quote", existing_type=sa.Text(), nullable=True)
        batch_op.create_check_constraint(
            "quote_or_paraphrase", "quote IS NOT NULL OR paraphrase IS NOT NULL"
        )
    _replace_kind_check((*KINDS, "inference"))


def _count(sql: str) -> int:
    return int(op.get_bind().execute(sa.text(sql)).scalar_one())


def downgrade() -> None:
    kept = _count(
        "SELECT COUNT(*) FROM citations"
        " WHERE quote IS NULL OR paraphrase IS NOT NULL OR stated IS NOT NULL"
    )
    inferences = _count("SELECT COUNT(*) FROM sources WHERE kind = 'inference'")
    if kept or inferences:
        raise CommandError(
            f"{kept} citations hold a paraphrase or a stated value and {inferences} sources are "
            "of kind 'inference', which revision 0003 does not know: remove them first; "
            "nothing was downgraded"
        )
    _replace_kind_check(KINDS)
    with op.batch_alter_table("citations", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_citations_quote_or_paraphrase"), type_="check")
        batch_op.alter_column("quote", existing_type=sa.Text(), nullable=False)
        batch_op.drop_column("stated")
        batch_op.drop_column("paraphrase")
