"""Blueprint: sparql."""

from flask import Blueprint

bp = Blueprint("sparql", __name__)
