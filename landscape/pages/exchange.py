"""Import & export: upload a CSV, preview it, import it; download every table or landscape.yml."""

from functools import partial

import streamlit as st

from landscape import registry, ui
from landscape.exchange.csv_import import import_stem, import_table
from landscape.exchange.export import ExportFormat, export_zip
from landscape.exchange.formats import Profile
from landscape.exchange.landscape_yml import export_landscape

engine = ui.engine()

st.title("Import & export")
st.caption(
    "Bring a list in as CSV, or take every table out. Spreadsheet files defuse cells that a "
    "spreadsheet would run as formulas; importing them restores the values exactly."
)

# ---------------------------------------------------------------- import

st.header("Import a CSV file")
upload = st.file_uploader(
    "CSV file (UTF-8 with or without BOM, or cp1252; comma, semicolon or tab separated)",
    type=["csv", "txt", "tsv", "json"],
    key="import_file",
)
tables = list(registry.by_stem())  # file stems, in import order
guess = import_stem(upload.name) if upload else None
left, middle, right = st.columns(3)
table = left.selectbox(
    "Table", tables, index=tables.index(guess or "companies"), key="import_table"
)
profile = middle.selectbox(
    "Written in profile",
    [p.value for p in Profile],
    key="import_profile",
    help="spreadsheet: one leading apostrophe the export added is removed; raw: untouched.",
)
upsert = right.toggle("Update rows that exist", key="import_upsert")

if upload is not None:
    data = upload.getvalue()
    options = {"file_name": upload.name, "profile": Profile(profile), "upsert": upsert}
    preview = import_table(engine, table, data, dry_run=True, **options)
    st.subheader("Preview")
    st.text(preview.summary())
    if preview.problems:
        st.error(f"{len(preview.problems)} problems: fix the file and upload it again.")
        st.dataframe(preview.problems_frame(), hide_index=True, key="import_problems")
    st.dataframe(preview.frame(), hide_index=True, key="import_preview")
    if preview.ok and st.button("Import", type="primary", key="import_run"):
        report = import_table(engine, table, data, **options)
        if report.written:
            ui.clear_caches()
            st.success(report.summary())
        else:
            st.error(report.summary())
            st.dataframe(report.problems_frame(), hide_index=True, key="import_run_problems")

# ---------------------------------------------------------------- export

st.header("Export")
left, right = st.columns(2)
export_profile = left.selectbox(
    "Profile", [p.value for p in Profile], key="export_profile",
    help="spreadsheet (default) for Excel and friends; raw for programs.",
)  # fmt: skip
bom = right.toggle("UTF-8 with BOM (Excel and Chinese names)", key="export_bom")


def _landscape_yml() -> bytes:
    return export_landscape(engine)[0].encode("utf-8")


# Both files are written when their button is clicked, not on every rerun of the page.
st.download_button(
    "Download all tables (zip)",
    partial(export_zip, engine, fmt=ExportFormat.csv, profile=Profile(export_profile), bom=bom),
    file_name="landscape-export.zip",
    mime="application/zip",
    key="download_zip",
)
st.download_button(
    "Download landscape.yml",
    _landscape_yml,
    file_name="landscape.yml",
    mime="application/x-yaml",
    key="download_landscape_yml",
)
