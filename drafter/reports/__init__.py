"""Reports of a plan: the PDF draft, the gap report PDF and the Word export.

`data` turns a plan document (and its scorecard) into plain, JSON-ready dicts; the
print templates in `templates/reports/` and `docx` read only those dicts, never ORM
objects or live models. `pdf` renders them with WeasyPrint through a URL fetcher that
serves the project's static files and nothing else, and caches each PDF under a hash
of what it was made from. `charts` draws the gap report's bar chart as SVG.
"""
