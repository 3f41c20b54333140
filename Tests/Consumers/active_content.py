#!/usr/bin/env python3
"""Reads diagrams and pages the way a browser would meet them and lists what
could run or navigate, as one JSON object per file, for the injection tests.

Usage: active_content.py FILE ...   (.svg, .graphml and .xml as XML, .html as HTML)

For each file: "parsed" (the parser accepted it), "active" (elements that run
or embed content: script, foreignObject, iframe, object, embed, and any
<!DOCTYPE or <!ENTITY declaration), "handlers" (attributes named on*),
"links" (every href, xlink:href, src and action value), "text" (all text
content, joined), and "counts" (SVG <g> groups by class: node, edge, cluster).
"""
import json
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

ACTIVE = {"script", "foreignobject", "iframe", "object", "embed"}
LINK_ATTRIBUTES = {"href", "src", "action", "formaction"}


def local(name):
    return name.rsplit("}", 1)[-1].lower()


def read_xml(data):
    result = {"parsed": True, "active": [], "handlers": [], "links": [], "text": "", "counts": {}}
    if b"<!DOCTYPE" in data.upper() and b"<!ENTITY" in data.upper():
        result["active"].append("<!ENTITY")
    root = ET.fromstring(data)
    texts = []
    for element in root.iter():
        name = local(element.tag)
        if name in ACTIVE:
            result["active"].append(name)
        if name == "g" and element.get("class"):
            result["counts"][element.get("class")] = result["counts"].get(element.get("class"), 0) + 1
        for attribute, value in element.attrib.items():
            attribute = local(attribute)
            if attribute.startswith("on"):
                result["handlers"].append(attribute)
            if attribute in LINK_ATTRIBUTES:
                result["links"].append(value)
        texts.append(element.text or "")
        texts.append(element.tail or "")
    result["text"] = "".join(texts)
    return result


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.result = {"parsed": True, "active": [], "handlers": [], "links": [], "text": "", "counts": {}}
        self.texts = []

    def handle_starttag(self, tag, attrs):
        if tag.lower() in ACTIVE:
            self.result["active"].append(tag.lower())
        for attribute, value in attrs:
            if attribute.lower().startswith("on"):
                self.result["handlers"].append(attribute.lower())
            if attribute.lower().rsplit(":", 1)[-1] in LINK_ATTRIBUTES:
                self.result["links"].append(value or "")

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.texts.append(data)


def read_html(data):
    page = Page()
    page.feed(data.decode("utf-8"))
    page.close()
    page.result["text"] = "".join(page.texts)
    return page.result


def main():
    out = {}
    for path in sys.argv[1:]:
        with open(path, "rb") as f:
            data = f.read()
        try:
            out[path] = read_html(data) if path.endswith(".html") else read_xml(data)
        except Exception as error:  # a file the consumer cannot read is a finding too
            out[path] = {"parsed": False, "error": str(error)}
    print(json.dumps(out))


main()
