"""Files sent for download: their names, and the response that sends them."""

from __future__ import annotations

import io
import re
import unicodedata

from flask import send_file

from .security import PRIVATE


NAME_LIMIT = 80  # characters of a title kept in a file name: most of any real title


def slug(text: str, limit: int = NAME_LIMIT) -> str:
    """`text` as ASCII letters, digits and hyphens only, so that a file name made of it
    survives every browser, file system and ZIP tool; "" if nothing is left.

    A longer text is cut after its last whole word within `limit` characters: a name
    ending in "2026-" or "build" reads as if the title itself were cut short. Where
    whole words would keep less than half of `limit` (one very long word), the cut
    falls at the limit instead.
    """
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore")
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.decode().lower()).strip("-")
    if len(words) <= limit:
        return words
    # One character past the limit shows whether the cut falls between two words.
    head = words[:limit + 1]
    whole = head.rsplit("-", 1)[0] if "-" in head else ""
    return (whole if len(whole) >= limit // 2 else words[:limit]).rstrip("-")


def attachment(content: bytes, mimetype: str, name: str):
    """`content` sent as a download named `name`. Bytes, not a cached file's path: the
    report cache may prune the file while it is being sent, and reports are small."""
    response = send_file(io.BytesIO(content), mimetype=mimetype, as_attachment=True,
                         download_name=name)
    # A plan is private: no browser or proxy cache may keep a copy (send_file's own
    # "no-cache" only asks it to check again before reusing the copy it kept).
    response.headers["Cache-Control"] = PRIVATE
    return response
