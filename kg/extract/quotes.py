"""Evidence quotes exactly as the text writes them.

Rules read some sentences across line breaks (a soft-wrapped paragraph is one sentence
whose breaks became spaces); a quote must still be a substring of the text, so a reader
and ``kg annotate`` can find it again.
"""

from __future__ import annotations

import re
from typing import Any

# How far before an entry's start a quote may begin (a sentence holds its value).
LOOK_BEHIND_CHARS = 2000


def verbatim(text: str, quote: str, start: int | None = None) -> str:
    """``quote`` as it stands in ``text``, whitespace and line breaks included (the nearest
    occurrence at or before ``start``); the quote unchanged when the text lacks it."""
    if not quote.strip() or quote in text:
        return quote
    pattern = re.compile(r"\s+".join(map(re.escape, quote.split())))
    found = pattern.search(text, max(0, (start or 0) - LOOK_BEHIND_CHARS)) or pattern.search(text)
    return found.group(0) if found else quote


def verbatim_quotes(record: dict[str, Any], text: str) -> None:
    """Every evidence quote of ``record`` made verbatim, in place."""
    for project in record["projects"]:
        for entry in project.get("evidence") or []:
            entry["quote"] = verbatim(text, entry["quote"], entry.get("start"))
