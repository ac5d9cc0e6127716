import json

from lxml import etree

from loaders.formats.detect import read_document_bytes
from loaders.formats.metadata_xml import read_metadata_xml
from loaders.formats.tk_odata import read_tk_odata


def metadata_xml_from_embedded(path) -> bytes:
    """The real embedded <meta> list of a document, in the shape of its metadata.xml."""
    root = etree.parse(str(path)).getroot()
    out = etree.Element("metadata_gegevens")
    for meta in root.find("metadata"):
        etree.SubElement(
            out, "metadata", name=meta.get("name") or "", content=meta.get("content") or ""
        )
    return etree.tostring(out)


def test_metadata_xml_on_its_own_is_a_record_without_text(fixtures) -> None:
    data = metadata_xml_from_embedded(fixtures / "kst-36750-3.xml")
    [record] = read_document_bytes(data, "metadata.xml")
    assert record.metadata_only
    assert record.key == "kst-36750-3"
    assert record.dossiers[0].key == "36750"
    assert record.date == "2025-05-21"
    assert record.vergaderjaar == "2024-2025"
    assert record.text == ""


def test_a_real_metadata_file_of_another_publication(fixtures) -> None:
    root = etree.parse(str(fixtures / "opmeta1.xml")).getroot()
    record = read_metadata_xml(root, "opmeta1.xml")
    assert record.key == "gmb-2024-216934"
    assert record.title.startswith("Kennisgeving melding incidentele festiviteit")


def test_open_data_zaak_names_the_document_it_describes(fixtures) -> None:
    data = json.loads((fixtures / "zaak-2024Z00651.json").read_text())
    [record] = read_tk_odata(data, "zaak.json")
    assert record.key == "kst-36410-I-11"
    assert record.document_number == "2024D01507"
    assert record.zaak_numbers == ["2024Z00651"]
    assert record.kind == "motie"
    # "Motie van het lid Sneller c.s. over ...", in the short form
    assert record.subject.startswith("Motie Sneller c.s. over het opheffen")


def test_open_data_documents_without_external_id_give_nothing_to_merge() -> None:
    page = {"value": [{"Id": "x", "Soort": "Brief", "Onderwerp": "Iets", "DocumentNummer": "1"}]}
    assert read_tk_odata(page, "page.json") == []
