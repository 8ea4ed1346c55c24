"""What an import did or found: problems with files, records and cells, and one outcome per
record (added, updated, unchanged, duplicate, error)."""

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

Progress = Callable[[str, int, int], None]  # (file, records done, records in file)


class ImportFailed(ValueError):
    """A file that cannot be imported at all (unreadable, unknown table)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, a record or a cell."""

    file: str
    record: int | None
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.record is not None:
            where += f" record {self.record}"
        if self.line is not None:
            where += f" (line {self.line})"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Outcome:
    """What happened (or would happen) to one record."""

    file: str
    record: int
    line: int | None
    name: str
    action: str  # added, updated, unchanged, duplicate, error
    detail: str = ""


@dataclass
class ImportReport:
    """Everything an import did or found; ``written`` is True only when it committed."""

    dry_run: bool = False
    upsert: bool = False
    restored_ids: bool = False
    written: bool = False
    outcomes: list[Outcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    cited_to_file: int = 0  # rows given no citation, cited to their file
    uncited: int = 0  # rows a restore copied without a citation, as the export had them

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, action: str) -> int:
        return sum(outcome.action == action for outcome in self.outcomes)

    def counts_by_file(self) -> dict[str, Counter[str]]:
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for outcome in self.outcomes:
            counts[outcome.file][outcome.action] += 1
        return dict(counts)

    def summary(self) -> str:
        parts = [
            f"{self.count(action)} {action}"
            for action in ("added", "updated", "unchanged", "duplicate")
            if self.count(action)
        ]
        found = ", ".join(parts) or "no rows"
        if self.problems:
            return f"{len(self.problems)} problems; nothing written"
        if self.cited_to_file:
            rows = "row" if self.cited_to_file == 1 else "rows"
            found += f"; {self.cited_to_file} {rows} without a citation cite the imported file"
        if self.uncited:
            rows = "row has" if self.uncited == 1 else "rows have"
            found += f"; {self.uncited} {rows} no citation, as in the export (validate lists them)"
        if self.dry_run:
            return f"dry run: would write {found}; nothing written"
        return f"imported: {found}"

    def frame(self) -> pd.DataFrame:
        """One row per record: file, record, line, name, action, detail."""
        return pd.DataFrame(
            [outcome.__dict__ for outcome in self.outcomes],
            columns=["file", "record", "line", "name", "action", "detail"],
            dtype=object,
        )

    def problems_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            [problem.__dict__ for problem in self.problems],
            columns=["file", "record", "line", "column", "message"],
            dtype=object,
        )
