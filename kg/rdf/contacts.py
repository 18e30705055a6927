"""E-mail addresses and phone numbers out of free text (design §5).

Contacts stay in extraction records; the public graph carries them only when a
build asks for them. Text literals and evidence quotes are scrubbed here: each
address or number becomes :data:`REMOVED`. What counts as a contact (and what
must never be taken for one: money, dates, years, business IDs) is decided in
``docs/decisions/2026-12-02-contact-patterns.md``.
"""

from __future__ import annotations

import re

REMOVED = "[…]"

_AT = r"(?:@|\s*[\[({]\s*(?:at|ät|a)\s*[\])}]\s*)"
_DOT = r"(?:\.|\s*[\[({]\s*(?:dot|piste|punkt)\s*[\])}]\s*)"
_WORD = r"[\w+-]+"
EMAIL = re.compile(rf"{_WORD}(?:{_DOT}{_WORD})*{_AT}{_WORD}(?:{_DOT}{_WORD})*{_DOT}[A-Za-z]{{2,}}",
                   re.IGNORECASE)
# "etunimi [dot] sukunimi at lab [dot] fi": a bare "at" only with a bracketed dot after it
SPOKEN_EMAIL = re.compile(rf"{_WORD}(?:{_DOT}{_WORD})*\s+at\s+{_WORD}"
                          r"(?:\s*[\[({]\s*(?:dot|piste|punkt)\s*[\])}]\s*[\w-]+)+", re.IGNORECASE)
_GROUPS = r"(?:[ \u00a0-]?\d{2,4}){1,4}"


def _starting(char: str) -> str:
    """``char`` where a number may start: not inside a word or after a number and [.,-]
    (the look-behinds follow the first character, so the regex scans for it quickly)."""
    return rf"{char}(?<![\w+]{char})(?<!\d[.,-]{char})"


PHONE = re.compile(
    "(?:"
    + _starting(r"\+") + rf"\d{{1,3}}[ \u00a0-]?(?:\(0\)[ \u00a0]?)?\(?\d{{1,4}}\)?{_GROUPS}"
    + "|" + _starting(r"\(") + rf"0\d{{1,3}}\){_GROUPS}"               # (09) 123 456
    + "|" + _starting("0") + rf"\d{{1,3}}{_GROUPS}"                      # 050 4390 518
    + r")(?!\w|[.,-]\d)")
DATE_LIKE = re.compile(r"\d{1,2}-\d{1,2}-\d{4}|\d{4}-\d{1,2}-\d{1,2}")
MIN_DIGITS, MAX_DIGITS = 7, 15


def _phone(match: re.Match[str]) -> str:
    found = match.group(0)
    digits = sum(char.isdigit() for char in found)
    if not MIN_DIGITS <= digits <= MAX_DIGITS or DATE_LIKE.fullmatch(found):
        return found
    return REMOVED


_EMAIL_HINT = re.compile(r"@|[\[({]\s*(?:at|ät|a)\s*[\])}]|\sat\s", re.IGNORECASE)
_PHONE_HINT = re.compile(r"[+(0]")


def scrub(text: str) -> str:
    """``text`` with e-mail addresses and phone numbers replaced by :data:`REMOVED`."""
    if _EMAIL_HINT.search(text):
        text = SPOKEN_EMAIL.sub(REMOVED, EMAIL.sub(REMOVED, text))
    return PHONE.sub(_phone, text) if _PHONE_HINT.search(text) else text


def keep(text: str) -> str:
    """The identity: what a build with contacts uses in place of :func:`scrub`."""
    return text
