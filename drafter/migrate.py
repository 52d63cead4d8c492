"""Create or upgrade the database with Alembic, from the migrations in `migrations/`."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from .paths import resource


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(resource("migrations")))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)
