"""A pybabel extractor for the phrases in checklist files that evidence sentences quote.

A checklist's titles, reasons and advice are translated in files beside it
(`translation.py`); the short labels of what a reviewer looks for in a text (`what:` in a
reading, "named laws or policies") are pieces of evidence sentences, as the rules' own
labels are, so they go to the message catalogues with them. babel.cfg names this function
for `checklists/*.yaml`.
"""

from __future__ import annotations

import yaml


def extract_checklist_phrases(fileobj, keywords, comment_tags, options):
    """(line, function, message, comments) for each `what:` value in the YAML file."""
    root = yaml.compose(fileobj.read().decode("utf-8"), Loader=yaml.SafeLoader)
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if (key.value == "what" and isinstance(value, yaml.ScalarNode)
                        and value.value.strip()):
                    yield value.start_mark.line + 1, "_", value.value, []
                else:
                    stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
