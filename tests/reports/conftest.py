"""Fixtures of the report tests."""

from __future__ import annotations

import pytest

from support import make_app


@pytest.fixture(scope="module")
def report_app(tmp_path_factory, migrated_template):
    """An app shared by one module's tests: rendering reads the app's templates,
    translations and settings, never its database, so one app per module is enough."""
    app = make_app(tmp_path_factory.mktemp("reports"), migrated_template)
    yield app
    app.extensions["drafter.engine"].dispose()
