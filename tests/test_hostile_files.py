"""Files made to break a load: damaged and unsupported archive members, bombs, names that
are not UTF-8, records of the wrong types. Each costs itself, named in one line; everything
before and after it loads."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

import pytest

from db.library import Library
from db.loading.files import load_paths
from loaders.limits import MAX_SOURCE_BYTES
from loaders.publications import CitationKind

ROOT = Path(__file__).resolve().parents[1]
MOTIES = sorted((Path(__file__).parent / "fixtures" / "samples" / "moties").glob("kst-*.xml"))


def _zip_with(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _patch_member(path: Path, name: str, *, method: int | None = None, flag: int = 0) -> None:
    """Rewrite a member's compression method or flags in both of its headers, as an archive
    made by another tool would have them."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
    local = info.header_offset
    central = bytes(data).find(b"PK\x01\x02")
    while data[central + 46 : central + 46 + len(name)] != name.encode():
        central = bytes(data).find(b"PK\x01\x02", central + 4)
    for offset, flag_at, method_at in ((local, 6, 8), (central, 8, 10)):
        if method is not None:
            data[offset + method_at : offset + method_at + 2] = method.to_bytes(2, "little")
        if flag:
            value = int.from_bytes(data[offset + flag_at : offset + flag_at + 2], "little")
            data[offset + flag_at : offset + flag_at + 2] = (value | flag).to_bytes(2, "little")
    path.write_bytes(bytes(data))


def _break_deflate(path: Path, name: str) -> None:
    """Overwrite a member's compressed data with bytes that are no deflate stream."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start : start + 16] = b"\xff" * 16
    path.write_bytes(bytes(data))


def test_a_damaged_zip_in_a_folder_read_by_a_second_process_costs_only_its_member(
    tmp_path,
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _zip_with(folder / "a.zip", {"first.xml": MOTIES[0].read_bytes(), "bad.xml": b"<a>" * 5000})
    _break_deflate(folder / "a.zip", "bad.xml")
    for source in MOTIES[1:]:
        (folder / f"z-{source.name}").write_bytes(source.read_bytes())
    with Library.open(tmp_path / "library.db") as library:
        report = load_paths(library, [folder], parallel=True)
    assert report.loaded == len(MOTIES)  # the member before it and every file after it
    assert report.failed == 1
    assert "a.zip!bad.xml" in report.errors[0] and "\n" not in report.errors[0]


@pytest.mark.parametrize(
    ("change", "said"),
    [({"method": 9}, "compression"), ({"flag": 0x1}, "encrypted")],
    ids=["deflate64", "encrypted"],
)
def test_an_unsupported_zip_member_is_named_and_the_others_load(tmp_path, change, said) -> None:
    archive = _zip_with(
        tmp_path / "in.zip",
        {"a.xml": MOTIES[0].read_bytes(), "b.xml": MOTIES[1].read_bytes()},
    )
    _patch_member(archive, "a.xml", **change)
    with Library.open(tmp_path / "library.db") as library:
        report = load_paths(library, [archive], parallel=False)
    assert (report.loaded, report.failed) == (1, 1)
    assert "in.zip!a.xml" in report.errors[0] and said in report.errors[0].lower()


def test_a_member_larger_than_the_limit_is_refused_without_being_read_whole(tmp_path) -> None:
    big = b"<a>" + b"a" * (MAX_SOURCE_BYTES + 10)
    archive = _zip_with(tmp_path / "bomb.zip", {"big.xml": big, "b.xml": MOTIES[1].read_bytes()})
    del big
    with Library.open(tmp_path / "library.db") as library:
        report = load_paths(library, [archive], parallel=False)
    assert (report.loaded, report.failed) == (1, 1)
    assert "bomb.zip!big.xml: too large to load" in report.errors[0]


def test_bombs_of_zeros_are_refused_or_skipped_on_their_heads(tmp_path, monkeypatch) -> None:
    """Zeros compress a thousandfold: a member larger than the limit is refused on the size
    its archive gives, a smaller one skipped as binary on its first bytes; neither is read."""
    archive = tmp_path / "zeros.zip"
    block = bytes(1 << 20)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as writing:
        for name, megabytes in (("large.xml", 100), ("small.xml", 32)):
            with writing.open(name, "w", force_zip64=True) as member:
                for _ in range(megabytes):
                    member.write(block)
        writing.writestr("b.xml", MOTIES[1].read_bytes())
    read: list[int] = []
    real_read = zipfile.ZipExtFile.read

    def counting(self: zipfile.ZipExtFile, n: int = -1) -> bytes:
        data = real_read(self, n)
        read.append(len(data))
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting)
    with Library.open(tmp_path / "library.db") as library:
        report = load_paths(library, [archive], parallel=False)
    assert (report.loaded, report.failed, report.skipped) == (1, 1, 1)
    assert "zeros.zip!large.xml: too large to load (100 MB; the limit is 64 MB)" in report.errors[0]
    assert "zeros.zip!small.xml: binary file" in report.skipped_files[0]
    assert sum(read) < 1 << 20  # the head of the small one, and the motie


def test_names_that_are_not_utf8_load_and_are_shown_as_they_can_be(tmp_path) -> None:
    archive = tmp_path / "latin1.tar"
    with tarfile.open(archive, "w", encoding="latin-1") as writing:
        for name, source in (("motie-ö.xml", MOTIES[0]), ("z-ë.txt", None)):
            data = source.read_bytes() if source else b"not a document"
            info = tarfile.TarInfo(name)
            info.size = len(data)
            writing.addfile(info, io.BytesIO(data))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tui.cli",
            "--db",
            str(tmp_path / "l.db"),
            "load",
            str(archive),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr
    with Library.open(tmp_path / "l.db") as library:
        document = library.documents.get(MOTIES[0].stem)
        assert document is not None
        assert document.source_path.endswith("latin1.tar!motie-ö.xml")


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc")
def test_a_killed_load_leaves_no_reading_process_behind(tmp_path) -> None:
    archive = tmp_path / "many.tar"
    data = MOTIES[0].read_bytes()
    with tarfile.open(archive, "w") as writing:
        for number in range(4000):
            info = tarfile.TarInfo(f"m/{number:05}.xml")
            info.size = len(data)
            writing.addfile(info, io.BytesIO(data))
    load = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tui.cli",
            "--db",
            str(tmp_path / "k.db"),
            "load",
            str(archive),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )
    children: set[int] = set()
    deadline = time.monotonic() + 20
    while not children and time.monotonic() < deadline:
        time.sleep(0.1)
        for task in Path(f"/proc/{load.pid}/task").glob("*"):
            listed = (task / "children").read_text().split()
            children |= {int(pid) for pid in listed}
    assert children, "the load started no reading process"
    time.sleep(0.5)
    os.kill(load.pid, signal.SIGKILL)
    load.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in children):
        for pid in children:  # reap it if it became ours; a zombie counts as ended
            state = Path(f"/proc/{pid}/stat")
            if state.exists() and ") Z" in state.read_text():
                children = children - {pid}
        time.sleep(0.2)
    assert not [pid for pid in children if Path(f"/proc/{pid}").exists()]


@pytest.mark.parametrize("how", ["raises", "dies"])
def test_a_reading_process_that_stops_early_is_an_error_not_an_end(tmp_path, monkeypatch, how):
    import zlib

    from loaders.pipeline import parsing
    from loaders.pipeline.sources import Source

    files = list(MOTIES[:3])

    def sources(path: Path, in_container: bool = False):
        yield Source(str(files[0]), files[0].read_bytes, False)
        if how == "raises":
            raise zlib.error("Error -3 while decompressing data: invalid block type")
        os._exit(3)

    if not parsing.can_share_work() or os.name != "posix":
        pytest.skip("needs a second core and fork")
    monkeypatch.setattr(parsing, "iter_sources", sources)
    # The child must be forked to inherit the patch (the load forks only when it runs alone).
    monkeypatch.setattr(parsing.threading, "active_count", lambda: 1)
    with Library.open(tmp_path / "library.db") as library:
        report = load_paths(library, [tmp_path], parallel=True)
    assert report.failed == 1, report
    if how == "raises":
        assert report.loaded == 1  # what came before the failure
        assert "cannot be read (error: Error -3 while decompressing" in report.errors[0]
    else:
        assert "the reading process stopped after 0 files (exit status 3)" in report.errors[0]
        assert "the files after them were not loaded" in report.errors[0]


def _record(**fields: object) -> str:
    import json

    record: dict[str, object] = {
        "key": "kst-29521-455",
        "text": "Zie Kamerstuk 29 521, nr. 446.",
        "citations": [
            {
                "start": 4,
                "end": 29,
                "text": "Kamerstuk 29 521, nr. 446",
                "target": "kst-29521-446",
                "kind": "kamerstuk",
            }
        ],
    }
    citation = dict(record["citations"][0])  # type: ignore[index]
    for name, value in fields.items():
        if name.startswith("citation_"):
            citation[name.removeprefix("citation_")] = value
        else:
            record[name] = value
    if "citations" not in fields:
        record["citations"] = [citation]
    return json.dumps(record)


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"citation_start": "4"}, "citation 'start' must be a whole number, not str"),
        ({"citation_end": 29.5}, "citation 'end' must be a whole number, not a fraction"),
        ({"citation_target": 446}, None),
        ({"title": {"nl": "Motie"}}, "'title' must be text, not an object"),
        ({"signatories": "Omtzigt"}, "'signatories' must be a list of objects"),
        ({"key": "kst-29521-455\x1b]0;owned\x07"}, "its key 'kst-29521-455\\x1b]0;owned\\x07'"),
        ({"date": "2023-01-01\x1b]52;c;b3duZWQ=\x07"}, "its date '2023-01-01\\x1b]52"),
        ({"ondernummer": "\u009b31m"}, "its ondernummer '\\x9b31m' is not one"),
    ],
    ids=[
        "start-text",
        "end-fraction",
        "target-number",
        "title-object",
        "signers-text",
        "key-osc",
        "date-osc52",
        "ondernummer-c1",
    ],
)
def test_a_record_of_the_wrong_shape_costs_itself_named_with_file_and_line(
    tmp_path, fields, said
) -> None:
    good = _record(key="kst-29521-446", text="Een motie.", citations=[])
    path = tmp_path / "records.jsonl"
    path.write_text(f"{good}\n{_record(**fields)}\n", encoding="utf-8")
    before = tmp_path / "before.jsonl"
    before.write_text(_record(key="kst-29521-400", citations=[]) + "\n", encoding="utf-8")
    with Library.open(tmp_path / "library.db") as library:
        report = load_paths(library, [before, path], parallel=False)
        assert library.documents.get("kst-29521-400") is not None  # loaded before: kept
        if said is None:  # a target that is no identifier: the citation is left out
            assert report.failed == 0 and report.false_citations == 1
            return
        assert report.failed == 1, report
        # A line of the wrong types fails its file; a false identifier costs its record alone.
        assert report.loaded == (1 if "must be" in said else 2)
        assert said in report.errors[0], report.errors
        assert "\x1b" not in report.errors[0] and "\x9b" not in report.errors[0]
        if "must be" in said:
            assert f"{path}:2" in report.errors[0]


def test_text_that_is_not_utf8_in_an_argument_is_one_line(tmp_path) -> None:
    Library.open(tmp_path / "l.db").close()  # a library there: its notice is no line here
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "--db", str(tmp_path / "l.db"), "show", b"kst-\xff"],
        capture_output=True,
        cwd=ROOT,
    )
    assert b"Traceback" not in done.stderr
    assert done.returncode in (1, 2) and done.stderr.count(b"\n") == 1, done.stderr


def _many_citations(count: int) -> bytes:
    """A real motie with ``count`` marked citations in one paragraph, about 1 MB for 40,000."""
    source = (Path(__file__).parent / "fixtures" / "samples" / "kst-33529-1329.xml").read_text(
        "utf-8"
    )
    marked = " ".join(
        f'<extref doc="kst-29521-{n % 500 + 1}">Kamerstuk 29 521, nr. {n % 500 + 1}</extref>'
        for n in range(count)
    )
    return source.replace("<al>De Kamer,</al>", f"<al>De Kamer, {marked}</al>", 1).encode()


def test_a_document_of_40000_citations_is_refused_in_seconds_not_minutes(tmp_path) -> None:
    """Merging each citation with all the others took 73 s here; the limit refuses it."""
    path = tmp_path / "kst-33529-1329.xml"
    path.write_bytes(_many_citations(40_000))
    done = subprocess.run(  # a guard against the quadratic merge, not a measure of speed
        [sys.executable, "-m", "tui.cli", "--db", str(tmp_path / "l.db"), "load", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 1
    assert "not loaded: more than 20,000 citations (the limit of one document)" in done.stderr


def test_merging_marked_and_found_citations_agrees_with_comparing_each_with_all() -> None:
    """The merge compares a citation only with those near it; the answer must be the one
    that comparing with every other gives."""
    import random
    from dataclasses import replace

    from loaders.citations.find import merge_citations
    from loaders.model import Citation

    def naive(marked: list[Citation], found: list[Citation]) -> list[Citation]:
        result = list(marked)
        for citation in found:
            overlapping = [
                i for i, c in enumerate(result) if c.start < citation.end and citation.start < c.end
            ]
            if not overlapping:
                result.append(citation)
                continue
            for index in overlapping:
                existing = result[index]
                if existing.target == citation.target and len(overlapping) == 1:
                    wider = citation.start <= existing.start and existing.end <= citation.end
                    result[index] = replace(
                        citation if wider else existing,
                        kind=existing.kind,
                        date=existing.date or citation.date,
                        title=existing.title or citation.title,
                    )
        result.sort(key=lambda c: (c.start, c.end))
        return result

    chance = random.Random(20261207)
    for _ in range(300):

        def spans(count: int, kind: CitationKind) -> list[Citation]:
            made = []
            for _ in range(count):
                start = chance.randrange(0, 400)
                end = start + chance.randrange(1, 60)
                target = f"kst-29521-{chance.randrange(1, 4)}"
                made.append(Citation(start, end, "x", target, kind, date=chance.choice(["", "d"])))
            return made

        marked = sorted(spans(chance.randrange(0, 12), "dossier"), key=lambda c: c.start)
        found = sorted(spans(chance.randrange(0, 12), "kamerstuk"), key=lambda c: c.start)
        assert merge_citations(marked, found) == naive(marked, found)


def test_a_publishers_link_to_what_is_no_document_is_no_citation(tmp_path) -> None:
    """kst-24515-785 marks "CCD II" (the Consumer Credit Directive) as <extref
    doc="kst-CCD-II">: no Kamerstuk has that number, so it is text, not a citation."""
    motie = Path(__file__).parent / "fixtures" / "samples" / "kst-24515-785.xml"
    with Library.open(tmp_path / "library.db") as library:
        report = load_paths(library, [motie], parallel=False)
        document = library.documents.get("kst-24515-785")
        assert report.loaded == 1 and report.false_citations == 1
        assert "1 citation left out (their target is no publication id" in report.summary()
        assert document is not None and "Consumer Credit Directive 2 (CCD II)" in document.text
        assert all("CCD" not in c.target for c in document.citations)
        assert library.documents.get("kst-CCD-II") is None  # no ghost of it either
