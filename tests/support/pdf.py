"""What Chromium printed: the text of each page of a PDF, and any text drawn outside its page."""

from __future__ import annotations

import io

import pypdf


def pdf_pages(pdf: bytes) -> tuple[list[str], list[str]]:
    """(the text of each page, as pypdf extracts it; every piece of text drawn past a page's edge)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    outside: list[str] = []
    texts = []
    for number, pdf_page in enumerate(reader.pages, 1):
        width, height = float(pdf_page.mediabox.width), float(pdf_page.mediabox.height)

        def visit(text, cm, tm, font, size, number=number, width=width, height=height):
            if not text.strip():
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if not (0 <= x < width and 0 <= y <= height):
                outside.append(f"page {number}: {text!r} at ({x:.0f}, {y:.0f})")

        texts.append(pdf_page.extract_text(visitor_text=visit))
    return texts, outside
