"""The official sources over HTTP: KOOP's SRU search, the Tweede Kamer's open data, and downloads
into the cache."""
