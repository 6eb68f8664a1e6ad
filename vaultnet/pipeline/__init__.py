"""The pipe assembled (for the CLI and watch): one sync, the note store, the parse cache, the summary."""
