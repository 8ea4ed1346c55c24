"""Constraints the database itself enforces, on every backend."""

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from landscape import models as m
from landscape.db import get_engine


def test_names_equal_under_normalization_are_one_company(migrated_url: str) -> None:
    engine = get_engine(migrated_url)
    with Session(engine) as session:
        session.add(m.Company(name="OpenAI"))
        session.commit()
        session.add(m.Company(name="ＯｐｅｎＡＩ"))
        with pytest.raises(IntegrityError):
            session.commit()
        session.rollback()
        assert session.execute(select(func.count()).select_from(m.Company)).scalar_one() == 1


def test_name_key_follows_a_rename(migrated_url: str) -> None:
    with Session(get_engine(migrated_url)) as session:
        company = m.Company(name="Stability AI")
        session.add(company)
        session.commit()
        company.name = "Stability.AI"
        session.commit()
        assert company.name_key == "stability.ai"


def test_vocabularies_are_checked_by_the_database(migrated_url: str) -> None:
    with get_engine(migrated_url).connect() as connection, pytest.raises(IntegrityError):
        connection.execute(
            text(
                "INSERT INTO companies (name, name_key, kind, status, created_at, updated_at)"
                " VALUES ('X', 'x', 'spaceship', 'active', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )


def test_negative_amounts_are_refused(migrated_url: str) -> None:
    with Session(get_engine(migrated_url)) as session:
        company = m.Company(name="Jasper")
        session.add(company)
        session.flush()
        session.add(m.FundingRound(company_id=company.id, amount=-5, currency="USD"))
        with pytest.raises(IntegrityError):
            session.commit()


def test_a_citation_supports_exactly_one_fact(migrated_url: str) -> None:
    with Session(get_engine(migrated_url)) as session:
        source = m.Source(title="Notes", kind="notes")
        company = m.Company(name="Mem")
        session.add_all([source, company])
        session.flush()
        session.add(m.Citation(source_id=source.id, quote="q"))
        with pytest.raises(IntegrityError):
            session.commit()


def test_deleting_a_company_removes_its_rounds_and_their_citations(migrated_url: str) -> None:
    with Session(get_engine(migrated_url)) as session:
        source = m.Source(title="Notes", kind="notes")
        company = m.Company(name="Harvey")
        session.add_all([source, company])
        session.flush()
        funding = m.FundingRound(company_id=company.id, amount=5_000_000, currency="USD")
        session.add(funding)
        session.flush()
        session.add(m.Citation(source_id=source.id, funding_round_id=funding.id, quote="q"))
        session.commit()
        session.delete(company)
        session.commit()
        assert session.execute(select(func.count()).select_from(m.FundingRound)).scalar_one() == 0
        assert session.execute(select(func.count()).select_from(m.Citation)).scalar_one() == 0
        assert session.execute(select(func.count()).select_from(m.Source)).scalar_one() == 1


def test_an_investor_with_investments_cannot_be_deleted(migrated_url: str) -> None:
    with Session(get_engine(migrated_url)) as session:
        investor, startup = m.Company(name="Fund"), m.Company(name="Startup")
        session.add_all([investor, startup])
        session.flush()
        funding = m.FundingRound(company_id=startup.id)
        session.add(funding)
        session.flush()
        session.add(m.Investment(funding_round_id=funding.id, investor_id=investor.id))
        session.commit()
        session.delete(investor)
        with pytest.raises(IntegrityError):
            session.commit()
