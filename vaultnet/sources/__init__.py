"""Data from outside the vault, brought in by `vaultnet import`: contacts files."""
