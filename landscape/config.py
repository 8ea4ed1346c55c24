"""Settings read from the environment."""

import os
from pathlib import Path

DATABASE_URL_ENV = "LANDSCAPE_DATABASE_URL"
DEFAULT_DATABASE_FILE = "landscape.db"


def default_database_url() -> str:
    """SQLite file ``landscape.db`` in the working directory."""
    return f"sqlite:///{Path.cwd() / DEFAULT_DATABASE_FILE}"


def database_url(override: str | None = None) -> str:
    """The database URL: an explicit override, else ``LANDSCAPE_DATABASE_URL``, else the default."""
    return override or os.environ.get(DATABASE_URL_ENV) or default_database_url()


def project_path(name: str) -> Path:
    """Locate a shipped folder or file (``migrations``, ``seed``, ``dashboard.py``).

    A source checkout (editable install) keeps them beside the package; a wheel carries them
    inside it, as ``landscape/_<name>``.
    """
    package_dir = Path(__file__).resolve().parent
    for candidate in (package_dir.parent / name, package_dir / f"_{name}"):
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"cannot find {name!r} beside or inside the landscape package")
