"""What the sentence-level translation evidence costs (issue 11), in CPU time and bytes.

For pages of ../shared/corpus/stories (read in place; the invented stream of ``eval/data`` when the corpus
is absent), in the order of their keys:

- the encoder's CPU per page for a profile without and with its sentences (``build_profiles``, each page
  alone, no vector cache, so every vector is computed);
- the bytes the sentence evidence adds to a stored profile (``sentence_record``: int8 vectors + JSON);
- the CPU of the link features of a pair (``link_features``, sentence model vs chunk model), over pairs of
  those pages.

CPU time (``time.process_time``), medians and p90, so the figures hold on a shared machine; the load
average is printed with them.

    .venv/bin/python benchmarks/bench_sentence_link.py               # 40 pages, 200 pairs
    .venv/bin/python benchmarks/bench_sentence_link.py --pages 100

Not collected by pytest.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from veille.stories.encoder import Encoder
from veille.stories.online import sentence_record
from veille.stories.profile import PageText, build_profiles
from veille.stories.translation_link import link_features

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "stories"
STREAM = Path(__file__).resolve().parents[1] / "src" / "veille" / "eval" / "data" / "story_stream.jsonl"


def _pages(n: int) -> tuple[str, list[PageText]]:
    from veille.eval.stories_data import load

    if CORPUS.is_dir():
        docs = load(CORPUS.parent).docs
        return "SemEval-2022 corpus pages", [docs[k] for k in sorted(docs)[:n]]
    rows = [json.loads(line) for line in STREAM.read_text("utf-8").splitlines()][:n]
    return "invented stream pages", [PageText(r["text"], r["title"], r["lang"]) for r in rows]


def _stats(samples: list[float], unit: float = 1000.0, fmt: str = "{:.1f}") -> str:
    p90 = sorted(samples)[int(len(samples) * 0.9)]
    return f"{fmt.format(statistics.median(samples) * unit)} (p90 {fmt.format(p90 * unit)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--pairs", type=int, default=200)
    args = parser.parse_args()
    source, pages = _pages(args.pages)
    encoder = Encoder(cache=None)
    build_profiles(pages[:1], encoder)  # load the weights outside the clock
    plain, full, profiles = [], [], []
    for page in pages:
        start = time.process_time()
        build_profiles([page], encoder, sentences=False)
        plain.append(time.process_time() - start)
        start = time.process_time()
        profiles += build_profiles([page], encoder)
        full.append(time.process_time() - start)
    stored = [sum(len(part.encode()) if isinstance(part, str) else len(part)
                  for part in sentence_record(p.sentences)) for p in profiles if p.sentences is not None]
    pairs = [(a, b) for i, a in enumerate(profiles) for b in profiles[i + 1:]][:args.pairs]
    timed: dict[str, list[float]] = {"sentences": [], "chunks": []}
    for a, b in pairs:
        for kind, samples in timed.items():
            start = time.process_time()
            link_features(a, b, kind)
            samples.append(time.process_time() - start)
    print(f"{len(pages)} {source}, {len(pairs)} pairs; load average {os.getloadavg()[0]:.1f}")
    print(f"encoder CPU per page, ms: without sentences {_stats(plain)}, with sentences {_stats(full)}")
    counts = [float(len(p.sentences.vectors)) for p in profiles if p.sentences is not None]
    print(f"sentences per page: {_stats(counts, 1, '{:.0f}')}")
    print(f"sentence evidence stored per page, bytes: {_stats([float(s) for s in stored], 1, '{:.0f}')}")
    print(f"link features CPU per pair, ms: sentence model {_stats(timed['sentences'])}, "
          f"chunk model {_stats(timed['chunks'])}")


if __name__ == "__main__":
    main()
