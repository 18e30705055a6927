"""Text normaliser: one clean form of the text that every later component (and evidence) uses."""

from __future__ import annotations

import html
import re

_CHAR_MAP = str.maketrans({
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\t": " ",
    "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None,
    "\u2010": "-", "\u2011": "-",
    "\u2012": "–", "\u2014": "–", "\u2015": "–", "\u2212": "–",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'",
})
_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,200}>")
_AT = re.compile(r"\s*(?:\[\s*at\s*\]|\(\s*at\s*\)|\{\s*at\s*\}|\s\[at\]\s)\s*", re.IGNORECASE)
_DOT = re.compile(r"\s*(?:\[\s*dot\s*\]|\(\s*dot\s*\)|\{\s*dot\s*\}|\s\(piste\)\s)\s*", re.I)
# "nimi at example dot fi": spelled-out separators between e-mail-like tokens only.
_SPELLED = re.compile(r"\b([\w.-]+) (?:at|ät) ([\w-]+) dot (fi|com|org|net|se|eu)\b")
_WRAPPED_HYPHEN = re.compile(r"(\w)-\n(?=[a-zåäö])")
_SPLIT_CAPITAL = re.compile(r"(?m)^([A-ZÅÄÖ])\n(?=[a-zåäö]{3})")


# "date 2023-01 Helsingin kaupunki selvitti ...": a crawler's date stamp opening the text is
# a line of its own, not the start of the first sentence
_DATE_STAMP = re.compile(r"\A\s*(date \d{4}-\d{2}(?:-\d{2})?)[ \t]+")


def normalise_text(text: str) -> str:
    """NBSP, soft hyphens, dashes, quotes, markup and [at]/(at)/[dot] obfuscation cleaned up.

    Line structure is kept (the segmenter needs it); runs of spaces become one.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = html.unescape(_TAG.sub(" ", text)) if "<" in text or "&" in text else text
    text = text.translate(_CHAR_MAP)
    text = _DOT.sub(".", _AT.sub("@", text))
    text = _SPELLED.sub(r"\1@\2.\3", text)
    text = _WRAPPED_HYPHEN.sub(r"\1-", text)
    text = _SPLIT_CAPITAL.sub(r"\1", text)
    text = _DATE_STAMP.sub(r"\1\n\n", text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
