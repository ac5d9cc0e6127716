"""Parsing untrusted XML: no entity expansion, no DTD loading, no network.

Documents come from anywhere (mail attachments, archives, scrapes). A DOCTYPE that declares
entities is refused outright, as defusedxml does: there is no legitimate use for one in a
Kamerstuk, and refusing is simpler to reason about than expanding safely.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from typing import cast

from lxml import etree

from loaders.errors import LoadError

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)


def text_pieces(element: etree._Element) -> Iterator[str]:
    """The element's text and its descendants', in document order (parsed as text, never
    bytes: the stubs allow for both)."""
    return cast(Iterator[str], element.itertext())


_PARSERS = threading.local()  # a parser is reusable, but not by two threads at once


def _parser() -> etree.XMLParser:
    parser = getattr(_PARSERS, "parser", None)
    if parser is None:
        parser = _PARSERS.parser = _new_parser()
    return parser


def _new_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        recover=False,
    )


def parse_xml(data: bytes, source: str) -> etree._Element:
    """The root element of ``data``; LoadError naming ``source`` when it is not safe XML."""
    if b"<!DOCTYPE" in data and _ENTITY_DECL.search(data):
        raise LoadError(source, "XML declares entities in its DOCTYPE; refused for safety")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        line = getattr(exc, "lineno", None)
        where = f" (line {line})" if line else ""
        raise LoadError(source, f"malformed XML{where}: {exc.msg}") from None
    if root is None:
        raise LoadError(source, "empty XML document")
    return root
