"""The page's visible lines: libxslt's rendering gives the Python walk's lines, on pages the team wrote."""

from __future__ import annotations

import re
import threading

import lxml.html

from veille.stages.extract.visible_text import _walked, visible_lines

_PAGE = """<!DOCTYPE html><!-- served by the cache --><html><head><title>Le budget</title>
<style>p {color: red}</style><script>var x = "<p>not text</p>";</script></head>
<body><nav><ul><li><a href="/">Accueil</a></li><li>Politique</li></ul></nav>
<article><h1>Le  budget   de Rennes</h1><p>Le conseil a voté <b>mardi</b> le budget,<br>après
un long débat.<!-- fin du chapô --> Suite</p><div>Un bloc <span>en ligne</span><div>imbriqué</div> et sa
queue</div><noscript>Activez JavaScript</noscript> après le noscript<svg><text>1</text></svg>
<table><tr><td>Recettes</td><td>12 M€</td></tr></table><?php echo 1 ?></article>
<footer>\u00a0Mentions\tlégales\u2028</footer></body></html><!-- après la page -->"""


def _lines_walked(tree) -> list[str]:
    return [line for line in (re.sub(r"\s+", " ", x).strip() for x in _walked(tree).split("\n")) if line]


def test_visible_lines_render_blocks_skip_invisible_parts_and_keep_tails():
    tree = lxml.html.fromstring(_PAGE)
    lines = visible_lines(tree)
    assert lines == _lines_walked(tree)
    assert "Le budget de Rennes" in lines and "Recettes" in lines and "12 M€" in lines
    assert "Le conseil a voté mardi le budget," in lines
    assert not any("not text" in line or "color" in line or "Activez" in line for line in lines)
    assert any(line.endswith("après le noscript") for line in lines)
    assert "après la page" not in " ".join(lines)  # outside the root element, as the walk sees it


def test_visible_lines_of_a_fragment_are_those_of_the_walk():
    fragment = lxml.html.fromstring("<div><p>Un</p>deux<p>trois <i>quatre</i></p></div>")
    inner = fragment[1]  # an element inside: the rendering must not read the rest of its document
    assert visible_lines(inner) == _lines_walked(inner) == ["trois quatre"]


def test_visible_lines_from_several_threads():
    tree = lxml.html.fromstring(_PAGE)
    want, found = visible_lines(tree), []
    threads = [threading.Thread(target=lambda: found.append(visible_lines(lxml.html.fromstring(_PAGE))))
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert found == [want] * 4
