"""The command line: help, and one clear line (no traceback) for every user error."""

import subprocess
import sys
from pathlib import Path

import pytest

from landscape.cli import build_parser, main


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "landscape", *args],
        capture_output=True, text=True, timeout=120, cwd=cwd,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--db", "postgresql+psycopg://nobody@127.0.0.1:1/x", "db", "current"], "cannot connect"),
        (["--db", "not a url", "db", "current"], "not a database URL"),
        (["--db", "sqlite:////no/such/folder/x.db", "db", "upgrade"], "no folder"),
        (["--db", "mysql+nodriver://u@h/d", "db", "current"], "no driver"),
    ],
)
def test_errors_print_one_line_and_exit_non_zero(args: list[str], expected: str) -> None:
    result = _run(*args)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("landscape: error:") and expected in lines[0]
    assert "Traceback" not in result.stderr


def test_default_database_is_landscape_db_in_the_working_directory(tmp_path: Path) -> None:
    result = _run("db", "upgrade", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "landscape.db").exists()


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in build_parser()._subparsers._group_actions[0].choices:  # type: ignore[union-attr]
        assert command in out


def test_downgrade_then_upgrade(migrated_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", migrated_url, "db", "downgrade", "base"]) == 0
    assert "base" in capsys.readouterr().out
    assert main(["--db", migrated_url, "db", "upgrade"]) == 0


def test_readme_lists_every_command() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("landscape [--db URL] COMMAND", 1)[1].split("```", 1)[0]
    listed = {line.split()[0] for line in block.strip().splitlines()}
    commands = set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    assert commands == listed


# Libraries that take most of a second to import: a fast command loads none of them, and
# `db current` no more than SQLAlchemy (it must open the database).
HEAVY = ("alembic", "sqlmodel", "pydantic", "pandas", "numpy", "streamlit", "altair", "yaml")


def _modules_loaded_by(*args: str) -> set[str]:
    """The heavy top-level modules loaded by running ``landscape ARGS`` in a fresh interpreter."""
    script = (
        "import sys\n"
        "from landscape.cli import main\n"
        "try:\n"
        f"    main({list(args)!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(' '.join(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split()) & {*HEAVY, "sqlalchemy"}


def test_help_imports_no_heavy_library() -> None:
    assert _modules_loaded_by("--help") == set()
    assert _modules_loaded_by("--version") == set()


def test_db_current_imports_only_sqlalchemy(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    assert main(["--db", url, "db", "upgrade"]) == 0
    assert _modules_loaded_by("--db", url, "db", "current") == {"sqlalchemy"}


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["export"], "--zip"),
        (["import"], "--upsert"),
        (["add", "company"], "--homepage"),
        (["edit", "round"], "--amount"),
        (["add"], "company"),
        (["conflicts"], "--format"),
    ],
)
def test_a_commands_help_lists_the_options_it_gets_when_run(
    args: list[str], option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Options that come from the library are added when their command is run, help included."""
    with pytest.raises(SystemExit) as stopped:
        main([*args, "--help"])
    assert stopped.value.code == 0
    assert option in capsys.readouterr().out
