"""Words and small pictures shared by the reader's widgets, pages and the command line: labels, a
dossier's chart, an outcome's seat bar."""
