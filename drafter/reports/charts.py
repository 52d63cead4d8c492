"""Charts drawn on the server as SVG strings, inlined into report HTML.

No charting library and no image file: the gap report needs one horizontal bar chart,
and an inline SVG needs no URL to be fetched. Every text that goes into the SVG is
escaped here, which is what makes the result safe to insert as markup.
"""

from __future__ import annotations

from markupsafe import Markup, escape

# Bar colours by score band, matching the status colours of the web scorecard.
BANDS = ((75.0, "#00703c"), (40.0, "#b58105"), (0.0, "#d4351c"))


def band_colour(value: float) -> str:
    return next(colour for floor, colour in BANDS if value >= floor)


def bar_chart(bars: list[tuple[str, float]], *, maximum: float = 100.0, width: int = 480,
              label_width: int = 190, bar_height: int = 16, gap: int = 6,
              font_size: float = 8.5, font_family: str = "Noto Sans, DejaVu Sans, sans-serif",
              title: str = "") -> Markup:
    """A horizontal bar chart of (label, value) pairs, value in 0..maximum.

    Each row is the label, the bar and the value written after it; gridlines mark
    quarters of the scale. `title` becomes the SVG's accessible name.
    """
    plot = width - label_width - 34  # room for the value after the longest bar
    height = len(bars) * (bar_height + gap) + gap + 14
    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
              f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
              f'font-family="{escape(font_family)}" font-size="{font_size}">')]
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    bottom = height - 14
    for quarter in range(5):
        x = label_width + plot * quarter / 4
        parts.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{bottom}" stroke="#d8d8d8" '
                     f'stroke-width="0.6"/>')
        parts.append(f'<text x="{x:.1f}" y="{height - 3}" text-anchor="middle" '
                     f'fill="#505a5f">{maximum * quarter / 4:g}</text>')
    for index, (label, value) in enumerate(bars):
        value = max(0.0, min(float(value), maximum))
        top = gap + index * (bar_height + gap)
        middle = top + bar_height / 2 + font_size * 0.35
        length = plot * value / maximum
        parts.append(f'<text x="{label_width - 6}" y="{middle:.1f}" text-anchor="end" '
                     f'fill="#0b0c0c">{escape(label)}</text>')
        parts.append(f'<rect x="{label_width}" y="{top}" width="{length:.1f}" '
                     f'height="{bar_height}" fill="{band_colour(value)}"/>')
        parts.append(f'<text x="{label_width + length + 4:.1f}" y="{middle:.1f}" '
                     f'fill="#0b0c0c">{value:.0f}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def has_bars(bars: list[tuple[str, float]]) -> bool:
    """Whether `bar_chart(bars)` would draw any bar: a chart of zeros is an empty frame
    of gridlines, which reads as a broken chart; the reports say so in a sentence."""
    return any((value or 0) > 0 for _label, value in bars)
