"""One module per file format a document comes in, and the detection that picks the reader by a
file's content."""
