"""Data in and out: CSV and JSON exports, CSV imports, and the landscape.yml format.

- ``formats``: CSV profiles (spreadsheet / raw), encodings, delimiters, numbered records.
- ``export``: whole tables out, to a folder or a zip, with a manifest.
- ``columns``: how each imported column is read and checked.
- ``csv_import``: one table, or a whole export, into the database, all or nothing.
- ``landscape_yml``: the CNCF landscape2 / landscapeapp data format, both ways.
"""
