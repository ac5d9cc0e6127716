"""Filling the library: files and folders loaded, documents fetched from the official sources, the
demo documents."""
