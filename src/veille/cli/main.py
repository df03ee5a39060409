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
from collections.abc import Callable
from typing import Any, NoReturn

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


#: What ``veille --help`` says of each command, in one line that fits (click would cut the docstring's
#: first sentence mid-word).
SHORT_HELP: dict[str, str] = {
    "analyze": "Analyse pages (files, folders, archives, -); print their records.",
    "demo": "Store the bundled example pages, then serve the workbench.",
    "entity": "Show a stored entity: names, quotes by and about it, events.",
    "eval": "Score veille against the evaluation corpus (figures and floors).",
    "events": "List who did what to whom (PLOVER events), in pages or the store.",
    "ingest": "Analyse pages and keep them in the store, placed in stories.",
    "quotes": "List quotes with their speakers, in pages or in the store.",
    "search": "Search the stored articles (words, or a name in any spelling).",
    "serve": "Serve the web UI and the JSON API over the store.",
    "stories": "List the stories in the store, latest and largest first.",
    "story": "Show one story: time line, copies and translations, who said what.",
    "watch": "Keep the store current from feeds, sitemaps, OPML and URL lists.",
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use (click's documented lazy-loading pattern)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.add_command(_load_command(cmd_name), cmd_name)
        return super().get_command(ctx, cmd_name)

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        """Click's entry point; run standalone (a test's ``CliRunner``), it answers errors the way the
        ``veille`` command does (:func:`guarded`: one line, the documented exit codes)."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        sys.exit(guarded(lambda: super(LazyGroup, self).main(args, prog_name, complete_var,
                                                              standalone_mode=False, **extra)))


def _load_command(name: str) -> click.Command:
    module_name, attr, store_mode = COMMANDS[name]
    command = getattr(importlib.import_module(f"{__package__}.{module_name}"), attr)
    if store_mode is not None:
        search = importlib.import_module(f"{__package__}.search")
        command = search.with_db(command, getattr(search, store_mode))
    command.short_help = command.short_help or SHORT_HELP.get(name)
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
    sys.exit(guarded(lambda: cli.main(standalone_mode=False)))


def guarded(invoke: Callable[[], Any]) -> int:
    """Run a command line and turn its outcome into an exit code, every error on one line of stderr:
    0 ok, 1 some inputs failed (or the store could not take more), 2 usage error, 130 interrupted."""
    try:
        rc = invoke()
    except click.exceptions.Abort:
        click.echo("veille: aborted", err=True)
        return 130
    except click.UsageError as err:
        click.echo(usage_line(err), err=True)
        return 2
    except click.exceptions.Exit as ex:
        return ex.exit_code
    except click.ClickException as err:  # a click error that is not about usage (a file it could not open)
        click.echo(f"veille: {err.format_message()}", err=True)
        return err.exit_code
    except (StoreFullError, StoreUnavailableError) as err:  # not a usage error: what it stored is kept
        click.echo(f"veille: {err}", err=True)
        return 1
    except VeilleError as err:
        click.echo(f"veille: {err}", err=True)
        return 2
    except BrokenPipeError:
        return 0
    return rc if isinstance(rc, int) else 0


def usage_line(err: click.UsageError) -> str:
    """A usage error as one line: what was wrong, then where the help is (click's own form takes four).

    >>> usage_line(click.UsageError("no such option: --x"))
    'veille: no such option: --x'
    """
    message = " ".join(err.format_message().split()).removesuffix(".")
    if err.ctx is None:
        return f"veille: {message}"
    path = err.ctx.command_path
    if err.ctx.parent is None or path.split()[0] != "veille":  # a test's runner calls the group "cli"
        path = " ".join(["veille", *path.split()[1:]])
    return f"{path}: {message} (see '{path} --help')"


if __name__ == "__main__":
    main()
