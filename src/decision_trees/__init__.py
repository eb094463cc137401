"""Decision trees: the YAML files behind the walkthroughs, and their compiler. Plain Python, no
MkDocs needed.

Compiling (compiler.py) runs, in order:
    loader     YAML -> values that remember their line numbers
    structure  every field against the declared format (tree_format.py)
    build      the values -> a `Tree` (model.py); duplicate ids, answer sets
    graph      references, reachability, cycles, dead ends
    citations  every cited page and heading exists in both languages

Then, from a compiled tree: walk.py (answers -> the route they take), routes.py (every route),
render_html.py and render_svg.py (the walkthrough, its no-JavaScript page and its diagram),
scenarios.py (given these answers, this outcome), and site.py (what a site build needs).
"""

from .compiler import compile_all, compile_tree
from .errors import TreeError, TreeErrors

__all__ = ["TreeError", "TreeErrors", "compile_all", "compile_tree"]
