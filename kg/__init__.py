"""kuhy: a linked-data knowledge graph of Finnish cultural-wellbeing projects.

Pipeline (no stage imports a later one):
ingest -> extract -> link -> rdf -> validate -> store; the server reads the store.
"""

__version__ = "0.1.0"
