"""The official open sources: KOOP's SRU search and its publication files, over HTTP.

Polite by default: an identifying User-Agent, timeouts, a retry with backoff on 429 and 5xx
(honouring Retry-After) and on timeouts. Every downloaded file is kept in a cache folder under
its publication id, so that asking again makes no request and a library can be rebuilt
offline; search answers are kept too (``refresh`` asks again). Failures are ``LoadError``s
naming what was asked and what went wrong.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from urllib.parse import quote

import httpx
import platformdirs

from loaders.errors import LoadError
from loaders.limits import MAX_SOURCE_BYTES, too_large
from loaders.official.sru import SruPage, SruRecord, parse_sru
from loaders.sanitize import visible

SRU_URL = "https://repository.overheid.nl/sru"
ODATA_URL = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0"
# Where the services are, when not at their public addresses (tests, mirrors).
SRU_VARIABLE = "KAMERLEZER_SRU_URL"
ODATA_VARIABLE = "KAMERLEZER_ODATA_URL"
# A listing never runs to more pages than this (the service pages by 250).
MAX_PAGES = 400
USER_AGENT = "kamerlezer/0.1 (terminal reader for Dutch parliamentary dossiers)"
PAGE_SIZE = 100
# Publications looked up by id per search: a library's ghosts are hundreds, not hundreds of
# questions, and the query stays a short URL.
LOOKUP_BATCH = 20
# What a publication id looks like ("kst-29521-446", "kst-1259252"); nothing else reaches a query.
PUBLICATION_ID = re.compile(r"[a-z]+-[A-Za-z0-9][A-Za-z0-9.-]*")
RETRIES = 3
# Seconds a user waits at most: to connect, for the next bytes of an answer, and for one
# request with all its retries (a service that accepts and never answers costs this, not
# minutes).
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 10.0
DEADLINE = 30.0
# How many requests may be open at once: enough to hide the latency of many small files,
# few enough to stay a polite guest of a public service.
CONNECTIONS = 4


def default_cache() -> Path:
    return Path(platformdirs.user_cache_dir("kamerlezer", appauthor=False)) / "downloads"


class OfficialSources:
    """A client for the KOOP sources, with a download cache. One client may serve up to
    ``connections`` threads at once (httpx's client is thread-safe)."""

    def __init__(
        self,
        sru_url: str = SRU_URL,
        *,
        odata_url: str = ODATA_URL,
        cache: Path | None = None,
        timeout: float = READ_TIMEOUT,
        deadline: float = DEADLINE,
        retries: int = RETRIES,
        backoff: float = 1.0,
        sleep: Callable[[float], None] | None = None,
        refresh: bool = False,
        connections: int = CONNECTIONS,
    ) -> None:
        self.sru_url = sru_url
        self.odata_url = odata_url.rstrip("/")
        self.cache = cache or default_cache()
        self.retries = retries
        self.deadline = deadline
        self.read_timeout = timeout
        self.backoff = backoff
        self.sleep = sleep or time.sleep
        self.refresh = refresh  # ask the search service again instead of its cached answers
        self.connections = connections
        self._counting = threading.Lock()  # threads share the count
        self.requests = 0  # how many HTTP requests were sent (the cache answers the rest)
        self.http = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, CONNECT_TIMEOUT)),
            headers={"User-Agent": USER_AGENT},
            follow_redirects=True,
            limits=httpx.Limits(max_connections=connections),
        )

    @classmethod
    def from_environment(cls, **options: object) -> OfficialSources:
        """A client for the services named by the environment, else the public ones."""
        return cls(
            os.environ.get(SRU_VARIABLE) or SRU_URL,
            odata_url=os.environ.get(ODATA_VARIABLE) or ODATA_URL,
            **options,  # type: ignore[arg-type]
        )

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> OfficialSources:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- searching --------------------------------------------------------------------------
    def dossier_records(self, dossier: str, since: str = "") -> Iterator[SruRecord]:
        """Every Kamerstuk of a dossier ("29521", "36410-XVI"), page after page; ``since``
        (a day, 2025-01-31): only those published or changed on or after it."""
        number, _, suffix = dossier.partition("-")
        if not number.isdigit():
            raise LoadError(dossier, "not a dossier number")
        if since and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", since):
            raise LoadError(dossier, f"since {since!r}: not a day")
        changed = f" AND dt.modified>={since}" if since else ""
        # Sorted, so that pages do not shift under a dossier that grows while it is read.
        query = (
            f"w.publicatienaam==Kamerstuk AND w.dossiernummer=={number}{changed}"
            " sortBy dt.identifier/sort.ascending"
        )
        # What was published since a day is asked anew each time (a cached answer of the
        # morning would not know the afternoon's).
        for page in self._pages(query, fresh=bool(since)):
            for record in page.records:  # a chapter ("36410-XVI") is part of its number
                if not suffix or record.identifier.startswith(f"kst-{dossier}-"):
                    yield record

    def publications(self, identifiers: Sequence[str]) -> Iterator[SruRecord]:
        """The publications with these ids that the service knows, ``LOOKUP_BATCH`` ids per
        question; an id it does not know is simply not among them."""
        for identifier in identifiers:
            if not PUBLICATION_ID.fullmatch(identifier):
                raise LoadError(identifier, "not a publication id")
        unique = list(dict.fromkeys(identifiers))
        for start in range(0, len(unique), LOOKUP_BATCH):
            batch = unique[start : start + LOOKUP_BATCH]
            query = " OR ".join(f'dt.identifier=="{identifier}"' for identifier in batch)
            for page in self._pages(query):
                yield from (record for record in page.records if record.identifier in batch)

    def _pages(self, query: str, fresh: bool = False) -> Iterator[SruPage]:
        """Every page of a search, as long as each moves on: a next position that does not
        advance, or a page past ``MAX_PAGES``, is the service's mistake, said as such."""
        position = 1
        for _ in range(MAX_PAGES):
            page = self.search(query, position, fresh=fresh)
            yield page
            following = page.next_position
            if following is None or not page.records:
                return
            if following <= position:
                raise LoadError(
                    f"search {query!r}",
                    f"the service's next page ({following}) does not move on from {position}",
                )
            position = following
        raise LoadError(f"search {query!r}", f"more than {MAX_PAGES} pages; stopped there")

    def search(self, query: str, start: int = 1, fresh: bool = False) -> SruPage:
        params = {
            "operation": "searchRetrieve",
            "version": "2.0",
            "query": query,
            "startRecord": str(start),
            "maximumRecords": str(PAGE_SIZE),
        }
        what = f"search {query!r} from record {start}"
        name = hashlib.sha256(f"{self.sru_url}?{sorted(params.items())}".encode()).hexdigest()
        cached = self.cache / "search" / f"{name[:32]}.xml"
        if cached.exists() and not (self.refresh or fresh):
            return parse_sru(cached.read_bytes(), what)
        data = self._get(self.sru_url, what, params=params)
        page = parse_sru(data, what)  # only a page that reads is kept
        _write(cached, data)
        return page

    # -- Tweede Kamer open data -----------------------------------------------------------------
    def dossier_zaken(self, dossier: str, fresh: bool = False) -> list[dict[str, object]]:
        """The zaken of a dossier with their documents and the KOOP id of each, for the
        metadata KOOP lacks (Onderwerp, DocumentNummer, zaak number), and the decisions on
        each zaak with their votes and the agenda item and activity (the day) of each;
        ``fresh``: asked anew, not answered from the cache (a sync: decisions come later)."""
        number = dossier.partition("-")[0]
        params = {
            "$filter": f"Kamerstukdossier/any(d:d/Nummer eq {int(number)}) and Verwijderd eq false",
            "$expand": "Document($expand=HuidigeDocumentVersie($expand=DocumentPublicatie)),"
            "Besluit($expand=Stemming,Agendapunt($expand=Activiteit))",
        }
        return list(self.odata_records(f"{self.odata_url}/Zaak", params, fresh))

    def odata_records(
        self, url: str, params: dict[str, str] | None = None, fresh: bool = False
    ) -> Iterator[dict[str, object]]:
        """Every live record of an OData listing, following ``@odata.nextLink``; deleted
        records (``Verwijderd``) are left out."""
        next_url: str | None = url
        for _ in range(MAX_PAGES):
            if next_url is None:
                return
            page = self._json(next_url, params, fresh)
            params = None  # the next link repeats the query
            records = page.get("value")
            for record in records if isinstance(records, list) else []:
                if isinstance(record, dict) and not record.get("Verwijderd"):
                    yield record
            link = page.get("@odata.nextLink")
            if link == next_url:
                raise LoadError(f"open data {url}", "the next page is the same page again")
            next_url = link if isinstance(link, str) and link else None
        raise LoadError(f"open data {url}", f"more than {MAX_PAGES} pages; stopped there")

    def _json(
        self, url: str, params: dict[str, str] | None, fresh: bool = False
    ) -> dict[str, object]:
        what = f"open data {url}"
        name = hashlib.sha256(f"{url}?{sorted((params or {}).items())}".encode()).hexdigest()
        cached = self.cache / "odata" / f"{name[:32]}.json"
        asked = self.refresh or fresh
        if cached.exists() and not asked:
            data = cached.read_bytes()
        else:
            data = self._get(url, what, params=params)
        try:
            page = json.loads(data)
        except ValueError:
            raise LoadError(what, "the answer is not JSON (cut short?)") from None
        if not isinstance(page, dict):
            raise LoadError(what, "the answer is not an OData page")
        if not cached.exists() or asked:
            _write(cached, data)
        return page

    # -- files ------------------------------------------------------------------------------
    def download(
        self,
        identifier: str,
        url: str,
        name: str,
        check: Callable[[bytes, str], None] | None = None,
    ) -> Path:
        """The file ``name`` of publication ``identifier``, from the cache or ``url``.

        Only what ``check`` accepts (it raises LoadError otherwise) reaches the cache: a
        web page a service sends with status 200 while it is down never stands in for a
        document there. ``refresh`` downloads again what the cache holds."""
        if not PUBLICATION_ID.fullmatch(identifier) or set(identifier) <= {"."}:
            raise LoadError(visible(identifier, keep_lines=False), "not a publication id")
        target = self.cache / quote(identifier, safe="-_.") / name
        if target.exists() and not self.refresh:
            return target
        what = f"{identifier} ({name})"
        data = self._get(url, what)
        if not data.strip():
            raise LoadError(what, "empty response")
        if _is_web_page(data):
            raise LoadError(what, "the service sent a web page, not the document (down?)")
        if check is not None:
            check(data, what)
        _write(target, data)
        return target

    # -- HTTP -------------------------------------------------------------------------------
    def _get(self, url: str, what: str, params: dict[str, str] | None = None) -> bytes:
        """One GET's body, retried on 429, 5xx and timeouts, but never past ``deadline``
        seconds, counted while the body arrives too (a byte a second is no answer), and
        never more than ``MAX_SOURCE_BYTES``, before or after decompression."""
        ends = time.monotonic() + self.deadline
        problem = "no answer in time"
        for attempt in range(self.retries + 1):
            retry_after = None
            try:
                with self._counting:
                    self.requests += 1
                status, body, headers = self._attempt(url, params, ends)
            except _OutOfTime:
                raise LoadError(what, f"{problem}; gave up after {self.deadline:.0f} s") from None
            except httpx.TimeoutException:
                problem = "no answer in time"
            except httpx.HTTPError as exc:
                raise LoadError(
                    what, f"cannot reach the source ({exc.__class__.__name__})"
                ) from None
            except LoadError as exc:
                raise LoadError(what, exc.problem) from None
            except Exception as exc:  # an address httpx cannot use, a broken encoding, ...
                raise LoadError(what, f"cannot ask the source ({exc.__class__.__name__})") from None
            else:
                if status == 200:
                    return body
                problem = f"HTTP {status}"
                if status not in (429, 500, 502, 503, 504):
                    raise LoadError(what, problem)
                retry_after = _seconds(headers.get("Retry-After"))
            if attempt < self.retries:
                pause = retry_after if retry_after is not None else self.backoff * 2**attempt
                if time.monotonic() + pause >= ends:
                    raise LoadError(what, f"{problem}; gave up after {self.deadline:.0f} s")
                self.sleep(pause)
        raise LoadError(what, f"{problem}, also after {self.retries} retries")

    def _attempt(
        self, url: str, params: dict[str, str] | None, ends: float
    ) -> tuple[int, bytes, httpx.Headers]:
        """One request, read as it arrives against the deadline ``ends`` and the size limit."""
        remaining = ends - time.monotonic()
        if remaining <= 0:
            raise _OutOfTime
        read = min(self.read_timeout, remaining)
        timeout = httpx.Timeout(read, connect=min(read, CONNECT_TIMEOUT))
        with self.http.stream("GET", url, params=params, timeout=timeout) as response:
            if response.status_code != 200:
                return response.status_code, b"", response.headers
            declared = _number(response.headers.get("Content-Length"))
            if declared is not None and declared > MAX_SOURCE_BYTES:
                raise LoadError(url, too_large(int(declared)))
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():  # decoded: a gzip bomb is counted unpacked
                size += len(chunk)
                if size > MAX_SOURCE_BYTES or response.num_bytes_downloaded > MAX_SOURCE_BYTES:
                    raise LoadError(url, too_large(size))
                if time.monotonic() > ends:
                    raise _OutOfTime
                chunks.append(chunk)
            return 200, b"".join(chunks), response.headers


class _OutOfTime(Exception):
    """A request's deadline passed while its answer was still arriving."""


_WEB_PAGE = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+)?html\b", re.I | re.S
)


def _is_web_page(data: bytes) -> bool:
    """An HTML page (a maintenance notice, a login wall) rather than a document."""
    return _WEB_PAGE.match(data[:4096].lstrip(b"\xef\xbb\xbf")) is not None


def _write(target: Path, data: bytes) -> None:
    """Into the cache in one step: never a half-written file there."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(data)
    os.replace(partial, target)


def _number(value: str | None) -> float | None:
    """A header's number (Content-Length, Retry-After); None when absent or not one."""
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _seconds(value: str | None) -> float | None:
    seconds = _number(value)
    return min(seconds, 60.0) if seconds is not None else None
