"""Changing the user's own notes, only as asked: `init`, `add` and `log`.

These are the only places where vaultnet writes a note it did not generate (PRODUCT.md, promise 1).
`init` and `add` create files that do not exist yet and never replace one; `log` inserts one line
and keeps every other byte: line endings, byte-order mark, the frontmatter as written, a missing
final newline. Every change goes through a temporary file and an atomic rename, and `log` writes
only if the note still holds what it read.
"""
