"""CSV and JSON answers for lists, search results and chart figures (one place)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence

from flask import Response


def csv_response(header: Sequence[str], rows: Iterable[Sequence[object]], name: str) -> Response:
    """``rows`` as UTF-8 CSV (RFC 4180 line ends), offered for download as ``name``.csv."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(["" if value is None else value for value in row] for row in rows)
    response = Response(out.getvalue(), content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'inline; filename="{name}.csv"'
    return response


def json_response(document: object) -> Response:
    body = json.dumps(document, ensure_ascii=False, indent=1, default=str)
    return Response(body, content_type="application/json; charset=utf-8")
