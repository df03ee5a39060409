"""WARC and ARC archives (gzipped or not) the way CC-NEWS and web crawlers ship them: every HTTP response
record holding an HTML or text page becomes a ``Source`` with the target URI as its URL.

The archive is streamed record by record (warcio), never read whole: a CC-NEWS file is about 1 GB. Records
that are not pages (requests, metadata, robots.txt, images, redirects, 404s) are skipped and counted in one
log line per archive; a page that cannot be decoded is an ``InputError`` naming the archive and the record's
byte offset (``pages.warc.gz@1234``, which ``warcio extract`` takes), and the next records are still read.
The record's ``WARC-Date`` is when the page was fetched, not when it was published, so it goes in the
source's notes and never in ``published``.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..sources import Source, source_from_bytes

log = logging.getLogger("veille")

ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
#: Content types read as pages; anything else in an archive (images, scripts, PDFs) is skipped.
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def is_archive_name(name: str) -> bool:
    """True for the file names of WARC/ARC archives (``.warc``, ``.warc.gz``, ``.arc``, ``.arc.gz``)."""
    return name.lower().endswith(ARCHIVE_SUFFIXES)


def read_archive(path: str | Path, max_bytes: int = 10_000_000) -> Iterator[Source | InputError]:
    """Yield a Source for every page of a WARC/ARC archive, in archive order, or an InputError for a page
    (or an archive) that cannot be read. ``max_bytes`` limits each page, not the archive."""
    from warcio.exceptions import ArchiveLoadFailed

    name = str(path)
    skipped: Counter[str] = Counter()
    pages = 0
    try:
        with open(path, "rb") as fh:
            records = _checked_iterator(fh)
            for record in records:
                if not (record.rec_headers.get_header("Content-Length") or "").isdigit():
                    # warcio reads any line of text as an ARC header; a real record states its length
                    raise ValueError("a record has no numeric Content-Length")
                item = _page(name, records, record, max_bytes, skipped)
                if item is not None:
                    pages += isinstance(item, Source)
                    yield item
            if not records.complete:
                raise OSError("the last gzip member ends before its end: the file is truncated")
    except FileNotFoundError:
        yield InputError(name, "missing", "no such file or directory")
        return
    except OSError as exc:  # a truncated gzip member, a read error
        yield InputError(name, "undecodable", f"archive is damaged after {pages} page(s) ({exc})")
        return
    except (ArchiveLoadFailed, ValueError, EOFError) as exc:
        what = "not a WARC or ARC archive" if not pages and not skipped else f"archive is damaged after " \
               f"{pages} page(s)"
        yield InputError(name, "undecodable", f"{what} ({str(exc).strip().splitlines()[0]})")
        return
    if skipped:
        log.info("%s: %d page(s) read, %d record(s) skipped (%s)", name, pages, sum(skipped.values()),
                 ", ".join(f"{n} {why}" for why, n in skipped.most_common()))
    if not pages and not skipped:
        yield InputError(name, "empty", "archive holds no records")


def _checked_iterator(fh):
    """warcio's ArchiveIterator (ARC records converted to WARC) that also tells whether the archive's last
    gzip member was whole: warcio stops quietly at a truncated member, which would drop the pages after the
    cut without a word (a half-downloaded CC-NEWS file)."""
    from warcio.archiveiterator import ArchiveIterator

    class Checked(ArchiveIterator):
        complete = True

        def close(self) -> None:
            decompressor = self.reader.decompressor if self.reader else None
            if decompressor is not None and not getattr(decompressor, "eof", True):
                self.complete = False
            super().close()

    return Checked(fh, arc2warc=True)


def _page(name: str, records, record, max_bytes: int, skipped: Counter[str]) -> Source | InputError | None:
    """The page in one record, an InputError, or None (counted in ``skipped``) for a record that is not
    a page. The record's offset is asked for after its body is read (warcio reads to the record's end to
    know it)."""
    if record.rec_type not in ("response", "resource"):
        skipped[f"{record.rec_type} records"] += 1
        return None
    http = record.http_headers
    if http is not None and http.get_statuscode() not in ("200", "203"):
        skipped[f"HTTP {http.get_statuscode()}"] += 1
        return None
    ctype = (http.get_header("Content-Type") if http is not None
             else record.rec_headers.get_header("Content-Type")) or ""
    if ctype.split(";")[0].strip().lower() not in PAGE_TYPES:
        skipped["not HTML or text"] += 1
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    try:
        data = record.content_stream().read(max_bytes + 1)  # chunked and gzip transfer undone
        where = f"{name}@{records.get_record_offset()}"
        src = source_from_bytes(where, data, max_bytes=max_bytes, url=url)
    except InputError as err:
        return err
    except (OSError, ValueError, EOFError) as exc:
        return InputError(f"{name}@{records.get_record_offset()}", "undecodable",
                          f"record body cannot be decoded ({exc})")
    fetched = record.rec_headers.get_header("WARC-Date")
    if fetched:
        src.notes.append(f"fetched {fetched} (WARC-Date)")
    return src
