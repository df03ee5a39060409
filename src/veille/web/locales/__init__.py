"""Message catalogues of the web UI, one module per language (``fr.py``: ``MESSAGES``)."""
