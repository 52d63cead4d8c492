"""The `drafter` command: a click group that imports a command's module only to run it.

`drafter score plan.json` takes milliseconds; building the web app (Flask, SQLAlchemy,
WeasyPrint, every blueprint) took two seconds. So the group knows its commands by name
(`COMMANDS`: name -> "module:attribute"), and listing them or running one imports only
that command's module. Command modules import only click at their top and the rest
inside each command, so that `drafter --help`, which imports them all for their short
help, stays light too.

Commands that need the app (its database, templates or translations) are decorated
with `with_app`, which builds it with `drafter.create_app` and pushes an app context;
the others never build it. `init_app` also puts the project's commands on `app.cli`,
where Flask's test runner (`app.test_cli_runner()`) and `flask --app drafter` find them.

To add a command, add its name and "module:attribute" to `COMMANDS`.
"""

from __future__ import annotations

import functools
import importlib
import os

import click

# name -> "module:attribute". A name whose module is not there is left out (the serve
# and worker commands may come before their modules do).
COMMANDS = {
    "init-db": "drafter.commands:init_db_command",
    "load-samples": "drafter.commands:load_samples_command",
    "create-admin": "drafter.commands:create_admin_command",
    "set-owner": "drafter.commands:set_owner_command",
    "export": "drafter.commands:export_command",
    "import": "drafter.commands:import_command",
    "schema": "drafter.commands:schema_command",
    "backup": "drafter.commands:backup_command",
    "restore": "drafter.commands:restore_command",
    "score": "drafter.scoring.cli:score_command",
    "validate": "drafter.plan.validate_cli:validate_command",
    "check-checklist": "drafter.scoring.cli:check_checklist_command",
    "render": "drafter.reports.cli:render_command",
    "serve": "drafter.server:serve_command",
    "worker": "drafter.jobs.cli:worker_command",
    # Flask's own: the development server, the URL map, a Python shell with the app.
    "run": "flask.cli:run_command",
    "routes": "flask.cli:routes_command",
    "shell": "flask.cli:shell_command",
}

# Short help shown by `drafter --help` without importing the command's module: for
# Flask's commands, whose module imports Flask (a third of a second) at its top.
SHORT_HELP = {
    "run": "Run a development server.",
    "routes": "Show the routes for the app.",
    "shell": "Run a shell in the app context.",
}

FLASK_MODULE = "flask.cli"


def load_command(target: str) -> click.Command | None:
    """The command "module:attribute" names, or None when its module does not exist.

    A module that exists but fails to import is an error to see, not a command to hide.
    """
    module_name, attribute = target.split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as missing:
        if missing.name and f"{module_name}.".startswith(f"{missing.name}."):
            return None
        raise
    return getattr(module, attribute)


def script_info(ctx: click.Context):
    """Flask's ScriptInfo for this run, which builds the app once when first asked.

    A caller may have given one: Flask's test runner passes one holding the test app.
    Otherwise it is made here, building the app with `drafter.create_app`.
    """
    from flask.cli import ScriptInfo

    from . import create_app

    info = ctx.find_object(ScriptInfo)
    if info is None:
        info = ctx.obj = ScriptInfo(create_app=create_app)
    return info


def with_app(command):
    """Run `command` inside an app context, building the app if none is active."""

    @click.pass_context
    @functools.wraps(command)
    def run(ctx: click.Context, /, *args, **kwargs):
        from flask import current_app

        if not current_app:
            ctx.with_resource(script_info(ctx).load_app().app_context())
        return ctx.invoke(command, *args, **kwargs)

    return run


class LazyGroup(click.Group):
    """A group whose commands are imported from `COMMANDS` when first asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return super().get_command(ctx, name)
        command = load_command(target)  # imported once: Python keeps the module
        if command is not None and target.startswith(f"{FLASK_MODULE}:"):
            # Flask's commands find the app through the ScriptInfo in the context object
            # (FlaskGroup put one there); the subcommand's context, made next, inherits it.
            script_info(ctx)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The listing of `--help`, as click's, but taking `SHORT_HELP` before importing."""
        rows = []
        for name in self.list_commands(ctx):
            command = None if name in SHORT_HELP else self.get_command(ctx, name)
            if name in SHORT_HELP or (command is not None and not command.hidden):
                rows.append((name, command))
        if rows:
            limit = formatter.width - 6 - max(len(name) for name, _ in rows)
            with formatter.section("Commands"):
                formatter.write_dl([(name, SHORT_HELP[name] if command is None
                                     else command.get_short_help_str(limit))
                                    for name, command in rows])


def _set_debug(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    # As Flask's --debug: through the environment, which the app reads when it is built.
    if ctx.get_parameter_source(param.name) not in (click.core.ParameterSource.DEFAULT,
                                                    click.core.ParameterSource.DEFAULT_MAP):
        os.environ["FLASK_DEBUG"] = "1" if value else "0"


def _print_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        from flask.cli import get_version

        get_version(ctx, param, value)


# auto_envvar_prefix as FlaskGroup's: FLASK_RUN_PORT and the like set options.
@click.group(cls=LazyGroup, context_settings={"auto_envvar_prefix": "FLASK"})
@click.option("--debug/--no-debug", expose_value=False, callback=_set_debug,
              help="Set debug mode.")
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=_print_version, help="Show the Flask version.")
def cli():
    """NAP Drafter: draft, score and render National Action Plans on Women, Peace and Security."""
    # Messages to people in the language the environment asks for (LANG=fr_FR.UTF-8).
    from .i18n import use_environment_language

    use_environment_language()


def init_app(app) -> None:
    """Put the project's commands on `app.cli`, where Flask's test runner finds them."""
    for name, target in COMMANDS.items():
        if not target.startswith(f"{FLASK_MODULE}:"):
            command = load_command(target)
            if command is not None:
                app.cli.add_command(command, name)
