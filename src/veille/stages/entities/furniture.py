"""Page furniture the extractor left in the body, recognised by its form so the names in it are not
taken for names the article mentions: captions closed by a photo credit ("... on Monday. (Jane
Roe/Daily Planet)"), wire credits in brackets ("(ACME NEWS with AFP, Reuters)"), teasers of other
articles (">>> Sécheresse : ...", a video's running time before its title "2:14 Minister says ...", a
"see also" line, a bulleted headline), and bylines ("Daily Planet · Posted: Apr 3", a line "By Jane Roe").

The article's own text in brackets ("the Space Agency (CSA)", "(27-33-12)") is not furniture: a credit
holds a slash between names, or a "with"/"avec"/"photo" word, and closes its paragraph.
"""

from __future__ import annotations

import re

from .mentions import Candidate

_CREDIT = re.compile(r"\([^()\n]*?(?:\b(?:with|avec|photo|crédit|credit)\b)[^()\n]*\)[ \t]*(?=\n|$)",
                     re.IGNORECASE)
#: a caption: a line closed by a photo credit, a photographer and an agency or paper ("(Jane Roe/AFP)",
#: or without brackets after the caption's last sentence: "... en 2017. LP/Jean Roe")
_CAPTION = re.compile(r"(?m)^[^\n]*(?:\([^()\n]*\w ?/ ?\w[^()\n]*\)"
                      r"|[.!?][ \t]+[A-Z]{2,}[ \t]?/[ \t]?[A-Z][\w’'-]*(?:[ \t][A-Z][\w’'-]*){0,3})"
                      r"[ \t]*$")
#: a teaser ends with its line or its headline's final mark, which pages glue to the next sentence
_TEASER = re.compile(r"(?m)(?:>>>|»»)[^\n.?!]*[.?!]?|^[ \t]*\*?[ \t]*\d{1,2}:\d{2}[ \t]+[A-Z][^\n]*$")
#: a "see also" line and what it announces, a bulleted headline of another article (no final full stop)
_SEE_ALSO = re.compile(r"(?m)^[ \t]*(?:À voir|A voir|À lire|A lire|Lire aussi|Voir aussi|Read more|See also"
                       r"|Watch|Related)\b[^\n]*$|^[ \t]*[*•][ \t]+[^\n]*[^.\s][ \t]*$")
#: a byline block: "Article rédigé par" / "Written by", names and outlet, "Publié le" / "Published"
_BYLINE_BLOCK = re.compile(r"(?m)^(?:Article rédigé par|Rédigé par|Written by)[^\n]*(?:\n+[^\n]{1,60}){0,3}?"
                           r"\n+(?:Publié|Mis à jour|Published|Updated)[^\n]*$")
#: a byline: "Daily Planet · Posted: ...", or a line of its own "Par Jean Roe"
_BYLINE = re.compile(r"(?m)^[^\n]{2,60}[ \t]+·[ \t]+(?:Posted|Updated|Publié|Mis à jour)[^\n]*$"
                     r"|^[ \t]*(?:Par|By)[ \t]+[A-Z][\w’'-]*(?:[ \t]+[A-Z][\w’'-]*){1,3}[ \t]*$")


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Stretches of ``text`` that are credits, teasers or bylines."""
    patterns = (_CREDIT, _CAPTION, _TEASER, _SEE_ALSO, _BYLINE, _BYLINE_BLOCK)
    return [m.span() for pattern in patterns for m in pattern.finditer(text)]


def outside_furniture(cands: list[Candidate], text: str) -> list[Candidate]:
    """The candidates that do not lie in furniture."""
    spans = furniture_spans(text)
    if not spans:
        return cands
    return [c for c in cands if not any(a <= c.start and c.end <= b for a, b in spans)]
