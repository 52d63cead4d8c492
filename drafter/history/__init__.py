"""The history of a plan: named revisions, readable differences, restoring, every save."""
