"""Amounts of money in euros: "1 502 328 €", "28 000 euroa", "190433 euroa", "1,2 milj. euroa"."""

from __future__ import annotations

import re
from dataclasses import dataclass

_AMOUNT = re.compile(
    r"(?<![\d,.])(\d{1,3}(?:[ .]\d{3})+|\d+)(?:,(\d{1,2}))?\s*"
    r"(milj(?:\.|oonaa|oonan)?\s*|miljoner\s*|million\s*|m\s*)?"
    r"(€|euroa|euron|eurolla|eur\b|euro\b|euros\b|EUR\b)", re.IGNORECASE)
# "€2.000.000", "EUR 7.8 million"
_EURO_FIRST = re.compile(r"(?:€|EUR)\s?(\d{1,3}(?:[ ,.]\d{3})+(?![.,]\d)|\d+(?:\.\d+)?)"
                         r"(\s?(?:million|miljoner|milj\.|miljoonaa)(?!\w))?")


# a sum in a currency other than the euro ("480 000 kr", "4,7 miljoner kronor", "en halv miljon
# kronor", "SEK 2 million"): a grant all the same, though it has no euro value
_OTHER_CURRENCY = re.compile(
    r"(?:\d(?:[\d ,.]*\d)?|\b(?:en halv|halv|en|ett|två|tre|fyra|fem))\s*"
    r"(?:miljon(?:er)?\s+|million\s+|milj\.\s*)?(?:kronor|kr\b|sek\b|mkr\b|mnkr\b)"
    r"|\bSEK\s?\d", re.IGNORECASE)


@dataclass
class Amount:
    eur: float
    start: int
    end: int


def _number(whole: str, decimals: str | None) -> float:
    value = float(re.sub(r"[ .]", "", whole))
    if decimals:
        value += float("0." + decimals)
    return value


def find_amounts(text: str) -> list[Amount]:
    found = []
    for m in _AMOUNT.finditer(text):
        value = _number(m.group(1), m.group(2))
        if m.group(3):
            value *= 1_000_000
        found.append(Amount(value, m.start(), m.end()))
    for m in _EURO_FIRST.finditer(text):
        if m.group(2):
            value = float(m.group(1)) * 1_000_000
        else:
            value = float(re.sub(r"[ ,.]", "", m.group(1)))
        found.append(Amount(value, m.start(), m.end()))
    return sorted(found, key=lambda a: a.start)


def names_other_currency(text: str) -> bool:
    """Does the text state a sum in a currency other than the euro (kronor)?"""
    return _OTHER_CURRENCY.search(text) is not None


def as_number(value: float) -> int | float:
    return int(value) if value == int(value) else value
