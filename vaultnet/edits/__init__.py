"""The user's own notes, changed only as asked: init, add and log."""
