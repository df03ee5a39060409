"""Evaluation against gold data in ../shared/corpus. Each module scores one stage and returns rows for one
table; floors (minimum scores) live in ``floors/<name>.json`` beside the corpus checksum they were
measured on.
"""
