#!/usr/bin/env python3
"""Prints JSON figures of a PNG screenshot, to tell a blank page from a drawn
one: width, height, distinct colours, and the share of pixels that are not
(near) white.

Usage: png_stats.py FILE
"""
import json
import sys

from PIL import Image

image = Image.open(sys.argv[1]).convert("RGB")
pixels = list(image.getdata())
inked = sum(1 for r, g, b in pixels if min(r, g, b) < 235)
json.dump({"width": image.width, "height": image.height, "colours": len(set(pixels)),
           "inked": round(inked / len(pixels), 4)}, sys.stdout)
