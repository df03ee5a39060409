"""English role nouns for speaker coreference: the head nouns of descriptions that stand for a person or
a body named elsewhere in the article ("the minister", "the spokesman", "the newspaper"), the synonyms
that stand for the same role, the words that point back to the last person named ("the latter"), and
the determiners that introduce someone new ("a witness").
"""

from __future__ import annotations

#: head nouns of human roles: offices, ranks, trades and positions a press article names people by
ROLE_NOUNS = frozenset("""
adviser advisor ambassador analyst anthropologist archaeologist archbishop architect attorney author
banker bishop boss captain cardinal ceo chair chairman chairwoman chancellor chief coach colonel commander
commissioner congressman congresswoman councillor councilman councilwoman counsel curator deputy
diplomat director doctor economist editor envoy executive expert founder general governor head historian
inspector investigator journalist judge lawmaker lawyer leader lecturer lieutenant manager mayor minister
monarch negotiator officer official pilot player politician pope premier president prince princess
professor prosecutor queen representative researcher scientist secretary senator sergeant sheriff
singer actor actress soldier speaker spokesman spokeswoman spokesperson superintendent teacher
treasurer trustee vice-president witness activist protester campaigner champion athlete engineer
physician surgeon
""".split())

#: nouns that stand for another role's head ("the spokesman" is the spokesperson, "the paper" the newspaper)
ROLE_SYNONYMS = {"spokesman": "spokesperson", "spokeswoman": "spokesperson", "paper": "newspaper",
                 "chairman": "chair", "chairwoman": "chair", "advisor": "adviser", "ceo": "executive",
                 "lawyer": "attorney", "congressman": "lawmaker", "congresswoman": "lawmaker"}

#: phrases that point back to the last person named ("the latter said")
LATTER = {"the latter": ""}

#: determiners that introduce a new, unnamed referent ("a witness", "some residents"): never coreferent
INDEFINITE = frozenset("a an some several another".split())

#: documents and statements: "according to the report", "according to her account" credit a text, whose
#: author is the speaker, not the text itself
DOCUMENT_NOUNS = frozenset("""
report statement release study letter document survey account filing complaint memo note interview
message tweet post analysis poll
""".split())
