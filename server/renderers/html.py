"""HTML table of a query result for browsers: rows capped, every value escaped."""

from __future__ import annotations

from html import escape

from server.display import plain_text
from server.engine import TABLE_FORMAT

__all__ = ["TABLE_FORMAT", "render_table"]

MEDIA_TYPE = "text/html"
FORMAT_NAMES = ("html",)

_STYLE = (
    "body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}"
    "td,th{border:1px solid #ccc;padding:.25em .5em;vertical-align:top;text-align:left}"
    "pre{background:#f6f6f6;padding:.5em;white-space:pre-wrap}.note{color:#a40}"
)


def _cell(term: dict | None) -> str:
    if term is None:
        return ""
    value = escape(plain_text(term["value"]))
    if term["type"] == "uri":
        if term["value"].startswith(("http://", "https://")):
            return f'<a href="{value}">{value}</a>'
        return f"&lt;{value}&gt;"
    if term["type"] == "bnode":
        return f"_:{value}"
    if "xml:lang" in term:
        return f'{value} <small>@{escape(term["xml:lang"])}</small>'
    datatype = term.get("datatype", "")
    if datatype and not datatype.endswith("#string"):
        return f"{value} <small>^^{escape(datatype)}</small>"
    return value


def render_table(table: dict, query: str, row_limit: int) -> str:
    """A whole HTML page for a SELECT/ASK/CONSTRUCT result in the worker's table form."""
    parts = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        f"<title>SPARQL results</title><style>{_STYLE}</style></head><body>",
        f"<h1>SPARQL results</h1><pre>{escape(query)}</pre>",
    ]
    if "boolean" in table:
        parts.append(f"<p>Answer: <strong>{'true' if table['boolean'] else 'false'}</strong></p>")
    else:
        rows = table["rows"]
        parts.append(f"<p>{len(rows)} row{'s' if len(rows) != 1 else ''}</p>")
        if table.get("truncated"):
            parts.append(
                f'<p class="note">Truncated: only the first {row_limit} rows are shown. '
                "Ask for JSON, XML, CSV or TSV to get every row.</p>"
            )
        head = "".join(f"<th>{escape(name)}</th>" for name in table["vars"])
        parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>")
        for row in rows:
            parts.append("<tr>" + "".join(f"<td>{_cell(t)}</td>" for t in row) + "</tr>")
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "".join(parts)
