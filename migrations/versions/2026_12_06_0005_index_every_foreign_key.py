"""Index every foreign key.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 04:07:18.240394

Issue #10, "Scale": the pages look rows up by their foreign keys (a funding round's citations,
a category's companies, a model's users), and neither SQLite nor PostgreSQL indexes a foreign
key by itself, so at 10,000 companies each such look-up read the whole table (the Funding
page's running totals grew with the square of the rounds). ``models._index_foreign_keys``
declares the same indexes, named by the convention.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table -> the foreign key columns that had no index
INDEXED = {
    "ai_models": ("developer_id", "parent_id"),
    "categories": ("parent_id",),
    "citations": (
        "category_id", "claim_id", "event_id", "funding_round_id", "investment_id", "metric_id",
        "model_id", "model_price_id", "model_use_id", "person_id", "product_id",
    ),
    "claim_companies": ("company_id",),
    "claims": ("person_id",),
    "companies": ("parent_id",),
    "company_categories": ("category_id",),
    "events": ("funding_round_id", "model_id", "product_id"),
    "metrics": ("model_id", "product_id"),
    "model_uses": ("company_id", "product_id"),
    "people": ("company_id",),
    "product_categories": ("category_id",),
}  # fmt: skip


def upgrade() -> None:
    for table, columns in INDEXED.items():
        for column in columns:
            op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=False)


def downgrade() -> None:
    for table, columns in INDEXED.items():
        for column in columns:
            op.drop_index(op.f(f"ix_{table}_{column}"), table_name=table)
