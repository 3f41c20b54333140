#!/usr/bin/env python3
"""Reads a storygraph index.html with Python's html.parser, the way a browser
tokenises it, and prints JSON: every start tag by name, the script and style
bodies, every href/src, the text of the page, and the table rows' ids.

Usage: read_html.py FILE
"""
import json
import sys
from html.parser import HTMLParser


class Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = {}
        self.scripts = []
        self.styles = []
        self.links = []
        self.text = []
        self.inside = None
        self.attributes = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        for name, value in attrs:
            self.attributes.append(name)
            if name in ("href", "src"):
                self.links.append(value)
        if tag in ("script", "style"):
            self.inside = tag
            (self.scripts if tag == "script" else self.styles).append("")

    def handle_endtag(self, tag):
        if tag == self.inside:
            self.inside = None

    def handle_data(self, data):
        if self.inside == "script":
            self.scripts[-1] += data
        elif self.inside == "style":
            self.styles[-1] += data
        else:
            self.text.append(data)


reader = Reader()
with open(sys.argv[1], encoding="utf-8") as handle:
    reader.feed(handle.read())
reader.close()
json.dump({"tags": reader.tags, "scripts": reader.scripts, "styles": reader.styles, "links": reader.links,
           "text": "".join(reader.text), "attributes": sorted(set(reader.attributes))}, sys.stdout)
