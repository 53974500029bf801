"""Parse untrusted wire XML with defusedxml, and small helpers for namespaced trees.

Refused, with one clear line: entity declarations (billion laughs, quadratic blow-up, external
entities reaching files or URLs, parameter entities pulling in a remote DTD). A DOCTYPE that only
names a DTD (``<!DOCTYPE nitf SYSTEM "nitf-3-5.dtd">``, common in NITF) is allowed: the DTD is
never fetched. HTML entities such as ``&nbsp;``, which feeds use without declaring them, are
turned into character references first, so they need no DTD.
"""

from __future__ import annotations

import html.entities
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import defusedxml
import defusedxml.ElementTree as DET

from summarizer.wire.errors import WireError

#: One wire item is a few kB; anything near this is not a news item (or is an attack).
MAX_XML_CHARS = 20_000_000

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_NAMED_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_XML_ENTITIES = {"amp", "lt", "gt", "quot", "apos"}


def parse(text: str, *, name: str = "input") -> ET.Element:
    """Text of an XML document → its root element, or `WireError` (unsafe or malformed)."""
    if len(text) > MAX_XML_CHARS:
        raise WireError(code="wire.xml_too_large", name=name, chars=f"{len(text):,}".replace(",", "."))
    # The text is already decoded: drop the declaration so its encoding is not applied twice.
    text = _XML_DECL.sub("", text, count=1)
    text = _NAMED_ENTITY.sub(_html_entity, text)
    try:
        return DET.fromstring(text, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.EntitiesForbidden as error:
        target = f" ({error.sysid})" if error.sysid else ""
        raise WireError(code="wire.xml_entity", name=name, entity=repr(error.name), target=target) from None
    except defusedxml.ExternalReferenceForbidden as error:
        raise WireError(code="wire.xml_external", name=name, target=error.sysid) from None
    except defusedxml.DTDForbidden:
        raise WireError(code="wire.xml_dtd", name=name) from None
    except defusedxml.DefusedXmlException as error:
        raise WireError(code="wire.xml_unsafe", name=name, kind=type(error).__name__) from None
    except ET.ParseError as error:
        raise WireError(code="wire.xml_malformed", name=name, error=error) from None
    except RecursionError:
        raise WireError(code="wire.too_deep", name=name) from None


def _html_entity(match: re.Match[str]) -> str:
    name = match.group(1)
    if name in _XML_ENTITIES or name not in html.entities.name2codepoint:
        return match.group(0)  # XML's own, or unknown: the parser decides
    return f"&#{html.entities.name2codepoint[name]};"


def local(tag: object) -> str:
    """``{http://iptc.org/std/nar/2006-10-01/}headline`` → ``headline`` (namespaces vary by feed)."""
    if not isinstance(tag, str):
        return ""  # comments and processing instructions
    return tag.rsplit("}", 1)[-1]


def children(element: ET.Element, name: str) -> Iterator[ET.Element]:
    """Direct children with local name `name` (case-insensitive: feeds disagree on case)."""
    wanted = name.lower()
    return (child for child in element if local(child.tag).lower() == wanted)


def child(element: ET.Element | None, *path: str) -> ET.Element | None:
    """Follow a path of local names (``child(root, "body", "body.head")``); None if any step is missing."""
    for name in path:
        if element is None:
            return None
        element = next(children(element, name), None)
    return element


def descendants(element: ET.Element, name: str) -> Iterator[ET.Element]:
    wanted = name.lower()
    return (node for node in element.iter() if local(node.tag).lower() == wanted)


def text_of(element: ET.Element | None) -> str:
    """All text inside `element`, whitespace collapsed ('' for None)."""
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())
