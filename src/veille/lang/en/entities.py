"""English words the entity stage needs: articles to strip, honorifics, role nouns that make descriptions
("the Russian president", "the US foreign minister"), and the contexts that make a capital or a seat of
power an actor ("Moscow said", "the Kremlin's troops")."""

from __future__ import annotations

#: leading words stripped from a name ("the Kremlin" -> "Kremlin")
ARTICLES = ("the", "a", "an")
#: honorifics dropped before a name ("Mr Putin", "Ms. Brown")
HONORIFICS = ("Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Prof", "Prof.", "Sir", "Dame", "Lord",
              "Gen.", "Gen", "Lt.", "Lt", "Col.", "Col", "Sgt.", "Sgt", "Capt.", "Capt", "Cmdr.", "Cmdr",
              "Adm.", "Adm", "Maj.", "Gov.", "Sen.", "Rep.", "Rev.", "Pres.")
#: determiners that open a description and are kept in its surface ("the Russian leader")
DESCRIPTION_DETERMINERS = ("the", "its", "their", "his", "her")

#: role noun phrases (lower case) -> knowledge-base role
ROLE_NOUNS = {
    "president": "head_of_state", "leader": "head_of_state", "head of state": "head_of_state",
    "strongman": "head_of_state", "king": "head_of_state", "queen": "head_of_state",
    "monarch": "head_of_state",
    "prime minister": "head_of_government", "premier": "head_of_government",
    "chancellor": "head_of_government", "head of government": "head_of_government",
    "foreign minister": "foreign_minister", "foreign secretary": "foreign_minister",
    "secretary of state": "foreign_minister", "top diplomat": "foreign_minister",
    "defence minister": "defence_minister", "defense minister": "defence_minister",
    "defence secretary": "defence_minister", "defense secretary": "defence_minister",
    "secretary general": "secretary_general", "secretary-general": "secretary_general",
    "finance minister": "finance_minister", "treasury secretary": "finance_minister",
    "interior minister": "interior_minister", "home secretary": "interior_minister",
    "vice president": "vice_president", "vice-president": "vice_president",
    "supreme leader": "supreme_leader",
    "army chief": "chief_of_general_staff", "chief of the general staff": "chief_of_general_staff",
}

#: words before a place that make it a place, never an actor ("in Moscow", "at the White House")
LOCATIVE_PREPOSITIONS = ("in", "at", "to", "into", "near", "inside", "outside", "around", "across", "toward",
                         "towards", "on")
#: nouns whose "of X" complement or "X's" possessor is an actor ("the Kremlin's troops")
AGENT_NOUNS = ("troops", "forces", "army", "allies", "ally", "government", "statement", "spokesman",
               "spokeswoman", "spokesperson", "decision", "position", "threat", "demands", "request",
               "offensive", "regime", "diplomacy", "response", "accusations", "grip", "propaganda",
               "leaders", "authorities", "plans", "strategy", "intentions", "officials")

#: head nouns that make a run of capitalised words a name spaCy's small model may miss
#: ("Johnson Space Center", "Ellington Field", "Military Advocate General's Corps") -> type
NAME_HEADS = {
    "center": "LOC", "centre": "LOC", "field": "LOC", "airport": "LOC", "street": "LOC", "square": "LOC",
    "park": "LOC", "bridge": "LOC", "palace": "LOC", "station": "LOC", "base": "LOC", "hospital": "LOC",
    "stadium": "LOC", "arena": "LOC", "river": "LOC", "island": "LOC", "islands": "LOC", "mountains": "LOC",
    "agency": "ORG", "council": "ORG", "corps": "ORG", "ministry": "ORG", "department": "ORG",
    "committee": "ORG", "commission": "ORG", "party": "ORG", "institute": "ORG", "university": "ORG",
    "court": "ORG", "bank": "ORG", "association": "ORG", "federation": "ORG", "office": "ORG",
    "authority": "ORG", "foundation": "ORG", "organisation": "ORG", "organization": "ORG", "school": "ORG",
    "college": "ORG", "police": "ORG", "army": "ORG", "navy": "ORG", "group": "ORG", "union": "ORG",
    "cathedral": "LOC", "church": "LOC", "mosque": "LOC", "temple": "LOC", "synagogue": "LOC", "abbey": "LOC",
    "basilica": "LOC", "museum": "LOC", "theatre": "LOC", "theater": "LOC", "avenue": "LOC", "road": "LOC",
    "lane": "LOC", "boulevard": "LOC", "ocean": "LOC", "sea": "LOC", "lake": "LOC", "prison": "LOC",
}
#: lower-case nouns that say what the name after them is without being part of it ("the charity X",
#: "the airline X") -> type
CLASSIFIERS = {
    "NGO": "ORG", "group": "ORG", "charity": "ORG", "party": "ORG", "company": "ORG", "firm": "ORG", "airline": "ORG",
    "carrier": "ORG", "club": "ORG", "union": "ORG", "movement": "ORG", "network": "ORG", "platform": "ORG",
    "newspaper": "MEDIA", "broadcaster": "MEDIA", "magazine": "MEDIA", "tabloid": "MEDIA", "daily": "MEDIA",
    "website": "ORG",
    "organisation": "ORG", "organization": "ORG", "foundation": "ORG", "team": "ORG", "agency": "ORG",
}
#: phrases only a place completes: a name right after them is a place, whatever the NER said
PLACE_OF = ("mayor of", "town of", "city of", "village of", "province of", "region of", "district of",
            "governor of", "outskirts of", "suburb of", "residents of")
#: the head is the last word in English ("Space Center"), the first in French ("Centre spatial")
HEAD_FIRST = False
#: small words allowed inside such a name
NAME_CONNECTORS = ("of", "for", "and", "on", "the", "at", "upon")
#: lower-case nouns after which a capitalised modifier names a thing, not an organisation
#: ("the Apollo program", "the Financial Crime Prevention agency")
THING_NOUNS = ("program", "programme", "mission", "missions", "project", "spacecraft", "rocket", "capsule",
               "agency", "brand", "campaign", "model", "series", "plan", "app", "platform")
#: capitalised words of English news that are never names
NOT_NAMES: tuple[str, ...]
NOT_NAMES = ("Cmdr", "Gen", "Lt", "Col", "Sgt", "Capt",
             "Ed", "Editor", "Breaking", "Exclusive", "Watch", "Video", "Photos", "Update", "Updated")
NOT_NAMES += ("Credit", "Archives", "File", "Photo", "Advertisement", "Social Sharing", "Getty Images")
#: feasts and holidays are periods, not entities ("over the Easter weekend")
NOT_NAMES += ("Easter", "Christmas", "Ramadan", "Thanksgiving", "Hanukkah", "Passover", "Eid", "Lent", "Diwali")
#: lower-case particles inside names from other languages ("Alma al-Chaab", "Ursula von der Leyen")
NAME_PARTICLES = ("al", "el", "bin", "ibn", "bint", "van", "von", "der", "den", "de", "da", "du", "la", "le",
                  "di", "dos", "das", "ter", "ul", "ud")
#: compass words that name a part of a place before it ("the Northeast Atlantic", "Eastern Canada")
COMPASS_PARTS = ("North", "South", "East", "West", "Northeast", "Northwest", "Southeast", "Southwest",
                 "Northern", "Southern", "Eastern", "Western", "North-East", "North-West", "South-East",
                 "South-West")
#: nouns of vessels: a name after one names a ship, not an organisation ("the tanker Sea Lark")
VESSEL_NOUNS = ("ship", "vessel", "boat", "trawler", "tanker", "freighter", "frigate", "destroyer", "submarine",
                "yacht", "ferry", "cruiser", "tugboat", "warship", "aircraft carrier")
