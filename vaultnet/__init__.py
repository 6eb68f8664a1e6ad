"""vaultnet: keep a professional network alive in plain Markdown."""

from vaultnet.base import dataclass_code

__version__ = "0.1.0"

# (Before any of vaultnet's values is made: their methods' code is compiled once, not at every start.)
dataclass_code.install()
