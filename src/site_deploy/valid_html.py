"""Make Material's page markup valid HTML where no template override can reach.

Material's base.html writes `autocomplete="off"` on its two hidden checkboxes (the drawer and search
toggles), outside any template block; the attribute is not allowed on checkboxes (Nu Html Checker).
Overriding base.html would mean keeping a copy of Material's main template, so the attribute is
removed from the written page instead. (Material adds it so that Firefox does not restore the
drawer's open state on going back; that is the only effect of removing it.)
"""

from __future__ import annotations

import re

_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="[^"]*"')


def drop_checkbox_autocomplete(html: str) -> tuple[str, int]:
    """The page without `autocomplete` on checkboxes, and how many were removed."""
    return _CHECKBOX_AUTOCOMPLETE.subn(r"\1", html)
