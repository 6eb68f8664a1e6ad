"""vaultnet: keep a professional network alive in plain Markdown."""

__version__ = "0.1.0"
