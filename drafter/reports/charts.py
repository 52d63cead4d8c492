"""Bar charts of the reports, drawn as HTML tables with CSS bars.

No charting library and no image file: the gap report shows each area's score and the
workshop summary each team's. A table, not an SVG, because its labels are text laid out
by the page: Arabic letters joined and shaped, and the whole chart mirrored in a report
that reads from right to left (WeasyPrint writes SVG text letter by letter, left to
right). Every label is escaped here, which makes the result safe to insert as markup.
"""

from __future__ import annotations

from markupsafe import Markup, escape

# Bar colours by score band, matching the status colours of the web scorecard.
BANDS = ((75.0, "#00703c"), (40.0, "#b58105"), (0.0, "#d4351c"))
# The longest bar takes this share of its cell: the value is written after it.
BAR_ROOM = 88.0


def band_colour(value: float) -> str:
    return next(colour for floor, colour in BANDS if value >= floor)


def bar_chart(bars: list[tuple[str, float]], *, maximum: float = 100.0, title: str = "",
              compact: bool = False) -> Markup:
    """A horizontal bar chart of (label, value) pairs, value in 0..maximum: each row is
    the label, the bar and the value after it; gridlines (print.css) mark quarters of
    the scale. `title` names the table for readers of the PDF's structure; `compact`
    rows suit a chart of many bars."""
    rows = []
    for label, value in bars:
        value = max(0.0, min(float(value), maximum))
        share = BAR_ROOM * value / maximum
        rows.append(f'<tr><th scope="row">{escape(label)}</th><td>'
                    f'<span class="bar" style="width: {share:.1f}%; '
                    f'background-color: {band_colour(value)}"></span>'
                    f'<span class="bar-value">{value:.0f}</span></td></tr>')
    classes = "bar-chart compact" if compact else "bar-chart"
    return Markup(f'<table class="{classes}" aria-label="{escape(title)}"><tbody>'
                  + "".join(rows) + "</tbody></table>")


def has_bars(bars: list[tuple[str, float]]) -> bool:
    """Whether `bar_chart(bars)` would draw any bar: a chart of zeros is an empty frame
    of gridlines, which reads as a broken chart; the reports say so in a sentence."""
    return any((value or 0) > 0 for _label, value in bars)
