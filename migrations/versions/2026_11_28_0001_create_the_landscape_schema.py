"""Create the landscape schema: every entity of the first data model.

Revision ID: 0001
Revises: 
Create Date: 2026-11-28 17:26:31.427942
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0001'
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('categories',
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('name_key', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('label_zh', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['categories.id'], name=op.f('fk_categories_parent_id_categories'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_categories')),
    sa.UniqueConstraint('name_key', name=op.f('uq_categories_name_key'))
    )
    op.create_table('companies',
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('homepage', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
    sa.Column('founded_on', sa.Date(), nullable=True),
    sa.Column('founded_precision', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('hq_city', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('hq_country', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('thesis_role', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name_key', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("founded_precision IN ('day', 'month', 'quarter', 'year')", name=op.f('ck_companies_founded_precision')),
    sa.CheckConstraint("kind IN ('startup', 'research_lab', 'investor', 'corporate', 'media', 'other')", name=op.f('ck_companies_kind')),
    sa.CheckConstraint("status IN ('active', 'acquired', 'closed')", name=op.f('ck_companies_status')),
    sa.CheckConstraint("thesis_role IN ('model_builder', 'application_builder', 'channel_owner', 'investor', 'observer')", name=op.f('ck_companies_thesis_role')),
    sa.ForeignKeyConstraint(['parent_id'], ['companies.id'], name=op.f('fk_companies_parent_id_companies'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_companies')),
    sa.UniqueConstraint('name_key', name=op.f('uq_companies_name_key'))
    )
    op.create_table('ai_models',
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('released_on', sa.Date(), nullable=True),
    sa.Column('released_precision', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('modality', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('open_weights', sa.Boolean(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name_key', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('developer_id', sa.Integer(), nullable=True),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("modality IN ('text', 'image', 'audio', 'video', 'code', 'multimodal', 'moderation', 'other')", name=op.f('ck_ai_models_modality')),
    sa.CheckConstraint("released_precision IN ('day', 'month', 'quarter', 'year')", name=op.f('ck_ai_models_released_precision')),
    sa.CheckConstraint("status IN ('released', 'expected')", name=op.f('ck_ai_models_status')),
    sa.ForeignKeyConstraint(['developer_id'], ['companies.id'], name=op.f('fk_ai_models_developer_id_companies'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['parent_id'], ['ai_models.id'], name=op.f('fk_ai_models_parent_id_ai_models'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ai_models')),
    sa.UniqueConstraint('name_key', name=op.f('uq_ai_models_name_key'))
    )
    op.create_table('company_categories',
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['categories.id'], name=op.f('fk_company_categories_category_id_categories'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_company_categories_company_id_companies'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('company_id', 'category_id', name=op.f('pk_company_categories'))
    )
    op.create_table('funding_rounds',
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('announced_on', sa.Date(), nullable=True),
    sa.Column('announced_precision', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('round_type', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=True),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=True),
    sa.Column('amount_usd', sa.BigInteger(), nullable=True),
    sa.Column('pre_money_usd', sa.BigInteger(), nullable=True),
    sa.Column('post_money_usd', sa.BigInteger(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.CheckConstraint("announced_precision IN ('day', 'month', 'quarter', 'year')", name=op.f('ck_funding_rounds_announced_precision')),
    sa.CheckConstraint("round_type IN ('pre_seed', 'seed', 'series_a', 'series_b', 'series_c', 'series_d', 'series_e', 'growth', 'corporate_round', 'strategic', 'pledge', 'grant', 'debt', 'secondary', 'fund_commitment', 'unknown')", name=op.f('ck_funding_rounds_round_type')),
    sa.CheckConstraint("status IN ('closed', 'announced', 'reported', 'in_talks')", name=op.f('ck_funding_rounds_status')),
    sa.CheckConstraint('(amount IS NULL OR amount >= 0) AND (amount_usd IS NULL OR amount_usd >= 0) AND (pre_money_usd IS NULL OR pre_money_usd >= 0) AND (post_money_usd IS NULL OR post_money_usd >= 0)', name=op.f('ck_funding_rounds_amounts_not_negative')),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_funding_rounds_company_id_companies'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_funding_rounds'))
    )
    with op.batch_alter_table('funding_rounds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_funding_rounds_company_id'), ['company_id'], unique=False)

    op.create_table('people',
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('name_key', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('name_zh', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('handle', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('company_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_people_company_id_companies'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people')),
    sa.UniqueConstraint('name_key', name=op.f('uq_people_name_key'))
    )
    op.create_table('products',
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('homepage', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
    sa.Column('launched_on', sa.Date(), nullable=True),
    sa.Column('launched_precision', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('name_key', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.CheckConstraint("launched_precision IN ('day', 'month', 'quarter', 'year')", name=op.f('ck_products_launched_precision')),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_products_company_id_companies'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_products')),
    sa.UniqueConstraint('company_id', 'name_key', name=op.f('uq_products_company_id_name_key'))
    )
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_products_company_id'), ['company_id'], unique=False)

    op.create_table('sources',
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('url', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
    sa.Column('publisher', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('author', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('published_on', sa.Date(), nullable=True),
    sa.Column('published_precision', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('locator', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('url_key', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.CheckConstraint("kind IN ('notes', 'article', 'interview', 'podcast', 'paper', 'social_post', 'official_page')", name=op.f('ck_sources_kind')),
    sa.CheckConstraint("published_precision IN ('day', 'month', 'quarter', 'year')", name=op.f('ck_sources_published_precision')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sources')),
    sa.UniqueConstraint('url_key', name=op.f('uq_sources_url_key'))
    )
    op.create_table('claims',
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('statement', sa.Text(), nullable=False),
    sa.Column('summary_en', sa.Text(), nullable=True),
    sa.Column('topic', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('stance', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('speaker', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("stance IN ('favours_channel', 'favours_applications', 'favours_model', 'neutral')", name=op.f('ck_claims_stance')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_claims_person_id_people'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claims'))
    )
    op.create_table('events',
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=True),
    sa.Column('occurred_precision', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('expected', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=True),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('model_id', sa.Integer(), nullable=True),
    sa.Column('funding_round_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("kind IN ('founding', 'release', 'funding', 'partnership', 'governance', 'milestone', 'announcement', 'report')", name=op.f('ck_events_kind')),
    sa.CheckConstraint("occurred_precision IN ('day', 'month', 'quarter', 'year')", name=op.f('ck_events_occurred_precision')),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_events_company_id_companies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['funding_round_id'], ['funding_rounds.id'], name=op.f('fk_events_funding_round_id_funding_rounds'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['model_id'], ['ai_models.id'], name=op.f('fk_events_model_id_ai_models'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_events_product_id_products'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_company_id'), ['company_id'], unique=False)

    op.create_table('investments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('funding_round_id', sa.Integer(), nullable=False),
    sa.Column('investor_id', sa.Integer(), nullable=False),
    sa.Column('is_lead', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['funding_round_id'], ['funding_rounds.id'], name=op.f('fk_investments_funding_round_id_funding_rounds'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['investor_id'], ['companies.id'], name=op.f('fk_investments_investor_id_companies'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_investments')),
    sa.UniqueConstraint('funding_round_id', 'investor_id', name=op.f('uq_investments_funding_round_id_investor_id'))
    )
    with op.batch_alter_table('investments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_investments_funding_round_id'), ['funding_round_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_investments_investor_id'), ['investor_id'], unique=False)

    op.create_table('metrics',
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('label', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('value_high', sa.Float(), nullable=True),
    sa.Column('unit', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('approximate', sa.Boolean(), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=True),
    sa.Column('as_of_precision', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=True),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('model_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("as_of_precision IN ('day', 'month', 'quarter', 'year')", name=op.f('ck_metrics_as_of_precision')),
    sa.CheckConstraint("name IN ('users', 'revenue', 'arr', 'accuracy', 'improvement', 'valuation', 'headcount', 'training_data_size', 'fine_tuning_data_size', 'training_examples', 'accuracy_gain', 'operating_cost', 'fund_size', 'profit_cap', 'resolution_gain', 'waitlist', 'other')", name=op.f('ck_metrics_name')),
    sa.CheckConstraint("unit IN ('count', 'USD', 'USD/day', 'percent', 'pp/week', 'count/week', 'GB', 'KB', 'x', 'people', 's')", name=op.f('ck_metrics_unit')),
    sa.CheckConstraint('company_id IS NOT NULL OR product_id IS NOT NULL OR model_id IS NOT NULL', name=op.f('ck_metrics_has_subject')),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_metrics_company_id_companies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['model_id'], ['ai_models.id'], name=op.f('fk_metrics_model_id_ai_models'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_metrics_product_id_products'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_metrics'))
    )
    with op.batch_alter_table('metrics', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_metrics_company_id'), ['company_id'], unique=False)

    op.create_table('model_prices',
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('model_id', sa.Integer(), nullable=False),
    sa.Column('label', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('price', sa.Float(), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('unit', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=True),
    sa.Column('as_of_precision', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.CheckConstraint("as_of_precision IN ('day', 'month', 'quarter', 'year')", name=op.f('ck_model_prices_as_of_precision')),
    sa.CheckConstraint('price >= 0', name=op.f('ck_model_prices_price_not_negative')),
    sa.ForeignKeyConstraint(['model_id'], ['ai_models.id'], name=op.f('fk_model_prices_model_id_ai_models'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_model_prices'))
    )
    with op.batch_alter_table('model_prices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_model_prices_model_id'), ['model_id'], unique=False)

    op.create_table('model_uses',
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('model_id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=True),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('how', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.CheckConstraint("how IN ('trains_own', 'fine_tunes', 'calls_api')", name=op.f('ck_model_uses_how')),
    sa.CheckConstraint('company_id IS NOT NULL OR product_id IS NOT NULL', name=op.f('ck_model_uses_has_user')),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_model_uses_company_id_companies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['model_id'], ['ai_models.id'], name=op.f('fk_model_uses_model_id_ai_models'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_model_uses_product_id_products'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_model_uses'))
    )
    with op.batch_alter_table('model_uses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_model_uses_model_id'), ['model_id'], unique=False)

    op.create_table('product_categories',
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['categories.id'], name=op.f('fk_product_categories_category_id_categories'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_product_categories_product_id_products'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('product_id', 'category_id', name=op.f('pk_product_categories'))
    )
    op.create_table('citations',
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('quote_language', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('company_id', sa.Integer(), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('category_id', sa.Integer(), nullable=True),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('funding_round_id', sa.Integer(), nullable=True),
    sa.Column('investment_id', sa.Integer(), nullable=True),
    sa.Column('model_id', sa.Integer(), nullable=True),
    sa.Column('model_price_id', sa.Integer(), nullable=True),
    sa.Column('model_use_id', sa.Integer(), nullable=True),
    sa.Column('metric_id', sa.Integer(), nullable=True),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('claim_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('(CASE WHEN company_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN person_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN category_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN product_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN funding_round_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN investment_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN model_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN model_price_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN model_use_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN metric_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN event_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN claim_id IS NULL THEN 0 ELSE 1 END) = 1', name=op.f('ck_citations_one_subject')),
    sa.ForeignKeyConstraint(['category_id'], ['categories.id'], name=op.f('fk_citations_category_id_categories'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_citations_claim_id_claims'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_citations_company_id_companies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_citations_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['funding_round_id'], ['funding_rounds.id'], name=op.f('fk_citations_funding_round_id_funding_rounds'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['investment_id'], ['investments.id'], name=op.f('fk_citations_investment_id_investments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['metric_id'], ['metrics.id'], name=op.f('fk_citations_metric_id_metrics'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['model_id'], ['ai_models.id'], name=op.f('fk_citations_model_id_ai_models'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['model_price_id'], ['model_prices.id'], name=op.f('fk_citations_model_price_id_model_prices'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['model_use_id'], ['model_uses.id'], name=op.f('fk_citations_model_use_id_model_uses'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_citations_person_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_citations_product_id_products'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_citations_source_id_sources'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_citations'))
    )
    with op.batch_alter_table('citations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_citations_company_id'), ['company_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_citations_source_id'), ['source_id'], unique=False)

    op.create_table('claim_companies',
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_claim_companies_claim_id_claims'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_claim_companies_company_id_companies'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('claim_id', 'company_id', name=op.f('pk_claim_companies'))
    )


def downgrade() -> None:
    op.drop_table('claim_companies')
    with op.batch_alter_table('citations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_citations_source_id'))
        batch_op.drop_index(batch_op.f('ix_citations_company_id'))

    op.drop_table('citations')
    op.drop_table('product_categories')
    with op.batch_alter_table('model_uses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_model_uses_model_id'))

    op.drop_table('model_uses')
    with op.batch_alter_table('model_prices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_model_prices_model_id'))

    op.drop_table('model_prices')
    with op.batch_alter_table('metrics', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_metrics_company_id'))

    op.drop_table('metrics')
    with op.batch_alter_table('investments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_investments_investor_id'))
        batch_op.drop_index(batch_op.f('ix_investments_funding_round_id'))

    op.drop_table('investments')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_company_id'))

    op.drop_table('events')
    op.drop_table('claims')
    op.drop_table('sources')
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_products_company_id'))

    op.drop_table('products')
    op.drop_table('people')
    with op.batch_alter_table('funding_rounds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_funding_rounds_company_id'))

    op.drop_table('funding_rounds')
    op.drop_table('company_categories')
    op.drop_table('ai_models')
    op.drop_table('companies')
    op.drop_table('categories')
