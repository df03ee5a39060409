"""The language stage: the page's language and each paragraph's, and foreign fragments inside the body."""

from __future__ import annotations

import re

from ..lang import resources
from ..record import Paragraph, Signal
from ..stage import Stage, Work
from .langid import fragment_languages, identify, prepare

# A bracketed or parenthesised insert of two words or more: where translated pages keep the original.
_FRAGMENT = re.compile(r"[\[(]([^\[\]()]{3,120})[\])]")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Offsets of the body's paragraphs (separated by blank lines)."""
    out, pos = [], 0
    for chunk in text.split("\n\n"):
        start = pos + (len(chunk) - len(chunk.lstrip()))
        end = pos + len(chunk.rstrip())
        if end > start:
            out.append((start, end))
        pos += len(chunk) + 2
    return out


class Language(Stage):
    name = "language"
    version = "1"
    requires = ("text",)
    assigns = ("lang", "paragraphs")

    def pipe(self, works: list[Work]) -> list[Work]:
        """Every page's body and paragraphs are walked by the identifier together first (one numpy
        pass for the batch, ``langid.prepare``), then each page is judged as ``__call__`` says."""
        for langs in {w.config.languages for w in works}:
            texts = []
            for w in works:
                if w.config.languages == langs:
                    text = w.article.text
                    texts += [text, *(text[start:end] for start, end in paragraphs(text))]
            prepare(texts, langs)
        return super().pipe(works)

    def __call__(self, work: Work) -> Work:
        art = work.article
        langs = work.config.languages
        page_lang = work.lang_override or identify(art.text, langs)[0]
        art.lang = page_lang
        for start, end in paragraphs(art.text):
            chunk = art.text[start:end]
            code, score = identify(chunk, langs)
            art.paragraphs.append(Paragraph(start=start, end=end, lang=code, lang_score=round(score, 3)))
            if code and code != page_lang and score >= 0.95 and len(chunk.split()) >= 4:
                art.signals.append(
                    Signal(
                        kind="foreign_fragment",
                        text=chunk[:200],
                        start=start,
                        end=end,
                        lang=code,
                        detail=f"a paragraph in {code} inside a {page_lang} body",
                    )
                )
            else:
                self._fragments(art, chunk, start, page_lang)
        return work

    @staticmethod
    def _fragments(art, chunk: str, offset: int, page_lang: str | None) -> None:
        res = resources(page_lang)
        for m in _FRAGMENT.finditer(chunk):
            inner = m.group(1)
            words = re.findall(r"[^\W\d_]+", inner)
            if len(words) < 2 or (res and any(w.lower() in res.function_words for w in words)):
                continue
            code, score = identify(inner, fragment_languages(page_lang))
            if code and code != page_lang and score >= 0.8:
                art.signals.append(
                    Signal(
                        kind="foreign_fragment",
                        text=m.group(0),
                        start=offset + m.start(),
                        end=offset + m.end(),
                        lang=code,
                        detail=f"words in {code} left untranslated in a {page_lang} body",
                    )
                )
