"""Decision-tree compiler for the policy walkthroughs: plain Python, no MkDocs needed.

load (loader) -> validate (validate) -> model (model) -> render (render_html, render_svg, paths).
"""
from .compiler import compile_tree, compile_all  # noqa: F401
from .errors import TreeError, TreeErrors  # noqa: F401
