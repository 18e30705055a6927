"""Just enough SPARQL lexing to find SERVICE and FROM clauses and to measure nesting
without being fooled by strings, comments, IRIs, prefixed names or variables that merely
contain the word. Regular expressions only: no recursion, so no text can exhaust a stack."""

from __future__ import annotations

import re

_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_NAME_CHARS = r"A-Za-z0-9_\-.\u00B7\u00C0-\U000EFFFF"
_TOKEN = re.compile(
    rf"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<variable>[?$][{_NAME_CHARS}]+)
  | (?P<bnode>_:[{_NAME_CHARS}]+)
  | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<pname>(?:[A-Za-z\u00C0-\U000EFFFF][{_NAME_CHARS}]*)?:(?:[{_NAME_CHARS}:%]|\\.)*)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def unescape_codepoints(query: str) -> str:
    """SPARQL applies \\uXXXX escapes to the whole query text before parsing (§19.2)."""
    if "\\u" not in query and "\\U" not in query:
        return query
    return _CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), query)


def tokens(query: str) -> list[tuple[str, str]]:
    """(kind, text) pairs, whitespace and comments dropped."""
    return [
        (match.lastgroup, match.group())
        for match in _TOKEN.finditer(unescape_codepoints(query))
        if match.lastgroup not in ("space", "comment")
    ]


def service_targets(query: str) -> list[str]:
    """The endpoints of every SERVICE clause, as written (IRI, prefixed name or variable)."""
    if "service" not in query.lower() and "\\" not in query:
        return []
    found = tokens(query)
    targets = []
    for index, (kind, text) in enumerate(found):
        if kind != "word" or text.upper() != "SERVICE":
            continue
        following = found[index + 1 : index + 3]
        if following and following[0][0] == "word" and following[0][1].upper() == "SILENT":
            following = following[1:]
        targets.append(following[0][1] if following else "")
    return targets


def expand_target(target: str, query: str) -> str | None:
    """The IRI a SERVICE target names, or None when it is a variable or cannot be resolved."""
    if target.startswith("<") and target.endswith(">"):
        return target[1:-1]
    if ":" not in target or target.startswith(("?", "$")):
        return None
    prefix, _, local = target.partition(":")
    found = tokens(query)
    for index, (kind, text) in enumerate(found[:-2]):
        if kind == "word" and text.upper() == "PREFIX" and found[index + 1][1] == prefix + ":":
            iri = found[index + 2][1]
            return iri[1:-1] + local if iri.startswith("<") else None
    return None


OPENERS, CLOSERS = "{([", "})]"


class TooDeep(ValueError):
    """The query nests groups, brackets or parentheses deeper than allowed."""


def check_depth(query: str, limit: int) -> None:
    """TooDeep when ``{``, ``(`` or ``[`` (outside strings, IRIs and comments) nest deeper
    than ``limit``: recursive-descent parsers can run out of stack on such text."""
    if sum(query.count(char) for char in OPENERS) <= limit and "\\u" not in query \
            and "\\U" not in query:
        return  # too few openers to nest that deep
    depth = 0
    for match in _TOKEN.finditer(unescape_codepoints(query)):  # lazily: stops when too deep
        if match.lastgroup != "other":
            continue
        text = match.group()
        if text in OPENERS:
            depth += 1
            if depth > limit:
                raise TooDeep(f"The query nests {{ ( [ deeper than {limit} levels; "
                              "this endpoint refuses such queries.")
        elif text in CLOSERS:
            depth = max(0, depth - 1)


def has_dataset_clause(query: str) -> bool:
    """Whether the query names its dataset (FROM or FROM NAMED)."""
    if "from" not in query.lower() and "\\" not in query:
        return False
    return any(kind == "word" and text.upper() == "FROM" for kind, text in tokens(query))


QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


def query_form(query: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first such keyword (the prologue before it
    holds only BASE and PREFIX); None when there is none (not a query)."""
    for kind, text in tokens(query):
        if kind == "word" and text.upper() in QUERY_FORMS:
            return text.upper()
    return None


_SCHEME = re.compile(r"<[A-Za-z][A-Za-z0-9+.\-]*:")


def has_relative_iri(query: str) -> bool:
    """Whether the query writes an IRI without a scheme (relative to the base IRI)."""
    if "<" not in query and "\\" not in query:
        return False
    return any(kind == "iri" and not _SCHEME.match(text) for kind, text in tokens(query))
