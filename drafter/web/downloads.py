"""Files sent for download: their names, and the response that sends them."""

from __future__ import annotations

import io
import re
import unicodedata

from flask import send_file


def slug(text: str, limit: int = 60) -> str:
    """`text` as ASCII letters, digits and hyphens only, so that a file name made of it
    survives every browser, file system and ZIP tool; "" if nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore")
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.decode().lower()).strip("-")
    return words[:limit].rstrip("-")


def attachment(content: bytes, mimetype: str, name: str):
    """`content` sent as a download named `name`. Bytes, not a cached file's path: the
    report cache may prune the file while it is being sent, and reports are small."""
    return send_file(io.BytesIO(content), mimetype=mimetype, as_attachment=True,
                     download_name=name)
