"""Translation benchmark: what the machine-translation evidence costs (issue 11), in CPU time.

- the ``machine_translation`` page signal (``read_page`` against the languages veille analyses), which
  runs in the signals stage of every analysed page;
- the direction of a pair (``which_is_original``), run when a page is linked as a translation;
- the one-off cost of loading the word-frequency lists (wordfreq, once per process).

Pages are the texts of ../shared/corpus/stories (read in place) in the languages veille analyses; pairs
are its machine-translated copies with their originals. CPU time (``time.process_time``), medians, so the
figures hold on a shared machine.

    .venv/bin/python benchmarks/bench_translation.py            # 300 pages, every MT copy
    .venv/bin/python benchmarks/bench_translation.py --pages 1000

Not collected by pytest.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from veille.lang import supported
from veille.stories.machine_translation import read_page
from veille.stories.profile import PageText
from veille.stories.translation import which_is_original
from veille.stories.translationese import zipf

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "stories"


def _ms(samples: list[float]) -> str:
    p90 = sorted(samples)[int(len(samples) * 0.9)]
    return f"{statistics.median(samples) * 1000:.2f} ms (p90 {p90 * 1000:.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    langs = tuple(supported())
    t = time.process_time()
    for lang in langs:
        zipf("the", lang)
    print(f"word lists loaded ({', '.join(langs)}): {time.process_time() - t:.2f} s CPU, once per process")

    pages: list[tuple[str, str]] = []
    for line in (args.corpus / "semeval2022_hfl_aug" / "pairs.jsonl").read_text("utf-8").splitlines():
        row = json.loads(line)
        pages += [(row[f"text{s}"], row[f"lang{s}"]) for s in "12" if row[f"lang{s}"] in langs]
    pages = list(dict.fromkeys(pages))[: args.pages]
    per_page = []
    for text, lang in pages:
        t = time.process_time()
        read_page(text, lang, langs)
        per_page.append(time.process_time() - t)
    print(f"machine_translation signal, per page: {_ms(per_page)} over {len(per_page)} pages")

    copies = [json.loads(line) for line in
              (args.corpus / "semeval2022_hfl_aug" / "mt_copies.jsonl").read_text("utf-8").splitlines()]
    per_pair = []
    for c in copies:
        a, b = PageText(c["orig_text"], lang=c["orig_lang"]), PageText(c["copy_text"], lang=c["copy_lang"])
        t = time.process_time()
        which_is_original(a, b)
        per_pair.append(time.process_time() - t)
    print(f"direction of a translation pair: {_ms(per_pair)} over {len(per_pair)} pairs "
          "(first pairs of a new language include loading its word list)")


if __name__ == "__main__":
    main()
