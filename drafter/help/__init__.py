"""Help for newcomers, public like the rest of the documentation: the terms and sources
the checklists use (kept as data in data/glossary.yaml) and how the score is worked out."""
