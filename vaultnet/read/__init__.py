"""The vault on disk, read safely: walk its folders and read each note's text, bounded."""
