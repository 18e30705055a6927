"""Click commands contributed to ``kg`` by the server package."""

import click

commands: list[click.Command] = []
