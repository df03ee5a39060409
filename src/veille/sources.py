"""Inputs at the door: paths, directories, stdin, JSONL records, WARC/ARC archives, bytes and strings
become ``Source``s.

Everything else in veille sees decoded text with a known kind (``html`` or ``text``). Bad inputs become
``InputError``s naming the input and the reason; a directory with one bad file still yields the others.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import select
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

from .errors import InputError

PAGE_SUFFIXES = (".html", ".htm", ".txt", ".gz", ".jsonl", ".json", ".warc", ".arc")

# Magic numbers of formats people feed by mistake; they are named in the error.
_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive",
    b"RIFF": "a RIFF (WebP/WAV/AVI) file",
    b"\x7fELF": "an executable",
    b"SQLite format 3": "an SQLite database",
}


@dataclass
class Source:
    """One page as read: decoded text, what kind it is, and what the input itself told us."""

    name: str
    text: str
    kind: str  # "html" or "text"
    url: str | None = None
    published: str | None = None
    #: The title and outlet an input record gives (JSON/JSONL ``title``, ``site_name``): they win over
    #: what extraction finds, as the user's own data.
    title: str | None = None
    site_name: str | None = None
    encoding: str = "utf-8"
    notes: list[str] = field(default_factory=list)
    raw_sha1: str = ""


def read_sources(inputs: Iterable[str], max_bytes: int = 10_000_000) -> Iterator[Source | InputError]:
    """Yield a Source (or an InputError) for every page named by ``inputs``, in order.

    ``-`` reads standard input; a directory is walked recursively for page files (sorted).
    """
    for item in inputs:
        if item == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)  # never more than the limit in memory
            if len(data) > max_bytes:
                yield InputError("<stdin>", "too_large", f"standard input holds over {max_bytes:,} bytes, "
                                 "the limit (raise it with --max-bytes or max_bytes in the configuration)")
                continue
            yield from _sources_from_bytes("<stdin>", data, max_bytes)
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(PAGE_SUFFIXES)
            )
            if not files:
                yield InputError(item, "empty", f"directory has no page files ({', '.join(PAGE_SUFFIXES)})")
            for f in files:
                yield from _sources_from_path(f, max_bytes)
        else:
            yield from _sources_from_path(path, max_bytes)


def _sources_from_path(path: Path, max_bytes: int) -> Iterator[Source | InputError]:
    name = str(path)
    if not path.exists():
        yield InputError(name, "missing", "no such file or directory")
        return
    from .readers.warc import is_archive_name, read_archive

    if is_archive_name(name) and path.is_file():  # streamed record by record: max_bytes limits each page
        yield from read_archive(path, max_bytes)
        return
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO, a process substitution <(…), a device
            yield from _sources_from_stream(name, path, max_bytes)
            return
        size = info.st_size
        if size > max_bytes:
            yield InputError(
                name,
                "too_large",
                f"file is {size:,} bytes, over the limit of {max_bytes:,} "
                "(raise it with --max-bytes or max_bytes in the configuration)",
            )
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(name, "unreadable", f"cannot read the file ({exc.strerror or exc})")
        return
    yield from _sources_from_bytes(name, data, max_bytes)


#: Seconds a pipe may stay silent before it is given up (a FIFO whose writer never comes, a stalled feed).
STREAM_TIMEOUT = 10.0


def _sources_from_stream(name: str, path: Path, max_bytes: int,
                         timeout: float | None = None) -> Iterator[Source | InputError]:
    """Read a named pipe or device without blocking for ever: opened non-blocking (a FIFO with no writer
    reads as empty instead of hanging), read while data comes, at most ``max_bytes``, and given up after
    ``timeout`` seconds of silence."""
    timeout = STREAM_TIMEOUT if timeout is None else timeout
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        yield InputError(name, "unreadable", f"cannot open it ({exc.strerror or exc})")
        return
    chunks: list[bytes] = []
    size = 0
    try:
        while size <= max_bytes:
            ready, _, _ = select.select([fd], [], [], timeout)
            if not ready:
                yield InputError(name, "unreadable",
                                 f"nothing arrived for {timeout:g} s (a pipe with no writer?)")
                return
            try:
                chunk = os.read(fd, 1 << 16)
            except BlockingIOError:
                continue
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        yield InputError(name, "unreadable", f"cannot read it ({exc.strerror or exc})")
        return
    finally:
        os.close(fd)
    if size > max_bytes:
        yield InputError(name, "too_large", f"holds over {max_bytes:,} bytes, the limit")
        return
    yield from _sources_from_bytes(name, b"".join(chunks), max_bytes)


def _sources_from_bytes(name: str, data: bytes, max_bytes: int) -> Iterator[Source | InputError]:
    try:
        data = _gunzip(name, data, max_bytes)
        if name.lower().removesuffix(".gz").endswith((".jsonl", ".json")):
            yield from _sources_from_records(name, data, max_bytes)
        else:
            yield source_from_bytes(name, data, max_bytes=max_bytes)
    except InputError as err:
        yield err


def _gunzip(name: str, data: bytes, max_bytes: int) -> bytes:
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        with gzip.GzipFile(fileobj=__import__("io").BytesIO(data)) as fh:
            out = fh.read(max_bytes + 1)
    except (OSError, EOFError) as exc:
        raise InputError(name, "undecodable", f"looks gzipped but cannot be decompressed ({exc})") from exc
    if len(out) > max_bytes:
        raise InputError(name, "too_large", f"decompresses to over the limit of {max_bytes:,} bytes")
    return out


def _sources_from_records(name: str, data: bytes, max_bytes: int) -> Iterator[Source | InputError]:
    """JSON or JSONL with objects carrying ``html`` or ``text`` (and optionally ``url``, ``published``,
    ``title``, ``site_name``)."""
    text = decode_bytes(name, data)[0]
    stripped = text.strip()
    if not stripped:
        raise InputError(name, "empty", "file is empty")
    if stripped.startswith("["):
        try:
            records = list(enumerate(json.loads(stripped), 1))
        except json.JSONDecodeError as exc:
            raise InputError(name, "bad_record", f"not valid JSON ({exc.msg} at line {exc.lineno})") from exc
    else:
        records = []
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                records.append((n, json.loads(line)))
            except json.JSONDecodeError as exc:
                yield InputError(f"{name}:{n}", "bad_record", f"line is not valid JSON ({exc.msg})")
    for n, rec in records:
        where = f"{name}:{n}"
        if not isinstance(rec, dict) or not isinstance(rec.get("html") or rec.get("text"), str):
            yield InputError(where, "bad_record", "record needs a string field 'html' or 'text'")
            continue
        body = rec.get("html") or rec["text"]
        try:
            src = source_from_text(where, body, kind="html" if rec.get("html") else "text")
        except InputError as err:
            yield err
            continue
        src.url = rec.get("url") if isinstance(rec.get("url"), str) else None
        pub = rec.get("published")
        src.published = pub if isinstance(pub, str) else None
        src.title, src.site_name = _given(rec, "title"), _given(rec, "site_name")
        yield src


def _given(rec: dict, key: str) -> str | None:
    """A record's string field, stripped; absent, empty or not a string is None."""
    value = rec.get(key)
    return value.strip() or None if isinstance(value, str) else None


def source_from_bytes(name: str, data: bytes, max_bytes: int = 10_000_000, url: str | None = None) -> Source:
    """Decode one page's bytes; raise InputError for empty, binary, too large or undecodable input."""
    if len(data) > max_bytes:
        raise InputError(name, "too_large", f"input is {len(data):,} bytes, over the limit of {max_bytes:,}")
    if not data.strip():
        raise InputError(name, "empty", "file is empty" if not data else "file holds only white space")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(name, "not_text", f"not a text or HTML page: it is {what}")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(name, "not_text", "not a text or HTML page: it holds binary data (NUL bytes)")
    text, encoding, notes = decode_bytes(name, data)
    src = source_from_text(name, text, url=url)
    src.encoding, src.notes = encoding, notes + src.notes
    src.raw_sha1 = hashlib.sha1(data).hexdigest()
    return src


def source_from_text(name: str, text: str, kind: str | None = None, url: str | None = None) -> Source:
    """A Source from already-decoded text; ``kind`` is guessed when not given."""
    raw_sha1 = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    # a lone surrogate (a JSON "\ud800" escape) is no character: no encoder, tokenizer or store takes it
    text, surrogates = _LONE_SURROGATE.subn("\ufffd", text)
    if not text.strip():
        raise InputError(name, "empty", "page has no text")
    _check_printable(name, text)
    kind = kind or ("html" if looks_like_html(text) else "text")
    notes = [f"{surrogates} lone surrogate code point(s) replaced by U+FFFD"] if surrogates else []
    return Source(name=name, text=text, kind=kind, url=url, notes=notes, raw_sha1=raw_sha1)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def looks_like_html(text: str) -> bool:
    head = text[:4096].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")):
        return True
    tags = sum(
        head.count(t) for t in ("<p>", "<p ", "<div", "<body", "<head", "<meta", "<br", "<article", "<a ")
    )
    return tags >= 3


def decode_bytes(name: str, data: bytes) -> tuple[str, str, list[str]]:
    """Decode with the declared or detected encoding. UTF-8 with a few invalid bytes is kept as UTF-8
    (the bytes replaced, a note added) rather than misread as a legacy encoding."""
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc, []
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data)
    if declared:
        try:
            return data.decode(declared), declared, [f"decoded as {declared} (declared by the page)"]
        except (LookupError, UnicodeDecodeError):
            pass
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    damaged = [f"{bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD"]
    if 0 < sum(1 for c in replaced if ord(c) > 127) - bad >= bad:
        # UTF-8 with damaged sequences (a truncated copy, a bad paste): keep it UTF-8 rather than misread
        # the whole page in a legacy encoding
        return replaced, "utf-8", damaged
    western = _as_western(data)
    if western is not None:
        return western, "cp1252", ["decoded as cp1252 (Western European text that is not UTF-8)"]
    if bad <= 3:
        return replaced, "utf-8", damaged
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(name, "undecodable", "bytes are not in any text encoding veille can detect")
    return str(best), best.encoding, [f"decoded as {best.encoding} (detected)"]


_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w\-:]+)|<\?xml[^>]+encoding=["']([\w\-]+)""", re.I)


def _declared_charset(data: bytes) -> str | None:
    m = _CHARSET.search(data[:4096])
    if not m:
        return None
    name = (m.group(1) or m.group(2)).decode("ascii", "replace").lower()
    return None if name in ("utf-8", "utf8") else name


def _as_western(data: bytes) -> str | None:
    """cp1252 when it reads like Western European text: accented letters among mostly ASCII ones. Statistical
    detectors often call short French latin-1 text Baltic or Turkish; text in another script decoded as
    cp1252 is almost all non-ASCII letters, so it fails this test and goes to the detector."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    non_ascii = sum(1 for c in letters if ord(c) > 127)
    return text if non_ascii / len(letters) < 0.25 else None


#: control characters that no text page holds: below 32, except line feed, tab, form feed and vertical tab
_CONTROL = re.compile(r"[\x00-\x08\r\x0e-\x1f]")


def _check_printable(name: str, text: str) -> None:
    sample = text[:8192]
    control = len(_CONTROL.findall(sample))
    if control > len(sample) * 0.05:
        raise InputError(name, "not_text", "not a text or HTML page: it is mostly control characters")
    if sample.count("\ufffd") > len(sample) * 0.2:
        raise InputError(name, "undecodable", "most bytes are not valid in the detected encoding")
