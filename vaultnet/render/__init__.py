"""Values into text, purely: the generated notes, the canvas, exports and terminal output."""
