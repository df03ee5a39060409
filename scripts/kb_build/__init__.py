"""Helpers of scripts/build_kb.py: countries from registry packages and seeds, curation tables, Phoenix."""
