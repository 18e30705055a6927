"""What pages show of a text: without bidirectional controls.

Embedding, override and isolate controls (and the Arabic letter mark) in a label would
reverse or reorder the text around them ("Hostile \u202etxt.exe" shows as
"Hostile exe.txt"). Every template value and every cell of the SPARQL HTML table drops
them; the data keeps them (dumps, SPARQL results in machine formats). Text in a real
right-to-left script still shows right: the Unicode bidirectional algorithm needs no
control characters for it, and pages wrap names in ``<bdi>`` so they cannot reorder
their surroundings.
"""

from __future__ import annotations

from markupsafe import Markup

BIDI_CONTROLS = dict.fromkeys(
    [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def plain_text(text: str) -> str:
    return text.translate(BIDI_CONTROLS)


def display_text(value: object) -> object:
    """Jinja's finalize: strings without bidi controls (rendered HTML stays HTML)."""
    if isinstance(value, Markup):
        return Markup(plain_text(str(value)))
    return plain_text(value) if isinstance(value, str) else value
