"""HTTP to the real Flask app without a socket.

``requests`` sent to the base URL of ``in_process(app)`` go through Flask's
``app.test_client()`` instead of a connection: the tests call ``requests`` as they would a
server, and their assertions read real ``requests.Response`` objects (status, headers,
cookies, body). Tests about sockets, streams cut by the client or concurrent serving use
``running_app`` (a real server on a free port) instead.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.client import HTTPMessage
from types import SimpleNamespace
from urllib.parse import urlsplit

import requests
from flask import Flask
from requests.adapters import BaseAdapter
from requests.cookies import extract_cookies_to_jar
from requests.structures import CaseInsensitiveDict
from requests.utils import get_encoding_from_headers

_HOSTS: dict[str, FlaskAdapter] = {}  # "app-1.test" → the adapter of that app
_NUMBERS = itertools.count(1)


class FlaskAdapter(BaseAdapter):
    """A ``requests`` transport that hands each request to ``app.test_client()``."""

    def __init__(self, app: Flask) -> None:
        super().__init__()
        self.client = app.test_client(use_cookies=False)  # cookies stay with the requests side

    def send(self, request: requests.PreparedRequest, stream: bool = False,
             timeout: object = None, verify: object = True, cert: object = None,
             proxies: object = None) -> requests.Response:
        parts = urlsplit(request.url)
        answer = self.client.open(parts.path, base_url=f"{parts.scheme}://{parts.netloc}",
                                  query_string=parts.query, method=request.method,
                                  headers=dict(request.headers), data=request.body)
        try:
            return _as_requests_response(request, answer)
        finally:
            answer.close()  # a file answer (dumps, static files) closes its file

    def close(self) -> None:
        """Nothing to close: no connection was opened."""


def _as_requests_response(request: requests.PreparedRequest, answer: object) -> requests.Response:
    """The test client's answer as ``requests`` would have read it off a socket (repeated
    header fields joined with ", ", cookies in ``response.cookies``)."""
    message = HTTPMessage()
    for name, value in answer.headers.items():
        message[name] = value
    response = requests.Response()
    response.status_code = answer.status_code
    response.reason = answer.status.partition(" ")[2]
    response.headers = CaseInsensitiveDict(
        {name: ", ".join(message.get_all(name)) for name in dict.fromkeys(message.keys())})
    response.encoding = get_encoding_from_headers(response.headers)
    response.raw = io.BytesIO(answer.get_data())
    response.raw._original_response = SimpleNamespace(msg=message)  # read by the cookie jars
    response.url = request.url
    response.request = request
    extract_cookies_to_jar(response.cookies, request, response.raw)
    return response


def routing_get_adapter(original: Callable[[requests.Session, str], BaseAdapter]
                        ) -> Callable[[requests.Session, str], BaseAdapter]:
    """A ``Session.get_adapter`` that sends the URLs of an ``in_process`` host to its app
    and every other URL to `original`."""
    def get_adapter(session: requests.Session, url: str) -> BaseAdapter:
        return _HOSTS.get(urlsplit(url).netloc) or original(session, url)
    return get_adapter


@contextmanager
def in_process(app: Flask) -> Iterator[str]:
    """A base URL (``http://app-N.test``) that ``requests`` answers through `app`."""
    host = f"app-{next(_NUMBERS)}.test"
    _HOSTS[host] = FlaskAdapter(app)
    try:
        yield f"http://{host}"
    finally:
        del _HOSTS[host]
