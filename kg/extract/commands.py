"""Click commands contributed to ``kg`` by this package."""

import click

commands: list[click.Command] = []
