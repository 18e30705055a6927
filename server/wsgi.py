"""WSGI entry for production servers: ``gunicorn server.wsgi:app``.

Each gunicorn worker imports this after the fork, so each opens its own read-only
store handles (through its own pool of query worker processes).
"""

from server.app import create_app

app = create_app()
