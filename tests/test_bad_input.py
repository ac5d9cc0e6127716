"""Every kind of bad input gets one line naming the file, and costs only itself."""

import io
import tarfile
import zipfile
from pathlib import Path

import pytest

from db.loading.files import load_paths
from loaders.errors import LoadError
from loaders.formats.detect import read_document_bytes

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<officiele-publicatie><kamerstuk>&lol3;</kamerstuk></officiele-publicatie>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<officiele-publicatie><kamerstuk><stuk><titel>&xxe;</titel></stuk></kamerstuk></officiele-publicatie>"""


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty file"),
        (b"   \n\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"<officiele-publicatie><kamerstuk><stuk>", "malformed XML"),
        (BILLION_LAUGHS, "entities"),
        (EXTERNAL_ENTITY, "entities"),
        (b"<html><body>hallo</body></html>", "not a Kamerstuk format"),
        (b"Gewoon een tekstbestand.\n", "unknown format"),
        (b'{"key": "kst-1-2"', "invalid JSON"),
    ],
)
def test_bad_files_fail_with_one_line_naming_the_file(data: bytes, problem: str) -> None:
    with pytest.raises(LoadError) as caught:
        read_document_bytes(data, "bad/input.xml")
    message = str(caught.value)
    assert message.startswith("bad/input.xml: ")
    assert problem in message
    assert "\n" not in message


def test_entities_are_never_expanded_or_fetched() -> None:
    with pytest.raises(LoadError) as caught:
        read_document_bytes(EXTERNAL_ENTITY, "xxe.xml")
    assert "root:" not in str(caught.value)


def test_truncated_real_xml_fails_and_the_rest_still_loads(library, fixtures, tmp_path) -> None:
    real = (fixtures / "kst-28844-269.xml").read_bytes()
    (tmp_path / "truncated.xml").write_bytes(real[: len(real) // 2])
    (tmp_path / "empty.xml").write_bytes(b"")
    (tmp_path / "good.xml").write_bytes((fixtures / "kst-35786-7.xml").read_bytes())
    report = load_paths(
        library, [tmp_path / "truncated.xml", tmp_path / "empty.xml", tmp_path / "good.xml"]
    )
    assert (report.loaded, report.failed) == (1, 2)
    assert any("truncated.xml: malformed XML" in e for e in report.errors)
    assert library.documents.get("kst-35786-7") is not None


def test_text_in_cp1252_loads(fixtures) -> None:
    text = (fixtures / "kst-29521-455.txt").read_text().replace("één", "één €")
    [document] = read_document_bytes(text.encode("cp1252"), "cp1252.txt")
    assert "één €" in document.text
    assert document.key == "kst-29521-455"


def test_a_bad_file_does_not_touch_what_is_loaded(library, fixtures, tmp_path) -> None:
    load_paths(library, [fixtures / "kst-29521-455.txt"])
    before = library.documents.get("kst-29521-455")
    (tmp_path / "kst-29521-455.xml").write_bytes(b"<officiele-publicatie><kamerstuk>")
    report = load_paths(library, [tmp_path / "kst-29521-455.xml"])
    assert report.failed == 1
    assert library.documents.get("kst-29521-455") == before


def test_unreadable_and_missing_paths_fail_by_name(library, tmp_path) -> None:
    report = load_paths(library, [tmp_path / "missing.xml"])
    assert report.errors == [f"{tmp_path / 'missing.xml'}: no such file or folder"]


def test_in_folders_other_files_are_skipped_not_failed(library, fixtures, tmp_path) -> None:
    folder = tmp_path / "dossier"
    folder.mkdir()
    (folder / "README.md").write_text("# notes\n")
    (folder / "kst-35786-7.xml").write_bytes((fixtures / "kst-35786-7.xml").read_bytes())
    report = load_paths(library, [folder])
    assert (report.loaded, report.failed, report.skipped) == (1, 0, 1)


def test_archives_load_like_folders(library, fixtures, tmp_path) -> None:
    names = ["kst-35786-7.xml", "kst-28844-269.xml"]
    with zipfile.ZipFile(tmp_path / "docs.zip", "w") as archive:
        for name in names:
            archive.write(fixtures / name, f"map/{name}")
    with tarfile.open(tmp_path / "docs.tar.gz", "w:gz") as archive:
        data = (fixtures / "kst-29521-455.txt").read_bytes()
        info = tarfile.TarInfo("brief.txt")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    report = load_paths(library, [tmp_path / "docs.zip", tmp_path / "docs.tar.gz"])
    assert (report.loaded, report.failed) == (3, 0)
    assert (
        library.documents.get("kst-29521-455").source_path
        == f"{tmp_path / 'docs.tar.gz'}!brief.txt"
    )


def test_a_broken_archive_fails_by_name(library, tmp_path) -> None:
    path = Path(tmp_path / "broken.tar.xz")
    path.write_bytes(b"\xfd7zXZ\x00" + b"garbage" * 10)
    report = load_paths(library, [path])
    assert report.failed == 1
    assert "broken.tar.xz" in report.errors[0]
