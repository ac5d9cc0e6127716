"""What the letter pane shows: pages (a document, a ghost, a dossier, the welcome page) laid out in
lines, their marks, searching in them, and the history of pages visited."""
