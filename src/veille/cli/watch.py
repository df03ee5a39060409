"""``veille watch``: keep a store current from feeds and sitemaps (``veille.watch``), politely."""

from __future__ import annotations

import json
import re
import sys
import threading

import click

from ..config import load_config
from ..errors import ConfigError
from ..fetch import Fetcher, FetchPolicy
from ..watch import Watcher, WatchSummary, read_watch_inputs
from .analyze import valid_date
from .ingest import db_option, open_cli_store
from .priority import nice_option
from .progress import Progress

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")


def _duration(ctx, param, value: str | None) -> float | None:
    """Seconds from ``90``, ``90s``, ``15m``, ``2h`` or ``1d``."""
    if value is None:
        return None
    m = _DURATION.match(value)
    if not m:
        raise click.BadParameter(f"{value!r} is not a duration such as 90s, 15m or 1h")
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


@click.command("watch")
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("--once", is_flag=True, help="One round (poll, fetch, store), then exit.")
@click.option("--interval", default="15m", show_default=True, callback=_duration, metavar="DURATION",
              help="Time between rounds: 90s, 15m, 1h…")
@click.option("--since", callback=valid_date, metavar="YYYY-MM-DD",
              help="Leave out links a feed or sitemap dates before this day (undated links are kept).")
@click.option("--user-agent", metavar="TEXT", help="User agent sent to sites (say who you are and how to "
              "reach you).")
@click.option("--delay", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Seconds between two requests to one host (a robots.txt Crawl-delay may raise it).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Seconds allowed for one request, body included.")
@click.option("--retries", type=click.IntRange(min=0), default=2, show_default=True,
              help="Further attempts on timeouts, connection errors, 429 and 5xx (with backoff).")
@click.option("--concurrency", type=click.IntRange(min=1), default=8, show_default=True,
              help="Requests in flight over all hosts (at most 2 per host).")
@click.option("--batch-size", type=click.IntRange(min=1), default=16, show_default=True,
              help="Pages fetched, analysed and committed together.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout at the end.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file (TOML).")
@nice_option
@click.pass_context
def watch_cmd(ctx, sources, db, once, interval, since, user_agent, delay, timeout, retries, concurrency,
              batch_size, as_json, config_path) -> None:
    """Keep the store current from SOURCES: feed (RSS/Atom) or sitemap URLs (sitemap indexes and news
    sitemaps too), OPML files of feeds, or files listing page URLs (one a line).

    Each round polls every source with a conditional GET, fetches the pages not seen before (robots.txt
    obeyed, one request per host per --delay), and analyses and stores them. What it has seen and what is
    left to fetch live in the store: a stopped or killed watch resumes where it stopped (Ctrl-C or a kill
    loses at most the batch in progress, which the next run does again).

    \b
    Examples:
      veille watch https://news.example/rss.xml --once
      veille watch subscriptions.opml https://news.example/sitemap_index.xml --interval 10m
      veille watch urls.txt --db postgresql://me@db/veille --user-agent "desk-bot/1.0 (+mailto:d@x.org)"
    """
    config = load_config(config_path)
    inputs = read_watch_inputs(sources, config.max_bytes)
    for problem in inputs.problems:
        click.echo(f"veille: {problem}", err=True)
    if not inputs.sources and not inputs.pages:
        raise click.UsageError("nothing to watch: no usable source among the arguments")
    try:
        policy = FetchPolicy(host_delay=delay, timeout=timeout, retries=retries, concurrency=concurrency,
                             max_bytes=config.max_bytes, **({"user_agent": user_agent} if user_agent else {}))
    except ConfigError as err:
        raise click.UsageError(str(err)) from err
    store = open_cli_store(db, config)
    fetcher = Fetcher(policy)
    progress = Progress(noun="page", doing="watching", summary=False)  # each round prints its own summary
    stop = threading.Event()
    watcher = Watcher(store, fetcher, config=config, batch_size=batch_size, on_page=progress.step, stop=stop,
                      since=since)
    interrupted = False
    try:
        watcher.seed(inputs)
        while True:
            watcher.run_round()
            _report_round(watcher.summary)
            if once or stop.wait(interval):
                break
    except KeyboardInterrupt:
        interrupted = True
    finally:
        progress.done()
        fetcher.close()
        store.close()
    _report(watcher.summary, store.url, as_json)
    if interrupted:
        click.echo("veille: watch stopped; run the same command to resume", err=True)
    ctx.exit(1 if watcher.summary.failed or inputs.problems else 0)


def _report_round(s: WatchSummary) -> None:
    click.echo(f"veille: round {s.rounds}: {s.polled} polls ({s.not_modified} not modified), {s.found} new "
               f"links, {s.new} pages stored so far", err=True)


def _report(s: WatchSummary, url: str, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps({"db": url, **s.as_dict()}, ensure_ascii=False) + "\n")
    failed = sum(s.failed.values())
    by_reason = ", ".join(f"{r}: {n}" for r, n in sorted(s.failed.items()))
    click.echo(f"veille: {s.fetched} fetched, {s.new} new, {s.replaced} replaced, {s.unchanged} unchanged, "
               f"{s.already_stored} already stored, {s.duplicates} duplicates, {failed} failed"
               + (f" ({by_reason})" if by_reason else "") + f" → {url}", err=True)
    for name, reason, message in s.failures[:20]:
        click.echo(f"veille:   failed {name}: {message} [{reason}]", err=True)
    if len(s.failures) > 20:
        click.echo(f"veille:   … and {len(s.failures) - 20} more (see --json)", err=True)
