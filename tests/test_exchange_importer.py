"""The importer writes new rows in batches: a file of several batches imports as one by one."""

from sqlalchemy import Engine, text

from landscape import db
from landscape.exchange.csv_import import import_table
from landscape.exchange.importer import BATCH
from landscape.validate import validate


def _rows(engine: Engine, sql: str) -> list[tuple]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def test_a_file_of_several_batches(migrated_url: str) -> None:
    engine = db.get_engine(migrated_url)
    assert import_table(engine, "categories", b"name\nText\nImage\n").ok
    count = 2 * BATCH + 300
    lines = ["name,categories,parent"]
    for i in range(count):
        parent = f"Company {count - 1}" if i == 10 else ""  # a parent further down the file
        lines.append(f"Company {i},{'Text; Image; text' if i % 2 else 'Text'},{parent}")
    lines.insert(BATCH + 50, "COMPANY  5,Image,")  # the same as record 6, a batch later
    report = import_table(engine, "companies", "\n".join(lines).encode())
    assert report.ok, report.problems
    assert report.count("added") == count
    [duplicate] = [o for o in report.outcomes if o.action == "duplicate"]
    assert (duplicate.record, duplicate.detail) == (BATCH + 50, "same as record 6 of this import")
    assert [o.record for o in report.outcomes] == list(range(1, count + 2))  # in file order
    assert report.cited_to_file == count
    ids = dict(_rows(engine, "SELECT name, id FROM companies"))
    assert len(ids) == count
    links = _rows(engine, "SELECT company_id, category_id FROM company_categories")
    assert len(links) == count + count // 2  # a name given twice links once
    parent = _rows(engine, "SELECT parent_id FROM companies WHERE name = 'Company 10'")
    assert parent == [(ids[f"Company {count - 1}"],)]
    assert validate(engine) == []
    # a second import finds every row by name, from the index read once
    again = import_table(engine, "companies", "\n".join(lines).encode())
    assert again.ok and again.count("added") == 0 and again.count("duplicate") == count + 1


def test_a_refused_batch_writes_nothing(migrated_url: str) -> None:
    engine = db.get_engine(migrated_url)
    with engine.begin() as connection:  # a name the import cannot see coming: it is a duplicate
        connection.execute(text(
            "CREATE UNIQUE INDEX only_one_homepage ON companies (homepage)"
        ))  # fmt: skip
    lines = ["name,homepage"] + [f"Company {i},https://same.example" for i in range(3)]
    report = import_table(engine, "companies", "\n".join(lines).encode())
    assert not report.ok
    assert "the database refused a batch from record 1" in str(report.problems[0])
    assert _rows(engine, "SELECT COUNT(*) FROM companies") == [(0,)]
