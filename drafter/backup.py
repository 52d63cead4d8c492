"""Backup and restore of the whole database as one file.

A backup is one JSON document (gzip-compressed when the file name ends in ``.gz``)
holding every row of every table of `Base.metadata`, with the format version and the
Alembic revision of the database it came from. The writer lays it out one row per line::

    {"format": "nap-drafter-backup", "format_version": 1, "schema_revision": "0002", ..., "data": [
    {"table": "plans", "columns": ["id", "title", ...], "rows": [
    [1, "National Action Plan", ...],
    [2, "Second plan", ...]
    ]},
    ...
    ], "row_counts": {"plans": 2, ...}, "sha256": "..."}

so any JSON tool can read it, while backup and restore stream it a batch of rows at a
time and a large database never has to fit in memory. `restore_backup` reads exactly
that layout (a file reformatted by hand is refused, not guessed at); the SHA-256 of
every line before the last, and the row counts, catch a damaged or truncated file.

Restore is all or nothing: the checks, the emptying (`replace=True`) and every insert
run in one transaction, so a file refused part-way leaves the database as it was.
Tables are read and written in foreign-key order (`Base.metadata.sorted_tables`), rows
in primary-key order (a reply always comes after the comment it answers).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import tempfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, Table, func, select, text
from sqlalchemy.exc import SQLAlchemyError

from .migrate import alembic_config
from .models import Base

FORMAT = "nap-drafter-backup"
FORMAT_VERSION = 1
BATCH_SIZE = 500
GZIP_MAGIC = b"\x1f\x8b"


class BackupError(Exception):
    """A backup or restore that was refused; `messages` say why. Nothing was written."""

    def __init__(self, *messages: str):
        super().__init__("; ".join(messages))
        self.messages = list(messages)


@dataclass
class Summary:
    """What a backup wrote or a restore read: the schema revision and rows per table."""

    revision: str
    rows: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.rows.values())


# Records of report files being made (drafter.jobs): they describe this machine's report
# cache and task queue, not the plans, so a backup leaves them out and a restore forgets
# them (a report asked for again is simply made again).
NOT_BACKED_UP = {"report_jobs"}


def tables() -> list[Table]:
    return [table for table in Base.metadata.sorted_tables if table.name not in NOT_BACKED_UP]


def head_revision() -> str:
    """The schema revision this version of the code works with."""
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def database_revision(connection: Connection) -> str | None:
    """The database's Alembic revision, or None when it has never been set up."""
    return MigrationContext.configure(connection).get_current_revision()


def _check_revision(connection: Connection) -> str:
    revision, head = database_revision(connection), head_revision()
    if revision is None:
        raise BackupError("the database has not been set up: run `drafter init-db` first")
    if revision != head:
        raise BackupError(f"the database is at schema revision {revision}, but this version "
                          f"of NAP Drafter works with {head}: run `drafter init-db` to "
                          "upgrade it, or use the version of NAP Drafter that matches it")
    return revision


# --- writing -------------------------------------------------------------------------


def write_backup(engine: Engine, path: str | Path, *, batch_size: int = BATCH_SIZE) -> Summary:
    """Write every row of the database to `path`, atomically: the file appears complete,
    or not at all (an older file of that name stays as it was). It is readable by its
    owner only, since it holds password hashes."""
    path = Path(path)
    try:
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise BackupError(f"cannot write {path}: {error.strerror or error}") from error
    try:
        with os.fdopen(handle, "wb") as raw:
            if path.name.endswith(".gz"):
                # gzip's own default level: Python's 9 took twice as long for 1% less.
                with gzip.GzipFile(filename=path.name[:-3], mode="wb", fileobj=raw,
                                   compresslevel=6) as out:
                    summary = _write(engine, out, batch_size)
            else:
                summary = _write(engine, raw, batch_size)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(temp, path)
    except BaseException as error:
        with suppress(FileNotFoundError):
            os.unlink(temp)
        if isinstance(error, OSError):
            raise BackupError(f"cannot write {path}: {error.strerror or error}") from error
        raise
    _sync_folder(path.parent)
    return summary


def _sync_folder(folder: Path) -> None:
    # The rename is durable only once the folder itself is on disk.
    with suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


@contextmanager
def _snapshot(engine: Engine) -> Iterator[Connection]:
    """A connection that sees one consistent state of every table while they are read."""
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            connection.execution_options(isolation_level="REPEATABLE READ",
                                         postgresql_readonly=True)
        elif engine.dialect.name == "sqlite":
            # pysqlite opens no transaction for reads; without one each SELECT could see
            # a different moment of a database the app is writing to.
            connection.exec_driver_sql("BEGIN")
        try:
            yield connection
        finally:
            connection.rollback()


def _encode(value):
    if isinstance(value, dt.date):  # datetimes too
        return value.isoformat()
    return value


def _write(engine: Engine, out, batch_size: int) -> Summary:
    digest = hashlib.sha256()

    def emit(line: str) -> None:
        data = (line + "\n").encode("utf-8")
        digest.update(data)
        out.write(data)

    counts: dict[str, int] = {}
    with _snapshot(engine) as connection:
        revision = _check_revision(connection)
        header = {"format": FORMAT, "format_version": FORMAT_VERSION,
                  "schema_revision": revision,
                  "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
        emit(json.dumps(header)[:-1] + ', "data": [')
        all_tables = tables()
        for number, table in enumerate(all_tables):
            start = {"table": table.name, "columns": [column.name for column in table.columns]}
            emit(json.dumps(start)[:-1] + ', "rows": [')
            query = select(table).order_by(*table.primary_key.columns)
            rows = connection.execution_options(yield_per=batch_size).execute(query)
            pending, count = None, 0
            for row in rows:
                if pending is not None:
                    emit(pending + ",")
                pending = json.dumps([_encode(value) for value in row], ensure_ascii=False)
                count += 1
            if pending is not None:
                emit(pending)
            emit("]}," if number < len(all_tables) - 1 else "]}")
            counts[table.name] = count
    trailer = {"row_counts": counts, "sha256": digest.hexdigest()}
    out.write(("], " + json.dumps(trailer)[1:] + "\n").encode("utf-8"))
    return Summary(revision, counts)


# --- reading -------------------------------------------------------------------------


class _Damaged(Exception):
    """The file is not what backup writes; turned into a BackupError naming the file."""


class _Lines:
    """The lines of a backup file (gzip or not), with the SHA-256 of those read so far."""

    def __init__(self, stream):
        self.stream = stream
        self.digest = hashlib.sha256()
        self.number = 0

    def next(self, *, counted: bool = True) -> str:
        try:
            raw = self.stream.readline()
        except (OSError, EOFError, zlib.error) as error:  # a damaged or cut gzip stream
            raise _Damaged(f"cannot read it ({error})") from error
        self.number += 1
        if not raw:
            raise _Damaged("it ends too early (the file is cut short)")
        if not raw.endswith(b"\n"):
            raise _Damaged("its last line is cut short")
        if counted:
            self.digest.update(raw)
        try:
            return raw[:-1].decode("utf-8")
        except UnicodeDecodeError as error:
            raise _Damaged(f"line {self.number} is not UTF-8 text") from error

    def parse(self, fragment: str):
        try:
            return json.loads(fragment)
        except ValueError as error:
            raise _Damaged(f"line {self.number} is not what a backup holds ({error})") from error

    def at_end(self) -> None:
        try:
            rest = self.stream.read(1)
        except (OSError, EOFError, zlib.error) as error:
            raise _Damaged(f"cannot read its end ({error})") from error
        if rest:
            raise _Damaged("there is more after the end of the backup")


@contextmanager
def _open(path: Path) -> Iterator[_Lines]:
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed below, after the gzip layer
    except OSError as error:
        raise BackupError(f"cannot read {path}: {error.strerror or error}") from error
    with raw:
        # Compressed or not is told by the content, so a renamed file still restores.
        compressed = raw.read(2) == GZIP_MAGIC
        raw.seek(0)
        if compressed:
            with gzip.GzipFile(fileobj=raw, mode="rb") as stream:
                yield _Lines(stream)
        else:
            yield _Lines(raw)


def read_header(lines: _Lines) -> dict:
    line = lines.next()
    if not line.startswith('{"format": ') or not line.endswith(', "data": ['):
        raise _Damaged("it is not a NAP Drafter backup")
    header = lines.parse(line + "]}")
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise _Damaged("it is not a NAP Drafter backup")
    return header


def _check_header(header: dict, path: Path) -> str:
    version, revision, head = (header.get("format_version"), header.get("schema_revision"),
                               head_revision())
    if version != FORMAT_VERSION:
        raise BackupError(f"{path} is in backup format version {version}, but this version "
                          f"of NAP Drafter reads version {FORMAT_VERSION}")
    if revision != head:
        raise BackupError(
            f"{path} holds a database at schema revision {revision}, but this version of "
            f"NAP Drafter works with {head}: restore it with the version of NAP Drafter "
            "that wrote it, then upgrade with `drafter init-db`")
    return revision


def _decoder(column):
    """A function that checks one value of `column` from the file and makes it a Python
    value (dates and timestamps are ISO 8601 text in the file)."""
    kind = column.type.python_type
    where = f"{column.table.name}.{column.name}"

    def decode(value):
        if value is None:
            if column.nullable:
                return None
            raise _Damaged(f"{where} is empty in a row, but it must have a value")
        if kind in (dt.datetime, dt.date):
            if isinstance(value, str):
                with suppress(ValueError):
                    return kind.fromisoformat(value)
        elif isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
            return value
        raise _Damaged(f"{where} holds {value!r}, which is not a {kind.__name__}")

    return decode


Write = Callable[[Table, list[dict]], None]


def _read_tables(lines: _Lines, write: Write, batch_size: int) -> dict[str, int]:
    """Read every table's rows, handing them to `write` a batch at a time, then the
    trailer; returns the rows read per table."""
    all_tables = tables()
    counts = {table.name: _read_table(lines, table, number == len(all_tables) - 1, write,
                                      batch_size)
              for number, table in enumerate(all_tables)}
    _read_trailer(lines, counts)
    return counts


def _read_table(lines: _Lines, table: Table, last: bool, write: Write, batch_size: int) -> int:
    line = lines.next()
    if not (line.startswith('{"table": ') and line.endswith(', "rows": [')):
        raise _Damaged(f"line {lines.number} should start the table {table.name}")
    start = lines.parse(line + "]}")
    names = [column.name for column in table.columns]
    if start.get("table") != table.name or start.get("columns") != names:
        raise _Damaged(f"line {lines.number} should start the table {table.name} with the "
                       f"columns {', '.join(names)}")
    decoders = [_decoder(column) for column in table.columns]
    batch: list[dict] = []
    count = 0
    while True:
        line = lines.next()
        if line in ("]}", "]},"):
            if line != ("]}" if last else "]},"):
                raise _Damaged(f"line {lines.number} ends the tables too early or too late")
            break
        values = lines.parse(line.removesuffix(","))
        if not isinstance(values, list) or len(values) != len(names):
            raise _Damaged(f"line {lines.number} is not a row of {table.name}")
        batch.append({name: decode(value)
                      for name, decode, value in zip(names, decoders, values)})
        count += 1
        if len(batch) >= batch_size:
            write(table, batch)
            batch = []
    if batch:
        write(table, batch)
    return count


def _read_trailer(lines: _Lines, counts: dict[str, int]) -> None:
    digest = lines.digest.hexdigest()
    line = lines.next(counted=False)
    if not line.startswith("], "):
        raise _Damaged(f"line {lines.number} should end the backup")
    trailer = lines.parse("{" + line[3:])
    if not isinstance(trailer, dict) or trailer.get("sha256") != digest:
        raise _Damaged("its content does not match its checksum (the file was changed "
                       "or damaged)")
    if trailer.get("row_counts") != counts:
        raise _Damaged("its row counts do not match its rows")
    lines.at_end()


def _non_empty(connection: Connection) -> list[str]:
    return [table.name for table in tables()
            if connection.execute(select(func.count()).select_from(table)).scalar()]


def _lock(connection: Connection) -> None:
    """Keep other writers out from the emptiness check to the commit."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif connection.dialect.name == "postgresql":
        quote = connection.dialect.identifier_preparer.quote
        names = ", ".join(quote(table.name) for table in tables())
        connection.exec_driver_sql(f"LOCK TABLE {names} IN SHARE ROW EXCLUSIVE MODE")


def _reset_sequences(connection: Connection) -> None:
    """Move each PostgreSQL id sequence past the restored ids (SQLite needs nothing: a
    new row takes the largest id plus one)."""
    if connection.dialect.name != "postgresql":
        return
    quote = connection.dialect.identifier_preparer.quote
    for table in tables():
        column = table.autoincrement_column
        if column is None:
            continue
        sequence = connection.execute(text("SELECT pg_get_serial_sequence(:table, :column)"),
                                      {"table": quote(table.name), "column": column.name}).scalar()
        if sequence:
            name = quote(column.name)
            connection.execute(text(f"SELECT setval(:sequence, COALESCE(MAX({name}), 1), "
                                    f"MAX({name}) IS NOT NULL) FROM {quote(table.name)}"),
                               {"sequence": sequence})


@contextmanager
def _reading(path: Path) -> Iterator[_Lines]:
    try:
        with _open(path) as lines:
            yield lines
    except _Damaged as problem:
        raise BackupError(f"{path} is damaged or incomplete: {problem}; nothing was "
                          "restored") from problem


def check_backup(path: str | Path, *, batch_size: int = BATCH_SIZE) -> Summary:
    """Read the whole backup at `path` and check it (layout, value types, checksum, row
    counts, format and schema revision), writing nothing."""
    path = Path(path)
    with _reading(path) as lines:
        revision = _check_header(read_header(lines), path)
        counts = _read_tables(lines, lambda _table, _batch: None, batch_size)
    return Summary(revision, counts)


def restore_backup(engine: Engine, path: str | Path, *, replace: bool = False,
                   batch_size: int = BATCH_SIZE) -> Summary:
    """Put the rows of the backup at `path` into the database, with their ids, in one
    transaction. The database must be at the file's schema revision and empty, unless
    `replace` is given: then every table is emptied first, in the same transaction.

    The file is read twice: once to check all of it before the database is touched (so
    a damaged file is reported as such, not as whatever row it breaks first), then to
    write it, checked again as it goes in case it changed in between."""
    path = Path(path)
    check_backup(path, batch_size=batch_size)
    try:
        with _reading(path) as lines, engine.connect() as connection, connection.begin():
            _lock(connection)
            _check_revision(connection)
            revision = _check_header(read_header(lines), path)
            filled = _non_empty(connection)
            if filled and not replace:
                raise BackupError(
                    f"the database is not empty (it has rows in {', '.join(filled)}): "
                    "restore into a new database made with `drafter init-db`, or give "
                    "--replace to delete everything in it first")
            for table in reversed(tables()) if filled else ():
                connection.execute(table.delete())
            for name in NOT_BACKED_UP:
                connection.execute(Base.metadata.tables[name].delete())
            counts = _read_tables(lines, lambda table, batch: connection.execute(
                table.insert(), batch), batch_size)
            _reset_sequences(connection)
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        raise BackupError(f"the rows of {path} could not be written ({reason}); nothing "
                          "was restored") from error
    return Summary(revision, counts)
