"""Where the project's top-level resources live: templates, static, checklists, migrations.

They sit beside the package in a checkout (and an editable install); a wheel installs
them under `<prefix>/share/nap-drafter/` (see `[tool.setuptools.data-files]`).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_CANDIDATES = (
    Path(__file__).resolve().parent.parent,
    Path(sys.prefix) / "share" / "nap-drafter",
)


@cache
def resource(name: str) -> Path:
    """The folder `name` (e.g. "templates") of the first location that has it."""
    for base in _CANDIDATES:
        if (base / name).is_dir():
            return base / name
    raise FileNotFoundError(f"NAP Drafter resource folder '{name}' not found in "
                            + ", ".join(str(base) for base in _CANDIDATES))
