"""The Add data forms: one form per table people edit by hand, and its submission.

A form draws its table's fields (``FIELDS``) with the stored values of the row picked above it,
each with its error beneath; on submit the library validates everything (``crud.save``). A bad
field gets its message right under it and the form keeps what was typed; nothing is written
until every field passes. A saved form starts afresh (its widgets get new keys), and a double
click or a second Enter writes once (see ``submit``).

The page (``pages/add.py``) only lays the forms out in tabs: ``data_form(table)`` draws one.
"""

import threading
from collections.abc import Callable
from typing import Any

import streamlit as st
from pydantic_core import PydanticUndefined

from landscape import crud, db, registry, ui
from landscape import models as m
from landscape.config import database_url
from landscape.iso_codes import COUNTRIES, CURRENCIES
from landscape.queries import forms as q
from landscape.schemas import DuplicateError, InputError

SUBMISSION_WAIT_SECONDS = 60
DATE_HELP = "YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD: as precise as the source is."
QUOTE_HELP = (
    "The source's own words that support this fact, copied exactly and in their original "
    "language (Chinese stays Chinese). A translation or a page number goes in the note."
)
NEW = None


# ---------------------------------------------------------------- form state
#
# A double click sends two reruns carrying the same submission. Streamlit may stop a callback
# at any read or write of st.session_state, and may start the second rerun while the first
# callback is still writing, in another thread. So a submission reads everything first; then,
# under a lock, the first comer claims it and the others wait for its outcome; the first
# writes and records the outcome only through plain objects already in hand. A submission is
# written exactly once, and every rerun shows its outcome.


def form_state(table: str) -> dict[str, Any]:
    """This form's generation (bumped after each save, so the next form gets fresh widget
    keys), its last failure and its last saved message."""
    state: dict[str, Any] = st.session_state.setdefault(f"add.{table}", {})
    state.setdefault("generation", 0)
    return state


def failure_for(table: str, ns: str) -> InputError | None:
    """The last failed submission of this form instance, if any."""
    failure = form_state(table).get("failure")
    if not failure or failure[0] != ns:
        return None
    return failure[1]


def collected(ns: str) -> dict[str, Any]:
    """The submitted widget values of form ``ns``, nested at dots (``citation.source.title``)."""
    values: dict[str, Any] = {}
    prefix = ns + "."
    for key in list(st.session_state.keys()):
        if not isinstance(key, str) or not key.startswith(prefix):
            continue
        target = values
        *parents, leaf = key[len(prefix) :].split(".")
        for parent in parents:
            target = target.setdefault(parent, {})
        target[leaf] = st.session_state[key]
    return values


def submit(table: str, noun: str, ns: str, row_id: int | None) -> None:
    """The submit button's callback: validate and write once per form instance ``ns``."""
    claims = st.session_state.setdefault("add.claims", {"lock": threading.Lock(), "by_form": {}})
    state = form_state(table)
    values = collected(ns)
    # From here on: no st.* call until the outcome is recorded (see above).
    with claims["lock"]:
        done = claims["by_form"].get(ns)
        first = done is None
        if first:
            done = claims["by_form"][ns] = threading.Event()
    if not first:  # a second click or Enter: the first one writes, show its outcome
        done.wait(timeout=SUBMISSION_WAIT_SECONDS)
        return
    try:
        outcome = write(table, noun, values, row_id)
    except Exception:
        del claims["by_form"][ns]  # nothing was written: the next click may try again
        done.set()
        raise
    if isinstance(outcome, InputError):
        del claims["by_form"][ns]  # corrected input may be submitted again
        state.update(failure=(ns, outcome), saved=None)
    else:
        state.update(failure=None, saved=outcome, generation=state["generation"] + 1)
    try:
        if not isinstance(outcome, InputError):
            ui.clear_caches()  # before the waiting reruns wake: they must show fresh data
    finally:
        done.set()


def write(table: str, noun: str, values: dict[str, Any], row_id: int | None) -> str | InputError:
    """Save the submitted values; the message naming what was saved, or what was wrong."""
    citation = values.pop("citation", None)
    if table == "sources" and citation is not None:
        subject, _, subject_id = (citation.pop("subject_key", None) or "").partition(":")
        citation |= {"subject": subject or None, "subject_id": subject_id or None}
    try:
        with db.session_scope(database_url()) as session:
            row = crud.save(session, table=table, values=values, citation=citation, row_id=row_id)
            return saved_message(noun, row, edited=row_id is not None)
    except InputError as exc:
        return exc


def saved_message(noun: str, row: Any, edited: bool) -> str:
    """Markdown naming what was saved; a company links to its page."""
    verb = "Updated" if edited else "Added"
    name = ui.escape_markdown(crud.describe(row))
    if isinstance(row, m.Company):
        name = f"[{name}](company?id={row.id})"
    return f"{verb} {noun} {name}."


# ---------------------------------------------------------------- fields


class Form:
    """Draws one form's fields with their stored values, each with its error beneath."""

    def __init__(self, ns: str, values: dict[str, Any], failure: InputError | None) -> None:
        self.ns = ns
        self.values = values
        self.failure = failure
        self.errors = failure.errors if failure else {}
        self.shown: set[str] = set()

    def key(self, field: str) -> str:
        return f"{self.ns}.{field}"

    def value(self, field: str, default: Any = None) -> Any:
        node: Any = self.values
        for part in field.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        return default if node is None else node

    def error(self, *fields: str) -> None:
        for field in fields:
            if field in self.errors and field not in self.shown:
                self.shown.add(field)
                duplicate = self.failure.duplicate if self.failure else None
                show_error(
                    self.errors[field],
                    duplicate if duplicate and duplicate.field == field else None,
                )

    def text(self, field: str, label: str, area: bool = False, **kwargs: Any) -> None:
        widget = st.text_area if area else st.text_input
        widget(label, value=self.value(field, ""), key=self.key(field), **kwargs)
        self.error(field)

    def choice(
        self,
        field: str,
        label: str,
        options: list[Any],
        names: Callable[[Any], str] | dict[Any, str] | None = None,
        optional: bool = False,
        **kwargs: Any,
    ) -> None:
        """A selectbox; options are shown as plain text (selectboxes parse no markdown)."""
        if optional:
            options = [None, *options]
        current = self.value(field)
        index = options.index(current) if current in options else 0
        st.selectbox(
            label,
            options,
            index=index,
            format_func=_namer(names),
            key=self.key(field),
            **kwargs,
        )
        self.error(field)

    def code(self, field: str, label: str, codes: dict[str, str]) -> None:
        """An optional pick among ISO codes, each shown with its name: ``FR — France``."""
        names = {code: f"{code} — {name}" for code, name in codes.items()}
        self.choice(field, label, list(codes), names=names, optional=True)

    def row(self, field: str, label: str, choices: Callable[..., Any]) -> dict[int, str]:
        """An optional pick of one row among ``choices`` (a picker query); returns them."""
        rows = dict(ui.query(choices))
        self.choice(field, label, list(rows), names=rows, optional=True)
        return rows

    def many(
        self, field: str, label: str, options: list[Any], names: Any = None, **kwargs: Any
    ) -> None:
        chosen = [v for v in self.value(field, []) if v in options]
        st.multiselect(
            label, options, default=chosen, format_func=_namer(names), key=self.key(field), **kwargs
        )
        self.error(field)

    def number(self, field: str, label: str, whole: bool = True, **kwargs: Any) -> None:
        value = self.value(field)
        if whole:
            st.number_input(
                label,
                value=None if value is None else int(value),
                step=1,
                format="%d",
                key=self.key(field),
                **kwargs,
            )
        else:
            st.number_input(
                label,
                value=None if value is None else float(value),
                step=None,
                format="%g",
                key=self.key(field),
                **kwargs,
            )
        self.error(field)

    def flag(self, field: str, label: str, **kwargs: Any) -> None:
        st.checkbox(label, value=bool(self.value(field, False)), key=self.key(field), **kwargs)
        self.error(field)

    def date(self, field: str, label: str) -> None:
        self.text(field, label, placeholder="e.g. 2015-Q4", help=DATE_HELP)

    def leftover_errors(self) -> None:
        """Errors no field showed (so none goes unseen)."""
        for field, message in self.errors.items():
            if field not in self.shown:
                self.shown.add(field)
                show_error(f"{field}: {message}")


def show_error(message: str, duplicate: DuplicateError | None = None) -> None:
    """A message under its field; a duplicate company links to the company it clashes with."""
    if duplicate is not None and duplicate.table == "companies":
        exc = duplicate
        name = ui.escape_markdown(exc.existing_name)
        st.error(
            f"A company named [{name}](company?id={exc.existing_id}) already exists "
            "(names are compared ignoring case, width and extra spaces). Edit that one instead?",
            icon=":material/error:",
        )
        return
    st.error(ui.escape_markdown(message), icon=":material/error:")


def _namer(names: Callable[[Any], str] | dict[Any, str] | None) -> Callable[[Any], str]:
    def name(option: Any) -> str:
        if option is None:
            return "—"
        if callable(names):
            return names(option)
        if isinstance(names, dict):
            return names.get(option, str(option))
        return str(option).replace("_", " ")

    return name


def enum_values(enum: Any) -> list[str]:
    return [member.value for member in enum]


# ---------------------------------------------------------------- the citation block


def citation_fields(form: Form, new_fact: bool) -> None:
    """Pick a source or describe a new one, with the quote that supports the fact (required
    with every source, so that a reader can check the fact)."""
    sources = dict(ui.query(q.source_choices))
    st.markdown("**Source**" if new_fact else "**Source** (optional for an edit)")
    form.choice(
        "citation.source_id",
        "Existing source",
        list(sources),
        names=sources,
        optional=True,
        help="Leave empty to describe a new source below.",
    )
    with st.expander("…or a new source", expanded=_has_error(form, "citation.source.")):
        source_fields(form, "citation.source.")
    form.text(
        "citation.quote",
        "Quote (required)" if new_fact else "Quote (required with a source)",
        area=True,
        help=QUOTE_HELP,
    )
    form.text("citation.note", "Note", help="Anything else: a page, a translation.")
    form.error("citation.form", "citation.source")


def source_fields(form: Form, prefix: str = "") -> None:
    form.text(prefix + "title", "Title")
    form.text(prefix + "url", "Web address", placeholder="https://…")
    form.choice(prefix + "kind", "Kind", enum_values(m.SourceKind), optional=bool(prefix))
    form.text(prefix + "publisher", "Publisher")
    form.text(prefix + "author", "Author")
    form.date(prefix + "published", "Published")
    form.text(prefix + "language", "Language", placeholder="en, zh …", help="A BCP 47 tag.")
    form.text(prefix + "locator", "Where to find it", help="When there is no web address.")


def _has_error(form: Form, prefix: str) -> bool:
    return any(field.startswith(prefix) for field in form.errors)


# ---------------------------------------------------------------- one form per tab


def company_fields(form: Form) -> None:
    form.text("name", "Name", help="Unique, ignoring case, width and extra spaces.")
    left, right = st.columns(2)
    with left:
        form.choice("kind", "Kind", enum_values(m.CompanyKind))
        form.choice("thesis_role", "Thesis role", enum_values(m.ThesisRole), optional=True)
        form.date("founded", "Founded")
    with right:
        form.choice("status", "Status", enum_values(m.CompanyStatus))
        form.code("hq_country", "Country", COUNTRIES)
        form.text("hq_city", "City")
    listing_fields(form)


def product_fields(form: Form) -> None:
    form.row("company_id", "Company", q.company_choices)
    form.text("name", "Name", help="Unique within its company.")
    form.date("launched", "Launched")
    listing_fields(form)


def listing_fields(form: Form) -> None:
    """Where a company or a product is found: its homepage, categories and description."""
    form.text("homepage", "Homepage", placeholder="https://…")
    form.many("categories", "Categories", ui.query(q.category_choices))
    form.text("description", "Description", area=True)


def funding_round_fields(form: Form) -> None:
    companies = form.row("company_id", "Company", q.company_choices)
    left, right = st.columns(2)
    with left:
        form.choice("round_type", "Round", enum_values(m.RoundType))
        form.date("announced", "Announced")
        form.number("amount", "Amount", help="In the currency below; empty when undisclosed.")
        form.number("pre_money_usd", "Pre-money valuation (USD)")
    with right:
        form.choice("status", "Status", enum_values(m.RoundStatus))
        form.code("currency", "Currency", CURRENCIES)
        form.number("amount_usd", "Amount in USD", help="Filled from the amount for USD rounds.")
        form.number("post_money_usd", "Post-money valuation (USD)")
    form.many("investor_ids", "Investors", list(companies), names=companies)
    form.choice(
        "lead_investor_id",
        "Lead investor",
        list(companies),
        names=companies,
        optional=True,
        help="One of the investors above.",
    )
    form.text("description", "Description", area=True)


def subject_fields(form: Form) -> None:
    left, right = st.columns(2)
    with left:
        form.row("company_id", "Company", q.company_choices)
    with right:
        form.row("product_id", "Product", q.product_choices)


def metric_fields(form: Form) -> None:
    subject_fields(form)
    left, right = st.columns(2)
    with left:
        form.choice("name", "Metric", enum_values(m.MetricName))
        form.number("value", "Value", whole=False)
        form.date("as_of_text", "As of")
    with right:
        form.choice("unit", "Unit", enum_values(m.MetricUnit), names=str)
        form.number("value_high", "Upper bound", whole=False, help="For a range.")
        form.flag("approximate", "Approximate")
    form.text("label", "Label", help="What exactly is counted.")
    form.text("description", "Description", area=True)


def event_fields(form: Form) -> None:
    subject_fields(form)
    form.text("title", "Title")
    left, right = st.columns(2)
    with left:
        form.choice("kind", "Kind", enum_values(m.EventKind))
    with right:
        form.date("date", "Date")
    form.flag("expected", "Expected", help="Announced or anticipated: may lie in the future.")
    form.text("description", "Description", area=True)


def source_form_fields(form: Form) -> None:
    source_fields(form)
    st.markdown("**Cite it for** (optional)")
    facts = {f"{table}:{row_id}": label for table, row_id, label in ui.query(q.citable_choices)}
    st.selectbox(
        "Fact it supports",
        [None, *facts],
        format_func=lambda key: "—" if key is None else facts[key],
        key=form.key("citation.subject_key"),
    )
    form.error("citation.subject", "citation.subject_id")
    form.text("citation.quote", "Quote (required to cite it)", area=True, help=QUOTE_HELP)
    form.text("citation.note", "Note", help="Anything else: a page, a translation.")


FIELDS: dict[str, Callable[[Form], None]] = {
    "companies": company_fields,
    "products": product_fields,
    "funding_rounds": funding_round_fields,
    "metrics": metric_fields,
    "events": event_fields,
    "sources": source_form_fields,
}


def tabs() -> dict[str, str]:
    """Tab label → table of every form, in the registry's order: "Funding round" → ..."""
    return {record.title: table for table, record in registry.forms().items()}


def new_values(table: str) -> dict[str, Any]:
    """A new row's starting values: its Create model's defaults (a round's type "unknown")."""
    create = registry.record(table).form_schemas()[0]
    return {
        name: field.default
        for name, field in create.model_fields.items()
        if field.default not in (None, PydanticUndefined)
    }


def data_form(table: str) -> None:
    """A picker (new or an existing row), then the form with its fields and source block."""
    noun = registry.record(table).noun
    state = form_state(table)
    if saved := state.get("saved"):
        st.success(saved, icon=":material/check_circle:")
    rows = dict(ui.query(q.ROW_CHOICES[table]))
    picked = st.selectbox(
        f"Add a new {noun} or edit one",
        [NEW, *rows],
        format_func=lambda row_id: f"New {noun}" if row_id is None else rows[row_id],
        key=f"add.{table}.pick",
    )
    ns = f"add.{table}.{picked or 'new'}.{state['generation']}"  # widget keys: ns.field
    values = ui.query(q.form_values, table, picked) if picked is not None else new_values(table)
    form = Form(ns, values, failure_for(table, ns))
    with st.form(f"{ns}-form", enter_to_submit=True, border=True):
        FIELDS[table](form)
        if table != "sources":
            citation_fields(form, new_fact=picked is None)
        form.leftover_errors()
        st.form_submit_button(
            f"Save {noun}" if picked is None else f"Save changes to this {noun}",
            type="primary",
            on_click=submit,
            args=(table, noun, ns, picked),
        )
