"""Dashboard pages: one flat Streamlit script per file."""

from pathlib import Path

PAGES_DIR = Path(__file__).resolve().parent
