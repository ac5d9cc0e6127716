"""From paths to records: the sources under a path (folders, archives), read and parsed in one
process or two, each record admitted before it is stored."""
