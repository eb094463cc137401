"""The names a walkthrough's page and address already use, so that no id in a tree can take them.

A node id is a key in the walkthrough's address (`?sent-on-twitter=twitter`) and the end of an
anchor on its page (`#foi-request--sent-on-twitter`); a tree id is the id of the walkthrough on
its page and the name of its page. Each name below is used by the renderer (render_html.py), the
walkthrough's script (client/walkthrough.js) or Material's own script, and a test reads those
scripts to check that every parameter they read is listed here.
"""

from __future__ import annotations

# ?step=NODE: the step on show (Back, Change). Read by client/walkthrough.js.
STEP_PARAMETER = "step"

# Anchors the renderer puts on the page, as TREE--NAME, beside TREE--NODE for every node.
ANCHORS = {
    "questions": "the list of every question and answer",
    "trainers": "the trainers' section",
    "routes": "the trainers' route list",
}

RESERVED_NODE_IDS: dict[str, str] = {
    STEP_PARAMETER: "the walkthrough's address uses ?step= for the step on show",
    # Material for MkDocs reads these on every page.
    "q": "Material's search opens on any address with ?q=",
    "h": "Material's search highlights the words of any address with ?h=",
    **{name: f"the page has an anchor TREE--{name} for {what}" for name, what in ANCHORS.items()},
}

# Each tree has its page at walkthroughs/<tree id>.md.
WALKTHROUGH_PAGE = "walkthroughs/{tree}.md"
RESERVED_TREE_IDS: dict[str, str] = {
    "index": "walkthroughs/index.md is the page that lists the walkthroughs",
}

# The value of a multiple question's key when "none of these" is chosen (?categories=none).
NONE_OPTION = "none"
RESERVED_OPTION_IDS: dict[str, str] = {
    NONE_OPTION: "'none' is the 'none of these' answer",
}
