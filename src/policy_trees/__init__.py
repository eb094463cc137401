"""Decision-tree compiler for the policy walkthroughs: plain Python, no MkDocs needed.

load (loader) -> validate (validate) -> model (model) -> render (render_html, render_svg, paths).
"""

from .compiler import compile_all, compile_tree  # noqa: F401
from .errors import TreeError, TreeErrors  # noqa: F401
