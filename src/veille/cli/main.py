"""``veille`` — the command-line entry point. Data goes to stdout, logs and progress to stderr.

Exit codes: 0 ok, 1 some inputs failed, 2 usage error.

Each command's module is imported when that command runs (:class:`LazyGroup`): ``veille analyze page``
does not pay for the fetcher, the store, the server or the evaluation code (a fifth of a second of every
start), and ``veille --help`` imports them all to list them.
"""

from __future__ import annotations

import atexit
import importlib
import logging
import os
import sys
from typing import NoReturn

import click

from ..errors import StoreFullError, StoreUnavailableError, VeilleError

#: Command name → (module under veille.cli, attribute, store-backed mode of the same command or None).
COMMANDS: dict[str, tuple[str, str, str | None]] = {
    "analyze": ("analyze", "analyze_cmd", None),
    "demo": ("demo", "demo_cmd", None),
    "eval": ("eval", "eval_group", None),
    "quotes": ("quotes", "quotes_cmd", "quotes_store_mode"),  # --db: the store-backed mode (cli/search.py)
    "events": ("events", "events_cmd", "events_store_mode"),  # --db: the store-backed mode (cli/search.py)
    "ingest": ("ingest", "ingest_cmd", None),
    "search": ("search", "search_cmd", None),
    "entity": ("entity", "entity_cmd", None),
    "serve": ("serve", "serve_cmd", None),
    "watch": ("watch", "watch_cmd", None),
    "stories": ("stories", "stories_cmd", None),
    "story": ("stories", "story_cmd", None),
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use (click's documented lazy-loading pattern)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.add_command(_load_command(cmd_name), cmd_name)
        return super().get_command(ctx, cmd_name)


def _load_command(name: str) -> click.Command:
    module_name, attr, store_mode = COMMANDS[name]
    command = getattr(importlib.import_module(f"{__package__}.{module_name}"), attr)
    if store_mode is not None:
        search = importlib.import_module(f"{__package__}.search")
        command = search.with_db(command, getattr(search, store_mode))
    return command


@click.group(cls=LazyGroup,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="veille")
@click.option("-v", "--verbose", count=True, help="More logging on stderr (-vv for debug).")
def cli(verbose: int) -> None:
    """veille: news pages in, structured and attributed knowledge out."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="veille: %(message)s", stream=sys.stderr)
    for noisy in (
        "trafilatura",
        "htmldate",
        "courlan",
        "charset_normalizer",
    ):  # their warnings are not the user's
        logging.getLogger(noisy).setLevel(logging.ERROR if verbose < 2 else logging.DEBUG)



def main() -> None:
    """The ``veille`` command: runs it, then leaves the process without tearing the interpreter down
    (:func:`exit_now`)."""
    try:
        run()
    except SystemExit as done:
        exit_now(done.code)
    exit_now(0)


def exit_now(code: int | str | None) -> NoReturn:
    """End the process the way ``sys.exit(code)`` would, minus the interpreter's teardown.

    Python frees every object of every module at exit; after a one-page ``veille analyze`` that is the
    models, the vocabularies and half a million vector keys — about half a second of CPU, a sixth of the
    start-up, spent on memory the operating system takes back anyway. What a normal exit does that
    matters still happens: the ``atexit`` functions run (logging's flush, multiprocessing's and Ray's
    clean-up, a test database server's stop), then stdout and stderr are flushed. veille writes its
    files inside ``with`` blocks, so no buffer is left to a finaliser."""
    if isinstance(code, str):  # sys.exit("message"): the message on stderr, status 1
        print(code, file=sys.stderr)
        code = 1
    status = 0 if code is None else int(code)
    try:
        atexit._run_exitfuncs()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):  # a closed pipe (``veille analyze … | head``) or stream
                pass
        os._exit(status)


def run() -> None:
    """The command line itself; exits through ``sys.exit`` with the documented codes."""
    try:
        rc = cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("veille: aborted", err=True)
        sys.exit(130)
    except click.UsageError as err:
        err.show()
        sys.exit(2)
    except click.exceptions.Exit as ex:
        sys.exit(ex.exit_code)
    except (StoreFullError, StoreUnavailableError) as err:  # not a usage error: what it stored is kept
        click.echo(f"veille: {err}", err=True)
        sys.exit(1)
    except VeilleError as err:
        click.echo(f"veille: {err}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)
    sys.exit(rc if isinstance(rc, int) else 0)


if __name__ == "__main__":
    main()
