"""Is a register's implementer a private person? Sole traders ("Tmi Marjo Linna",
"T:mi Pasicopy", "Toiminimi …") and bare personal names ("Jari Sakari Linna").

Design §5 publishes people named in public texts by name and role; a register row's
implementer is an organisation field, and a person there would get an organisation page
with the person's name. A personal name is two to four capitalised words that Voikko
knows as names, the first a first name, with no legal form or other word among them.
"""

from __future__ import annotations

import re

from kg.morphology import word_classes

_SOLE_TRADER = re.compile(r"(^|\s)(t:mi|tmi|toiminimi)\.?(\s|$)", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
FIRST, LAST = "etunimi", "sukunimi"


def is_private_person(name: str) -> bool:
    """A sole trader's or a person's name (see the module's docstring)."""
    if _SOLE_TRADER.search(name):
        return True
    words = name.split()
    if not 2 <= len(words) <= 4 or not all(_WORD.fullmatch(w) and w[0].isupper()
                                           for w in words):
        return False
    classes = [word_classes(word) for word in words]
    return FIRST in classes[0] and all(c & {FIRST, LAST} for c in classes)
