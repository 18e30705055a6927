"""The ``kg`` command line: one group, each stage contributes its own commands."""

from __future__ import annotations

import click

from kg import __version__


@click.group()
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """kuhy knowledge graph: extract, link, build, validate, export and serve."""


def _register() -> None:
    # each stage's commands are imported only here, so `kg` needs no stage to start
    from kg.extract.commands import commands as extract_commands
    from kg.extract.register_commands import commands as register_commands
    from kg.link.commands import commands as link_commands
    from kg.store.commands import commands as store_commands
    from server.commands import commands as server_commands

    for command in (*extract_commands, *register_commands, *link_commands, *store_commands,
                    *server_commands):
        main.add_command(command)


_register()
