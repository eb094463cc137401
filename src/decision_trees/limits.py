"""The bounds every tree file is held to, so that no file, valid or hostile, can make the build
take unbounded time or memory. Each is checked, with file, line and node, before the work it
bounds; decision_trees/README.md states them and benchmarks/ measures the largest tree they allow.

The real trees are far inside every bound (the largest: 80 KB, 34 nodes, 12 items in a checklist,
ids of 31 characters and texts of 1,400).
"""

from __future__ import annotations

MAX_BYTES = 512 * 1024  # a tree file; read no further than this
MAX_PAGE_BYTES = 4 * 1024 * 1024  # a Markdown page read for its headings (citations)
MAX_DEPTH = 32  # nesting of mappings and lists in a file
# YAML events (a key, a value, the start or end of a mapping or list): about 25 a node. Bounds the
# parser's work whatever the file says; libyaml produces about 2 million a second.
MAX_EVENTS = 150_000
MAX_NODES = 2_000  # questions and outcomes in one tree
MAX_CHOICES = 30  # answers of a question, options of a multiple question, items of a checklist
MAX_ID_LENGTH = 60  # ids sit in every URL, anchor and route list
MAX_TEXT_LENGTH = 5_000  # characters in one string, in each language
# Entries in a tree's route list: for each outcome, one per question that can be asked on the way
# to it. The list grows with outcomes times questions, never with the number of routes.
MAX_ROUTE_ENTRIES = 10_000
