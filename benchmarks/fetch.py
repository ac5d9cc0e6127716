"""Fetch real moties from a local server that answers after a set latency, as a distant
service does, one connection at a time against the client's limit.

    uv run python benchmarks/fetch.py [COUNT] [LATENCY_MS]

Prints, for COUNT documents (default 200) at LATENCY_MS per answer (default 80): the time to
download every file with one connection (the baseline) and with the client's limit, and the
time and number of questions to look them up one by one against twenty per search. The server
answers every search with the same recorded page: what is measured is the waiting, not the
answers. Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from loaders.official.downloads import fetch_files
from loaders.official.sources import CONNECTIONS, OfficialSources
from loaders.official.sru import SruRecord
from loaders.pipeline.sources import iter_sources

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT.parent / "shared/corpora/moties-2023-2025.tar.xz"
SEARCH_PAGE = ROOT / "tests/fixtures/samples/api/repository-sru2-eerstekamer-kamerstukken-36867.xml"


def serve(files: dict[str, bytes], latency: float) -> ThreadingHTTPServer:
    page = SEARCH_PAGE.read_bytes()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            time.sleep(latency)
            name = self.path.rsplit("/", 1)[-1]
            body = page if self.path.startswith("/sru") else files.get(name)
            self.send_response(200 if body else 404)
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def timed_download(records: list[SruRecord], connections: int) -> tuple[float, int, int]:
    with tempfile.TemporaryDirectory() as cache:
        sources = OfficialSources(cache=Path(cache), connections=connections, retries=0)
        started = time.perf_counter()
        report = fetch_files(sources, records)
        elapsed = time.perf_counter() - started
        sources.close()
    return elapsed, len(report.files), sources.requests


def timed_lookup(url: str, identifiers: list[str], one_by_one: bool) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as cache:
        sources = OfficialSources(url, cache=Path(cache), retries=0)
        started = time.perf_counter()
        if one_by_one:
            for identifier in identifiers:
                sources.search(f'dt.identifier=="{identifier}"')
        else:
            list(sources.publications(identifiers))
        elapsed = time.perf_counter() - started
        sources.close()
    return elapsed, sources.requests


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    latency = (float(sys.argv[2]) if len(sys.argv) > 2 else 80.0) / 1000
    files: dict[str, bytes] = {}
    for source in iter_sources(ARCHIVE):
        files[Path(source.name).name] = source.read()
        if len(files) == count:
            break
    server = serve(files, latency)
    base = f"http://127.0.0.1:{server.server_port}"
    records = [
        SruRecord(
            identifier=name.removesuffix(".xml"),
            files={"xml": f"{base}/files/{name}", "metadata": f"{base}/files/{name}/metadata.xml"},
        )
        for name in files
    ]
    size = sum(map(len, files.values())) / 1e6
    print(f"{len(records)} real moties ({size:.1f} MB), {latency * 1000:.0f} ms per answer")
    one, got, asked = timed_download(records, connections=1)
    many, got_many, _ = timed_download(records, connections=CONNECTIONS)
    print(f"download, 1 connection:  {one:6.2f} s ({got} files, {asked} requests)")
    print(f"download, {CONNECTIONS} connections: {many:6.2f} s ({got_many} files)")
    print(f"ratio: {one / many:.2f}x faster (at most {CONNECTIONS}x)")
    identifiers = [record.identifier for record in records]
    single, single_asked = timed_lookup(f"{base}/sru", identifiers, one_by_one=True)
    batched, batched_asked = timed_lookup(f"{base}/sru", identifiers, one_by_one=False)
    print(f"look up one by one: {single:6.2f} s ({single_asked} searches)")
    print(f"look up 20 a time:  {batched:6.2f} s ({batched_asked} searches)")
    print(f"ratio: {single / batched:.1f}x faster")
    server.shutdown()


if __name__ == "__main__":
    main()
