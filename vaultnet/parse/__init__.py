"""One note's text into a Note, purely: frontmatter, fields, dated log lines, tasks, links and tags."""
