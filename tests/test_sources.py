"""Inputs at the door: decoding, kinds, and bad inputs that become typed errors naming the input."""

from __future__ import annotations

import gzip
import json

import pytest

from veille.errors import InputError
from veille.sources import decode_bytes, looks_like_html, read_sources, source_from_bytes


def _one(path, **kw):
    out = list(read_sources([str(path)], **kw))
    assert len(out) == 1
    return out[0]


def test_sources_utf8_text_is_read_as_text(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Le gouvernement a annoncé un plan.\n", encoding="utf-8")
    src = _one(p)
    assert src.kind == "text" and src.text.startswith("Le gouvernement") and src.encoding == "utf-8"


def test_sources_latin1_is_detected(tmp_path):
    p = tmp_path / "latin1.txt"
    p.write_bytes(("Les élèves ont déjà reçu leurs résultats à Besançon. " * 5).encode("latin-1"))
    src = _one(p)
    assert "élèves" in src.text and "Besançon" in src.text


def test_sources_few_invalid_utf8_bytes_are_replaced_with_a_note():
    data = ("Un texte en français, très lisible, avec des accents : été, où, ça. " * 4).encode() + b"\xff ok"
    text, enc, notes = decode_bytes("x", data)
    assert enc == "utf-8" and "\ufffd" in text and notes and "invalid UTF-8" in notes[0]


def test_sources_gzip_is_read_transparently(tmp_path):
    p = tmp_path / "page.html.gz"
    p.write_bytes(
        gzip.compress(b"<html><head><title>T</title></head><body><p>Hello world.</p></body></html>")
    )
    src = _one(p)
    assert src.kind == "html" and "Hello world" in src.text


def test_sources_jsonl_records_carry_url_and_kind(tmp_path):
    p = tmp_path / "pages.jsonl"
    p.write_text(
        json.dumps({"url": "https://ex.org/a", "text": "Plain text page about things."})
        + "\n"
        + "not json\n"
        + json.dumps({"url": "https://ex.org/b", "html": "<html><body><p>Hi</p></body></html>"})
        + "\n"
        + json.dumps({"url": "https://ex.org/c"})
        + "\n"
    )
    out = list(read_sources([str(p)]))
    assert [type(o).__name__ for o in out] == ["InputError", "Source", "Source", "InputError"] or [
        type(o).__name__ for o in out
    ] == ["Source", "InputError", "Source", "InputError"]
    good = [o for o in out if not isinstance(o, InputError)]
    assert good[0].url == "https://ex.org/a" and good[0].kind == "text"
    assert good[1].kind == "html"
    bad = [o for o in out if isinstance(o, InputError)]
    assert all(str(p) in b.source for b in bad) and {b.reason for b in bad} == {"bad_record"}


@pytest.mark.parametrize(
    ("content", "reason", "words"),
    [
        (b"", "empty", "empty"),
        (b"   \n\t ", "empty", "white space"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "not_text", "PNG image"),
        (b"%PDF-1.7\n" + bytes(200), "not_text", "PDF"),
        (b"abc\x00\x01\x02" * 100, "not_text", "binary"),
    ],
)
def test_sources_bad_bytes_are_refused_with_a_reason(content, reason, words):
    with pytest.raises(InputError) as info:
        source_from_bytes("in.bin", content)
    assert info.value.reason == reason and words in info.value.message and info.value.source == "in.bin"


def test_sources_size_limit_names_the_limit(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("word " * 1000)
    err = _one(p, max_bytes=100)
    assert isinstance(err, InputError) and err.reason == "too_large" and "100" in err.message


def test_sources_missing_path_and_directory_with_one_bad_file(tmp_path):
    (tmp_path / "d" / "sub").mkdir(parents=True)
    (tmp_path / "d" / "a.txt").write_text("Une page en texte brut avec une phrase.")
    (tmp_path / "d" / "sub" / "b.html").write_text("<html><body><p>Texte.</p></body></html>")
    (tmp_path / "d" / "sub" / "empty.txt").write_bytes(b"")
    (tmp_path / "d" / "ignored.png").write_bytes(b"\x89PNG")
    out = list(read_sources([str(tmp_path / "nope.txt"), str(tmp_path / "d")]))
    assert isinstance(out[0], InputError) and out[0].reason == "missing"
    names = [o.source if isinstance(o, InputError) else o.name for o in out[1:]]
    assert [n.rsplit("/", 1)[-1] for n in names] == ["a.txt", "b.html", "empty.txt"]
    assert isinstance(out[3], InputError) and out[3].reason == "empty"


def test_sources_html_is_recognised_without_a_doctype():
    assert looks_like_html("<div><p>One</p><p>Two</p><a href=x>l</a></div>")
    assert not looks_like_html("A plain sentence with a < sign and > another.")


def test_sources_badly_damaged_utf8_stays_utf8_instead_of_mojibake():
    data = ("Des élèves réunis à l’école " * 20).encode() + b"\xc3 \xa9 \xe2\x80 " * 15
    text, enc, notes = decode_bytes("x", data)
    assert enc == "utf-8" and "élèves" in text and notes


def test_a_fifo_with_no_writer_is_given_up_with_a_reason_not_waited_for(tmp_path, monkeypatch):
    import os
    import time

    import veille.sources
    from veille.sources import read_sources

    monkeypatch.setattr(veille.sources, "STREAM_TIMEOUT", 0.5)
    fifo = tmp_path / "page.txt"
    os.mkfifo(fifo)
    started = time.monotonic()
    out = list(read_sources([str(fifo)]))
    assert time.monotonic() - started < 5
    assert len(out) == 1 and out[0].reason == "unreadable" and "no writer" in out[0].message


def test_a_fifo_with_a_writer_is_read(tmp_path):
    import os
    import threading
    import time

    from veille.sources import read_sources

    fifo = tmp_path / "page.txt"
    os.mkfifo(fifo)
    text = "Le conseil municipal a voté mardi le budget de la ville pour l'année prochaine.\n"

    def write():
        with open(fifo, "w", encoding="utf-8") as fh:
            fh.write(text)
    writer = threading.Thread(target=write)
    writer.start()
    time.sleep(0.2)  # the writer waits in open() for a reader
    out = list(read_sources([str(fifo)]))
    writer.join(5)
    assert out[0].text == text


def test_stdin_is_read_only_up_to_the_limit(monkeypatch):
    import io
    import sys

    from veille.sources import read_sources

    class Endless(io.RawIOBase):
        """An input that never ends: reading it whole would never return."""

        def readable(self):
            return True

        def readinto(self, buf):
            buf[: len(buf)] = b"a" * len(buf)
            return len(buf)

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(Endless())))
    out = list(read_sources(["-"], max_bytes=100_000))
    assert len(out) == 1 and out[0].reason == "too_large"
