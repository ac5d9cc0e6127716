"""Citations: the grammar of how documents are cited, finding them in a text, and the one stage
that runs after a reader."""
