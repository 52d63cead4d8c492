"""The `drafter` commands that set up and work on the database, and `schema`.

init-db, load-samples, create-admin, set-owner, export, import, backup, restore: each
is a thin shell over the same services the web views call, inside the app (`with_app`).
`schema` needs no app.

Every import beyond click is inside the command that needs it: `drafter --help` imports
this module for the commands' short help, and must not pay for SQLAlchemy and the app.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli import with_app
from .i18n import gettext as _


def _fail(messages: list[str]) -> None:
    for message in messages:
        click.echo(_("error: %(message)s", message=message), err=True)
    sys.exit(2)


@click.command("init-db")
@with_app
def init_db_command():
    """Create the database, or upgrade it to the latest migration."""
    from flask import current_app

    from .migrate import upgrade

    upgrade(current_app.config["DATABASE_URL"])
    click.echo(_("Database is up to date."))


SAMPLE_FILES = ("weak-plan.json", "strong-plan.json")

# Demo accounts for trying the app and for workshops: (e-mail, name, password, role on samples).
DEMO_ACCOUNTS = (
    ("official@example.org", "Amina Official (demo)", "official-demo-2026", "owner"),
    ("reviewer@example.org", "Jorge Reviewer (demo)", "reviewer-demo-2026", "reviewer"),
    ("trainer@example.org", "Grace Trainer (demo)", "trainer-demo-2026", "viewer"),
)


def _demo_users(session) -> list:
    from .auth.service import create_user, find_user

    users = []
    for email, name, password, _role in DEMO_ACCOUNTS:
        user = find_user(session, email)
        if user is None:
            user = create_user(session, email, name, password)
        users.append(user)
    return users


def _print_demo_accounts() -> None:
    click.echo(_("Demo accounts (for trying the app; change or remove them on a shared "
                 "server):"))
    for email, _name, password, role in DEMO_ACCOUNTS:
        click.echo(_("  %(email)s password: %(password)s (%(role)s of the sample plans)",
                     email=f"{email:<24}", password=f"{password:<20}", role=role))


@click.command("load-samples")
@click.option("--if-empty", is_flag=True, help="Only when the database holds no plan yet.")
@with_app
def load_samples_command(if_empty: bool):
    """Load the sample plans from samples/ (a weak first plan and a strong one) and the
    demo accounts that own and review them."""
    from . import db
    from .auth.service import find_user
    from .members.service import set_role
    from .paths import resource
    from .plan.completeness import missing_for_completion
    from .plan.schema import SECTION_MODELS
    from .plan.store import COMPLETE, PlanStore
    from .plan.transfer import parse_document

    session = db.session()
    store = PlanStore(session)
    if if_empty and store.list_plans():
        click.echo(_("The database already holds plans; samples not loaded."))
        if find_user(session, DEMO_ACCOUNTS[0][0]) is not None:
            _print_demo_accounts()
        return
    users = _demo_users(session)
    for name in SAMPLE_FILES:
        path = resource("samples") / name
        document = parse_document(path.read_bytes())
        # A sample's sections that hold what completion asks for are shown as complete,
        # as the team that wrote it would have marked them.
        statuses = {key: COMPLETE for key in SECTION_MODELS
                    if not missing_for_completion(key, getattr(document, key))}
        plan_id = store.create_plan(document, statuses=statuses, owner_id=users[0].id)
        for user, (*_rest, role) in zip(users[1:], DEMO_ACCOUNTS[1:]):
            set_role(session, plan_id, user.id, role)
        click.echo(_("Loaded %(file)s as plan %(id)s: %(title)s", file=name, id=plan_id,
                     title=document.about.title))
    _print_demo_accounts()


@click.command("create-admin")
@click.argument("email")
@click.option("--name", default="", help="The administrator's name.")
@click.password_option(help="The password (asked for when not given).")
@with_app
def create_admin_command(email: str, name: str, password: str):
    """Create an administrator account."""
    from . import db
    from .auth.service import AccountError, create_user

    try:
        create_user(db.session(), email, name or email, password, is_admin=True)
    except AccountError as problem:
        _fail([str(problem)])
    click.echo(_("Created the administrator %(email)s.", email=email))


@click.command("set-owner")
@click.argument("plan_id", type=int)
@click.argument("email")
@with_app
def set_owner_command(plan_id: int, email: str):
    """Make the account with EMAIL an owner of plan PLAN_ID (adding it to the plan if need
    be): the repair for a plan left with no owner, which no page can mend."""
    from . import db
    from .auth.service import find_user
    from .members.service import MembershipError, set_role
    from .models import Plan

    session = db.session()
    # An id no integer column holds would be a database error on PostgreSQL, not an answer.
    if not 0 < plan_id < 2 ** 31 or session.get(Plan, plan_id) is None:
        _fail([f"there is no plan {plan_id}"])
    user = find_user(session, email)
    if user is None:
        _fail([f"there is no account {email}"])
    try:
        set_role(session, plan_id, user.id, "owner")
    except MembershipError as problem:  # the plan was deleted a moment ago
        _fail([str(problem)])
    click.echo(_("%(email)s is now an owner of plan %(id)s.", email=user.email, id=plan_id))


@click.command("export")
@click.argument("plan_id", type=int)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of standard output.")
@with_app
def export_command(plan_id: int, out: Path | None):
    """Export a plan as JSON."""
    from . import db
    from .plan.store import PlanNotFound, PlanStore
    from .plan.transfer import export_json

    try:
        plan = PlanStore(db.session()).load(plan_id)
    except PlanNotFound:
        _fail([f"there is no plan {plan_id}"])
    text = export_json(plan.document, plan.statuses)
    if out:
        out.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--owner", "owner_email", default="", help="E-mail of the account that will own it.")
@with_app
def import_command(file: Path, owner_email: str):
    """Import a plan from a JSON file; a file with any error is refused whole."""
    from . import db
    from .auth.service import find_user
    from .plan.transfer import ImportProblem
    from .plans import importing

    owner = find_user(db.session(), owner_email) if owner_email else None
    if owner_email and owner is None:
        _fail([_("there is no account %(email)s", email=owner_email)])
    try:
        imported = importing.import_plan(db.session(), file.read_bytes(),
                                         owner.id if owner else None)
    except ImportProblem as problem:
        _fail([f"{file}: {message}" for message in importing.problems_in_words(problem)])
    if imported.same_title:
        click.echo(_("A plan called “%(same)s” exists already, so this one is called "
                     "“%(title)s”.", same=imported.same_title, title=imported.title))
    click.echo(_("Imported %(file)s as plan %(id)s.", file=file, id=imported.plan_id))


def _rows(summary) -> str:
    return _("%(plans)s plans and %(accounts)s accounts (%(rows)s rows, schema revision "
             "%(revision)s)", plans=summary.rows.get("plans", 0),
             accounts=summary.rows.get("users", 0), rows=summary.total,
             revision=summary.revision)


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_app
def backup_command(file: Path):
    """Write the whole database to FILE (gzip-compressed if it ends in .gz). The file holds
    password hashes: keep it as safe as the database."""
    from . import db
    from .backup import BackupError, write_backup

    try:
        summary = write_backup(db.engine(), file)
    except BackupError as problem:
        _fail(problem.messages)
    click.echo(_("Backed up %(what)s to %(file)s.", what=_rows(summary), file=file))


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True,
              help="Delete everything in the database first (in the same transaction).")
@with_app
def restore_command(file: Path, replace: bool):
    """Restore a backup into an empty database made with init-db; a file that is damaged
    or from another schema revision is refused whole."""
    from . import db
    from .backup import BackupError, restore_backup

    try:
        summary = restore_backup(db.engine(), file, replace=replace)
    except BackupError as problem:
        _fail(problem.messages)
    click.echo(_("Restored %(what)s from %(file)s.", what=_rows(summary), file=file))


@click.command("schema")
def schema_command():
    """Print the JSON Schema of a plan file (the plan document and its sections' statuses)."""
    import json

    from .plan.transfer import plan_file_schema

    click.echo(json.dumps(plan_file_schema(), indent=2))
