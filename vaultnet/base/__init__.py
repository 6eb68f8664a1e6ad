"""Imported by every step, importing nothing else of vaultnet: values, settings, dates, errors, text."""
