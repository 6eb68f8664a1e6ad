"""The only code that changes files: atomic writes, and the generated notes vaultnet owns."""
