"""Rows that rest on the project's own inference (a source of kind ``inference``), for the tests
of what the Thesis page marks as inferred."""

from sqlalchemy import select, text

from landscape import db
from landscape import models as m


def cite_inference(url: str, note: str | None = None, **subject: int) -> str:
    """Cite the project's inference for one row (``company_id=3``, ``model_use_id=5``...),
    with a ``note`` naming the field it infers if given; returns the paraphrase it gives as its
    reasoning."""
    paraphrase = f"Inferred for {subject}"
    with db.session_scope(url) as session:
        source = session.execute(
            select(m.Source).where(m.Source.kind == m.SourceKind.inference)
        ).scalar_one_or_none()
        if source is None:
            source = m.Source(
                title="The project's inference", kind=m.SourceKind.inference, url_key="inference"
            )
            session.add(source)
            session.flush()
        session.add(m.Citation(source_id=source.id, paraphrase=paraphrase, note=note, **subject))
    return paraphrase


def company_id(url: str, name: str) -> int:
    """The id of the company called ``name``."""
    with db.session_scope(url) as session:
        return int(session.execute(select(m.Company.id).where(m.Company.name == name)).scalar_one())


def forget_inferences(url: str) -> None:
    """Drop the citations of the project's inference, for a baseline that has none."""
    with db.get_engine(url).begin() as connection:
        connection.execute(
            text(
                "DELETE FROM citations WHERE source_id IN"
                " (SELECT id FROM sources WHERE kind = 'inference')"
            )
        )
