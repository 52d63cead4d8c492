"""How far the drafting of a section has got: the status the task list shows for it.

Kept apart from the store that writes it so that the plan file (`transfer`) can carry
the same three values without importing the store.
"""

from __future__ import annotations

from typing import Literal

NOT_STARTED, IN_PROGRESS, COMPLETE = "not_started", "in_progress", "complete"
STATUSES = (NOT_STARTED, IN_PROGRESS, COMPLETE)

Status = Literal["not_started", "in_progress", "complete"]
