"""The ``kamerlezer`` command line: its commands, their plain output, and the one boundary all its
output passes."""
