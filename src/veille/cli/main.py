"""``veille`` — the command-line entry point. Data goes to stdout, logs and progress to stderr.

Exit codes: 0 ok, 1 some inputs failed, 2 usage error.
"""

from __future__ import annotations

import logging
import sys

import click

from ..errors import StoreFullError, StoreUnavailableError, VeilleError
from .analyze import analyze_cmd
from .demo import demo_cmd
from .entity import entity_cmd
from .eval import eval_group
from .events import events_cmd
from .ingest import ingest_cmd
from .quotes import quotes_cmd
from .search import events_store_mode, quotes_store_mode, search_cmd, with_db
from .serve import serve_cmd
from .stories import stories_cmd, story_cmd
from .watch import watch_cmd


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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


cli.add_command(analyze_cmd)
cli.add_command(demo_cmd)
cli.add_command(eval_group)
cli.add_command(with_db(quotes_cmd, quotes_store_mode))  # --db: the store-backed mode (cli/search.py)
cli.add_command(with_db(events_cmd, events_store_mode))  # --db: the store-backed mode (cli/search.py)
cli.add_command(ingest_cmd)
cli.add_command(search_cmd)
cli.add_command(entity_cmd)
cli.add_command(serve_cmd)
cli.add_command(watch_cmd)
cli.add_command(stories_cmd)
cli.add_command(story_cmd)


def main() -> None:
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
