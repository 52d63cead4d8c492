"""Backup and restore: a database with two plans and every kind of row comes back
identical (ids, timestamps, JSON text), on SQLite, from SQLite to PostgreSQL and from
PostgreSQL to PostgreSQL; a non-empty database, a damaged file or a file of another
schema revision is refused with nothing written; the `drafter` commands' exit codes."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
from pathlib import Path

import pytest
from support import sample
from databases import every_row, fresh_database, opened
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from drafter import backup, create_app
from drafter.backup import BackupError, head_revision, restore_backup, write_backup
from drafter.history.service import save_revision
from drafter.members.service import accept, invite, set_role
from drafter.migrate import upgrade
from drafter.auth import sessions
from drafter.models import LoginAttempt, PendingPost, Plan, User
from drafter.plan.schema import Context, PlanDocument
from drafter.plan.store import PlanStore
from drafter.review.service import reply, resolve, save_assessment, start_thread
from drafter.workshops import service as workshops

# Text that must come back byte for byte: line breaks, tabs, quotes, backslashes,
# right-to-left script and characters beyond the Basic Multilingual Plane.
TRICKY = 'Line one\nLine two\t“quoted” "plain" \\ back — نص عربي 🕊 end '
HASH = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"


def fill(url: str) -> None:
    """Two plans with every kind of row, made through the services the app uses."""
    with opened(url) as engine, Session(engine, expire_on_commit=False) as session:
        official = User(email="official@ministry.example", name="Amina Official",
                        password_hash=HASH, is_admin=True)
        reviewer = User(email="reviewer@csos.example", name="Jorge Réviewer",
                        password_hash=HASH + "2")
        editor = User(email="editor@ministry.example", name="غريس", password_hash=HASH + "3")
        guest = User(email="guest@example.org", name="Guest", password_hash=HASH + "4")
        session.add_all([official, reviewer, editor, guest])
        session.commit()
        store = PlanStore(session)
        strong = store.create_plan(sample("strong-plan.json"), owner_id=official.id,
                                   statuses={"about": "complete"})
        # No owner at first: its section rows and history have no author (NULLs).
        weak = store.create_plan(sample("weak-plan.json"))
        set_role(session, weak, editor.id, "owner")
        set_role(session, weak, official.id, "editor")
        set_role(session, strong, reviewer.id, "reviewer")
        context = store.load_section(weak, "context")
        version = store.save_section(weak, "context", Context(conflict_analysis=TRICKY),
                                     context.version, user_id=editor.id)
        store.save_section(weak, "context", Context(conflict_analysis=TRICKY + "again"),
                           version, complete=True, user_id=official.id)
        accept(session, invite(session, strong, "viewer", official.id, "guest@example.org"),
               guest.id)
        invite(session, weak, "editor", editor.id)  # still open
        save_revision(session, strong, "Draft for the validation workshop", official.id)
        save_revision(session, weak, "Première version", None)
        thread = start_thread(session, strong, "context", reviewer.id, "Cite the 2019 survey.")
        reply(session, strong, thread, official.id, "Added.\n\nSee paragraph 3.")
        resolve(session, strong, thread, official.id)
        start_thread(session, weak, "pillars", reviewer.id, TRICKY)  # open
        save_assessment(session, strong, reviewer.id, "csag-2012", "POL-1", "met",
                        agrees="yes", status=None, reason="")
        save_assessment(session, strong, reviewer.id, "csag-2012", "POL-2", "met",
                        agrees="no", status="partly_met", reason="The budget is indicative.")
        session.add_all([LoginAttempt(email="official@ministry.example", address="192.0.2.7"),
                         LoginAttempt(email="nobody@example.org", address="2001:db8::1")])
        # A wizard form posted after a log-in ended, claimed at the next log-in.
        session.add(PendingPost(token_hash="0" * 64, plan_id=weak, path=f"/plans/{weak}/context",
                                fields=json.dumps([["conflict_analysis", TRICKY]],
                                                  ensure_ascii=False),
                                address="2001:db8::1", user_id=editor.id))
        session.commit()
        # Device log-ins: one remembered, one for the browser session only.
        sessions.start(session, official, remember=True, user_agent="Mozilla/5.0 (Ünïcode)",
                       address="2001:db8::1")
        sessions.start(session, reviewer, remember=False)
        # A workshop (with its dates and a locked flag) whose team has a quick account.
        room = workshops.create_workshop(
            session, name="Atelier de rédaction", trainer_id=official.id,
            scenario=sample("weak-plan.json"), checklist="csag-2012",
            starts_on=dt.date(2026, 12, 1), ends_on=dt.date(2026, 12, 2))
        workshops.join(session, room, None, guest_name="Leila", new_team="Équipe Nord")
        workshops.set_locked(session, room, True)


def backup_of(url: str, path: Path, **options) -> backup.Summary:
    with opened(url) as engine:
        return write_backup(engine, path, **options)


def restore_into(url: str, path: Path, **options) -> backup.Summary:
    with opened(url) as engine:
        return restore_backup(engine, path, **options)


def add_plan(url: str, **sections) -> int:
    with opened(url) as engine, Session(engine) as session:
        return PlanStore(session).create_plan(PlanDocument.model_validate(sections))


def migrated(kind: str, folder: Path, name: str) -> str:
    url = fresh_database(kind, folder, name)
    upgrade(url)
    return url


def filled(kind: str, folder: Path, name: str = "source") -> str:
    url = migrated(kind, folder, name)
    fill(url)
    return url


def counts(url: str) -> dict[str, int]:
    return {table: len(rows) for table, rows in every_row(url).items()}


def read_document(path: Path) -> dict:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as handle:
        return json.load(handle)


@pytest.mark.parametrize("source_kind, target_kind, name, batch_size", [
    ("sqlite", "sqlite", "backup.json", 2),
    ("sqlite", "sqlite", "backup.json.gz", backup.BATCH_SIZE),
    ("sqlite", "postgres", "backup.json.gz", 3),
    ("postgres", "postgres", "backup.json", backup.BATCH_SIZE),
])
def test_a_restore_gives_back_every_row_of_every_table(tmp_path, source_kind, target_kind,
                                                       name, batch_size):
    source = filled(source_kind, tmp_path)
    before = every_row(source)
    assert all(before.values()), "the filled database must have rows in every table"
    path = tmp_path / name
    written = backup_of(source, path, batch_size=batch_size)
    assert written.rows == {table: len(rows) for table, rows in before.items()}

    document = read_document(path)  # one JSON document, readable by any JSON tool
    assert document["format"] == "nap-drafter-backup" and document["format_version"] == 1
    assert document["schema_revision"] == head_revision() == written.revision
    users = next(table for table in document["data"] if table["table"] == "users")
    assert users["rows"][0][users["columns"].index("password_hash")] == HASH
    assert path.stat().st_mode & 0o077 == 0, "a file with password hashes is the owner's only"

    target = migrated(target_kind, tmp_path, "target")
    restored = restore_into(target, path, batch_size=batch_size)
    assert restored.rows == written.rows
    assert every_row(target) == before

    # New rows take ids after the restored ones (PostgreSQL's sequences were moved on).
    with opened(target) as engine, Session(engine) as session:
        plan_id = PlanStore(session).create_plan(PlanDocument.model_validate(
            {"context": {"conflict_analysis": "New"}}))
        user = User(email="new@example.org", name="New", password_hash=HASH)
        session.add_all([user, LoginAttempt(email="new@example.org", address="192.0.2.9")])
        session.commit()
        assert plan_id == max(row[0] for row in before["plans"]) + 1
        assert user.id == max(row[0] for row in before["users"]) + 1
    assert counts(target)["section_changes"] == len(before["section_changes"]) + 1


@pytest.mark.parametrize("target_kind", ["sqlite", "postgres"])
def test_a_non_empty_database_is_refused_unless_replace_is_given(tmp_path, target_kind):
    source = filled("sqlite", tmp_path)
    path = tmp_path / "backup.json.gz"
    backup_of(source, path)
    target = migrated(target_kind, tmp_path, "target")
    add_plan(target, about={"title": "Already here"})
    already = every_row(target)

    with pytest.raises(BackupError) as refused:
        restore_into(target, path)
    assert "not empty" in str(refused.value) and "--replace" in str(refused.value)
    assert every_row(target) == already

    restore_into(target, path, replace=True)
    assert every_row(target) == every_row(source)


def _lines(path: Path) -> list[bytes]:
    with gzip.open(path, "rb") if path.name.endswith(".gz") else open(path, "rb") as handle:
        return handle.read().splitlines(keepends=True)


def _resealed(lines: list[bytes]) -> bytes:
    """The lines with the checksum of the trailer made right again, as someone who
    edits the file on purpose would."""
    body = b"".join(lines[:-1])
    trailer = json.loads(b"{" + lines[-1][3:])
    trailer["sha256"] = hashlib.sha256(body).hexdigest()
    return body + b"], " + json.dumps(trailer)[1:].encode() + b"\n"


def _replace_in_table(lines: list[bytes], table: str, old: bytes, new: bytes) -> list[bytes]:
    start = next(number for number, line in enumerate(lines)
                 if line.startswith(b'{"table": "%s"' % table.encode()))
    lines = list(lines)
    lines[start + 1] = lines[start + 1].replace(old, new, 1)
    return lines


def _cut(data: bytes) -> bytes:
    return data[:len(data) // 2]


def _one_character_changed(data: bytes) -> bytes:
    position = data.index(b"Cite the 2019 survey")
    return data[:position] + b"K" + data[position + 1:]


def _revision_changed(lines):
    head = f'"schema_revision": "{head_revision()}"'.encode()
    assert head in lines[0]
    return _resealed([lines[0].replace(head, b'"schema_revision": "0001"'), *lines[1:]])


# (name, what is done to the plain file's bytes, or to its lines, what the refusal says)
DAMAGE = [
    ("cut in the middle", lambda data: _cut(data), None, "damaged or incomplete"),
    ("last line missing", None, lambda lines: b"".join(lines[:-1]), "ends too early"),
    ("one character changed", _one_character_changed, None, "checksum"),
    ("a row taken out", None, lambda lines: b"".join(
        line for line in lines if b"Cite the 2019 survey" not in line), "checksum"),
    ("more after the end", lambda data: data + b"[]\n", None, "more after the end"),
    ("empty", lambda data: b"", None, "ends too early"),
    ("not a backup", lambda data: (Path(__file__).parent.parent / "samples" /
                                   "weak-plan.json").read_bytes(), None, "not a NAP Drafter"),
    ("another format version", None, lambda lines: b"".join(
        [lines[0].replace(b'"format_version": 1', b'"format_version": 2'), *lines[1:]]),
     "format version 2"),
    ("another schema revision", None, _revision_changed, "schema revision 0001"),
    ("a timestamp that is not one", None, lambda lines: _resealed(_replace_in_table(
        lines, "plans", b'"20', b'"not a date 20')), "not a datetime"),
    ("a row that breaks a foreign key", None, lambda lines: _resealed(_replace_in_table(
        lines, "section_changes", b"[1, 1,", b"[1, 999,")), "could not be written"),
]


@pytest.mark.parametrize("compressed", [False, True], ids=["json", "gzip"])
@pytest.mark.parametrize("name, on_bytes, on_lines, says", DAMAGE,
                         ids=[case[0] for case in DAMAGE])
def test_a_damaged_file_is_refused_whole_with_nothing_written(tmp_path, name, on_bytes,
                                                              on_lines, says, compressed):
    source = filled("sqlite", tmp_path)
    good = tmp_path / "good.json"
    backup_of(source, good)
    data = on_bytes(good.read_bytes()) if on_bytes else on_lines(_lines(good))
    bad = tmp_path / ("bad.json.gz" if compressed else "bad.json")
    bad.write_bytes(gzip.compress(data) if compressed else data)

    empty = migrated("sqlite", tmp_path, "empty")
    with pytest.raises(BackupError) as refused:
        restore_into(empty, bad)
    assert says in str(refused.value)
    assert sum(counts(empty).values()) == 0

    # With --replace, the database keeps what it had.
    add_plan(empty, about={"title": "Kept"})
    kept = every_row(empty)
    with pytest.raises(BackupError):
        restore_into(empty, bad, replace=True)
    assert every_row(empty) == kept


@pytest.mark.parametrize("how", ["gzip cut short", "gzip bytes changed"])
def test_a_damaged_gzip_stream_is_refused(tmp_path, how):
    source = filled("sqlite", tmp_path)
    path = tmp_path / "backup.json.gz"
    backup_of(source, path)
    data = path.read_bytes()
    if how == "gzip cut short":
        data = data[:-20]
    else:
        middle = len(data) // 2
        data = data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1:]
    path.write_bytes(data)
    empty = migrated("sqlite", tmp_path, "empty")
    with pytest.raises(BackupError) as refused:
        restore_into(empty, path)
    assert "damaged or incomplete" in str(refused.value)
    assert sum(counts(empty).values()) == 0


def test_a_backup_that_fails_part_way_leaves_the_earlier_file_as_it_was(tmp_path, monkeypatch):
    source = filled("sqlite", tmp_path)
    path = tmp_path / "backup.json"
    backup_of(source, path)
    earlier = path.read_bytes()

    calls, encode = [], backup._encode

    def failing(value):
        calls.append(value)
        if len(calls) > 40:
            raise RuntimeError("disk pulled out")
        return encode(value)

    monkeypatch.setattr(backup, "_encode", failing)
    with pytest.raises(RuntimeError):
        backup_of(source, path)
    assert path.read_bytes() == earlier
    assert sorted(item.name for item in tmp_path.iterdir() if "backup" in item.name) == [
        "backup.json"], "no temporary file is left behind"


def test_a_database_that_is_not_set_up_or_at_another_revision_is_refused(tmp_path):
    bare = f"sqlite:///{tmp_path / 'bare.sqlite'}"
    with pytest.raises(BackupError, match="init-db"):
        backup_of(bare, tmp_path / "backup.json")
    assert not (tmp_path / "backup.json").exists()

    source = filled("sqlite", tmp_path)
    backup_of(source, tmp_path / "backup.json")
    old = f"sqlite:///{tmp_path / 'old.sqlite'}"
    upgrade(old, "0001")
    with pytest.raises(BackupError, match="schema revision 0001"):
        restore_into(old, tmp_path / "backup.json")
    with pytest.raises(BackupError, match="init-db"):
        restore_into(bare, tmp_path / "backup.json")


def _cli(url: str):
    app = create_app({"TESTING": True, "SECRET_KEY": "test", "DATABASE_URL": url})
    return app, app.test_cli_runner()


def test_the_commands_back_up_restore_and_refuse_with_exit_code_2(tmp_path):
    source = filled("sqlite", tmp_path)
    target = migrated("sqlite", tmp_path, "target")
    path = tmp_path / "nightly.json.gz"
    source_app, source_cli = _cli(source)
    target_app, target_cli = _cli(target)

    result = source_cli.invoke(args=["backup", str(path)])
    assert result.exit_code == 0, result.output
    assert "Backed up 3 plans and 5 accounts" in result.output and path.exists()
    result = source_cli.invoke(args=["backup", str(tmp_path / "no-such-folder" / "x.json")])
    assert result.exit_code == 2 and "cannot write" in result.output

    result = target_cli.invoke(args=["restore", str(path)])
    assert result.exit_code == 0, result.output
    assert "Restored 3 plans and 5 accounts" in result.output
    assert every_row(target) == every_row(source)

    result = target_cli.invoke(args=["restore", str(path)])
    assert result.exit_code == 2 and "not empty" in result.output
    result = target_cli.invoke(args=["restore", "--replace", str(path)])
    assert result.exit_code == 0, result.output
    assert every_row(target) == every_row(source)

    damaged = tmp_path / "damaged.json.gz"
    damaged.write_bytes(path.read_bytes()[:200])
    result = target_cli.invoke(args=["restore", "--replace", str(damaged)])
    assert result.exit_code == 2 and "damaged or incomplete" in result.output
    result = target_cli.invoke(args=["restore", str(tmp_path / "missing.json")])
    assert result.exit_code == 2 and "cannot read" in result.output
    assert every_row(target) == every_row(source)
    for app in (source_app, target_app):
        app.extensions["drafter.engine"].dispose()


def test_a_large_database_streams_in_batches(tmp_path):
    """Many rows go through in batches and come back in order."""
    url = migrated("sqlite", tmp_path, "large")
    with opened(url) as engine, Session(engine) as session:
        session.add_all(Plan(title=f"Plan {number}") for number in range(1, 2501))
        session.commit()
    path = tmp_path / "large.json.gz"
    assert backup_of(url, path, batch_size=100).rows["plans"] == 2500
    target = migrated("sqlite", tmp_path, "large-target")
    restore_into(target, path, batch_size=100)
    with opened(target) as engine, Session(engine) as session:
        assert session.scalar(select(func.count(Plan.id))) == 2500
        assert session.get(Plan, 2500).title == "Plan 2500"
    assert every_row(target)["plans"] == every_row(url)["plans"]
