"""Changing the user's own notes, only as asked: `init`, `add`, `log`, `promise` and `done` (and
the imports, which make notes as `add` does and add lines as `log` does).

These are the only places where vaultnet writes a note it did not generate (PRODUCT.md, promise 1).
`init` and `add` create files that do not exist yet and never replace one; `log` and `promise`
insert one line and `done` ticks one, keeping every other byte: line endings, byte-order mark, the
frontmatter as written, a missing final newline. Every change goes through a temporary file and an
atomic rename, and is written only if the note still holds what was read.
"""
