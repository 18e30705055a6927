"""Keys made from names: the slug every stage uses, and the key of a source document.

They live in the first stage so that every later one (the seam checking key
collisions, the linker, the RDF mapper naming graphs) uses the same function.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath


def slug(text: str) -> str:
    """Lower-case ASCII-ish key: 'Etelä-Pohjanmaan liitto' -> 'etela-pohjanmaan-liitto'."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "x"


def source_key(source: str) -> str:
    """'h002.txt' -> 'h002': the key of a source document and its graph."""
    return slug(PurePath(source).stem)
