"""What rests on the project's own inference: facts cited to a source of kind ``inference``
(no source's words, a paraphrase of our reasoning), so every page can mark them alike."""

from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from landscape import models as m
from landscape.queries.common import joined_text

# The source kind of the project's own inference: facts no source states.
INFERENCE = m.SourceKind.inference
INFERENCE_MARK = " (the project's inference)"
# How an inference's note names the company field it infers: "thesis_role: channel_owner".
ROLE_FIELD = "thesis_role"


def rests_on_inference(citation_column: str, id_column: Any) -> ColumnElement[bool]:
    """Whether the row ``id_column`` has a citation to a source of kind ``inference``.

    The inferred ids are one uncorrelated subquery (few rows), not a lookup per row.
    """
    citation = getattr(m.Citation, citation_column)
    inferred = (
        select(citation)
        .join(m.Source, col(m.Source.id) == col(m.Citation.source_id))
        .where(citation.is_not(None), col(m.Source.kind) == INFERENCE)
    )
    return id_column.in_(inferred)


def role_basis(engine: Engine) -> Any:
    """Subquery: (company_id, basis): what the project's inference about a company's role says.

    A company's inference is about its role when its note names the field (``thesis_role:
    channel_owner``) or names none; one about another field (``founded: 2021``) is not.
    """
    citation = m.Citation
    said = func.coalesce(col(citation.paraphrase), col(citation.note), col(citation.quote))
    about_the_role = col(citation.note).is_(None) | col(citation.note).startswith(ROLE_FIELD)
    distinct = (
        select(col(citation.company_id).label("company_id"), said.label("basis"))
        .join(m.Source, col(m.Source.id) == col(citation.source_id))
        .where(
            col(citation.company_id).is_not(None),
            col(m.Source.kind) == INFERENCE,
            about_the_role,
        )
        .distinct()
        .subquery()
    )
    return (
        select(distinct.c.company_id, joined_text(engine, distinct.c.basis, " / ").label("basis"))
        .group_by(distinct.c.company_id)
        .subquery("role_basis")
    )


def role_label(role: object, inferred: object) -> str:
    """A thesis role for reading, marked when it rests on the project's inference."""
    if role is None or role != role:  # None or NaN
        return ""
    return str(role).replace("_", " ") + (INFERENCE_MARK if inferred else "")
