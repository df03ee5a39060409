"""The web UI's charts: counts over a real time axis, drawn server-side as SVG by pygal.

Why pygal: a small, long-lived registry package that renders SVG in Python, so a chart is part of the page
itself: no JavaScript asset to bundle or serve, nothing from a CDN, readable by tests and screen readers as
it arrives. Chart.js or Vega would need their JS served from a wheel and the data sent to the client; Bokeh
and Plotly bring megabytes of JS for a few bar charts.

The axis is made here, not by the data: every period from the first dated count to the last is on it, empty
ones at zero, so a gap in the news shows as a gap. Counts without a date are not put on any period; the chart
says how many there are (``Chart.undated``). Months are the periods up to ``MAX_MONTHS`` of span, years
beyond.

Colours are CSS custom properties (``var(--chart-1)``…), so the page's stylesheet themes the charts, dark
mode included. pygal's inline script (its tooltip configuration) is dropped: the page's Content Security
Policy refuses inline scripts; each bar and dot carries an SVG ``<title>`` instead, the browser's own tooltip.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from ..store.base import CoMentionSeries, EntityTimeline
from .i18n import Translator

UNDATED = "undated"
MAX_MONTHS = 48
SERIES_COLOURS = tuple(f"var(--chart-{i})" for i in range(1, 7))
STEPS = {"month": "month", "year": "year"}
WIDE, NARROW = (760, 270), (380, 300)  # the main column; the side column


@dataclass(frozen=True)
class Axis:
    """Contiguous periods (``YYYY-MM`` or ``YYYY``) and their length: ``"month"`` or ``"year"``."""

    periods: list[str]
    step: str

    def key(self, month: str) -> str:
        return month[:4] if self.step == "year" else month


@dataclass
class Chart:
    """A rendered chart and what it shows, for the template and the tests."""

    svg: Markup
    axis: Axis
    series: dict[str, list[int]]
    undated: dict[str, int] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.axis.periods and not any(self.undated.values())


def time_axis(*counts: Mapping[str, int], max_months: int = MAX_MONTHS) -> Axis:
    """Every month (or year, past ``max_months``) from the earliest dated key of ``counts`` to the latest.

    >>> time_axis({"2024-01": 2, "2024-04": 1, "undated": 3}).periods
    ['2024-01', '2024-02', '2024-03', '2024-04']
    """
    months = sorted({m for c in counts for m, n in c.items() if _is_month(m) and n})
    if not months:
        return Axis([], "month")
    first, last = _month_index(months[0]), _month_index(months[-1])
    if last - first + 1 > max_months:
        return Axis([str(y) for y in range(first // 12, last // 12 + 1)], "year")
    return Axis([f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(first, last + 1)], "month")


def count_ticks(top: int, most: int = 6) -> list[int]:
    """Whole-number ticks from 0 to at least ``top``, at most ``most`` of them: counts have no halves.

    >>> count_ticks(2), count_ticks(23)
    ([0, 1, 2], [0, 5, 10, 15, 20, 25])
    """
    top, power = max(top, 1), 1
    while True:  # the smallest of 1, 2, 5, 10, 20, 50… that needs at most ``most`` ticks
        for step in (power, 2 * power, 5 * power):
            if -(-top // step) + 1 <= most:
                return list(range(0, -(-top // step) * step + 1, step))
        power *= 10


def on_axis(axis: Axis, counts: Mapping[str, int]) -> list[int]:
    """``counts`` summed into the axis's periods, zero where nothing happened."""
    totals = dict.fromkeys(axis.periods, 0)
    for month, n in counts.items():
        if _is_month(month) and axis.key(month) in totals:
            totals[axis.key(month)] += n
    return list(totals.values())


def bar_chart(series: Mapping[str, Mapping[str, int]], *, title: str,
              period_labels: Mapping[str, str] = STEPS, size: tuple[int, int] = WIDE) -> Chart:
    """Bars per period for each named series (e.g. quotes and mentions); ``period_labels`` names the
    axis for each step ("month", "year") in the UI's language; ``size`` is the drawing's width and
    height, close to the size it is shown at so that its text stays readable."""
    return _chart("Bar", series, title=title, period_labels=period_labels, size=size)


def line_chart(series: Mapping[str, Mapping[str, int]], *, title: str,
               period_labels: Mapping[str, str] = STEPS, size: tuple[int, int] = WIDE) -> Chart:
    """A line per named series: several entities over one axis (the co-mention view)."""
    return _chart("Line", series, title=title, period_labels=period_labels, size=size)


def _chart(kind: str, series: Mapping[str, Mapping[str, int]], *, title: str,
           period_labels: Mapping[str, str], size: tuple[int, int]) -> Chart:
    axis = time_axis(*series.values())
    values = {name: on_axis(axis, counts) for name, counts in series.items()}
    undated = {name: counts.get(UNDATED, 0) for name, counts in series.items()}
    svg = (_render(kind, axis, values, title=title, period_label=period_labels.get(axis.step, axis.step),
                   size=size) if axis.periods else Markup(""))
    return Chart(svg=svg, axis=axis, series=values, undated=undated)


def _render(kind: str, axis: Axis, values: Mapping[str, Sequence[int]], *, title: str,
            period_label: str, size: tuple[int, int]) -> Markup:
    import pygal
    from lxml import etree

    n = len(axis.periods)
    columns = min(len(values), max(1, size[0] // 190))
    every = -(-n // max(1, size[0] // 70))  # a label is about 60 px wide at 12 px
    chart = getattr(pygal, kind)(
        style=_style(), js=[], disable_xml_declaration=True, width=size[0], height=size[1], margin=8,
        y_labels=count_ticks(max((max(v, default=0) for v in values.values()), default=0)),
        show_legend=len(values) > 1, legend_at_bottom=True, legend_at_bottom_columns=columns,
        truncate_legend=max(8, size[0] // (columns * 9)), x_title=period_label,
        # every period keeps its guide line; only every ``every``-th is labelled, so labels never overlap
        x_labels_major_every=every, show_minor_x_labels=every == 1, print_zeroes=False,
        show_dots=kind == "Line", dots_size=3, stroke_style={"width": 2}, spacing=4,
        include_x_axis=True, y_labels_major_every=None, no_data_text="")
    chart.x_labels = axis.periods
    for name, counts in values.items():
        chart.add(name, list(counts))
    tree = chart.render_tree()
    for dropped in [*tree.iter("{*}script"), *tree.xpath("//comment()")]:  # its config script, its credits
        dropped.getparent().remove(dropped)
    for point in tree.iter("{*}g"):
        desc = {d.get("class", "").split()[0]: d.text for d in point if _tag(d) == "desc"}
        if "value" in desc:
            name = _series_name(point, list(values))
            label = etree.SubElement(point, "title")
            label.text = f"{desc.get('x_label', '')} · {name}: {desc['value']}"
    for heading in tree.findall("{*}title"):  # pygal names every chart "Pygal"
        heading.text = title
    tree.set("role", "img")
    tree.set("aria-label", title)
    tree.set("class", f"{tree.get('class', '')} chart-svg".strip())
    tree.set("data-step", axis.step)
    return Markup(etree.tostring(tree, encoding="unicode"))


def _style():
    from pygal.style import Style

    font = 'system-ui, "DejaVu Sans", sans-serif'
    return Style(background="transparent", plot_background="transparent", foreground="var(--ink)",
                 foreground_strong="var(--ink)", foreground_subtle="var(--muted)", font_family=font,
                 label_font_size=12, major_label_font_size=12, legend_font_size=13, title_font_size=14,
                 value_font_size=12, tooltip_font_size=12, guide_stroke_color="var(--line)",
                 major_guide_stroke_color="var(--line)", opacity=".9", opacity_hover="1",
                 colors=SERIES_COLOURS, transition="0ms")


def _series_name(point, names: list[str]) -> str:
    """The name of the series a point belongs to: its ``g.serie-N`` ancestor."""
    for ancestor in point.iterancestors():
        for cls in ancestor.get("class", "").split():
            if cls.startswith("serie-") and cls[6:].isdigit() and int(cls[6:]) < len(names):
                return names[int(cls[6:])]
    return ""


def _tag(element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _is_month(key: str) -> bool:
    return len(key) == 7 and key[4] == "-" and key[:4].isdigit() and key[5:].isdigit()


def _month_index(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7]) - 1


# -- the charts the pages show -----------------------------------------------------------------------
def activity_chart(timeline: EntityTimeline, t: Translator) -> Chart:
    """An entity's quotes and mentions per period (the entity page)."""
    return bar_chart({t("quotes"): timeline.quotes, t("mentions"): timeline.mentions},
                     title=t("Quotes and mentions over time"), period_labels=_steps(t))


def co_mention_chart(series: Sequence[CoMentionSeries], t: Translator) -> Chart:
    """Articles shared with each of the most co-mentioned entities, per period (the entity page)."""
    return line_chart({s.entity.name: s.by_month for s in series},
                      title=t("Articles shared with the most co-mentioned entities"), period_labels=_steps(t),
                      size=NARROW)


def events_chart(months: Mapping[str, int], t: Translator) -> Chart:
    """Events per period (the events page)."""
    return bar_chart({t("events"): dict(months)}, title=t("Events over time"), period_labels=_steps(t))


def _steps(t: Translator) -> dict[str, str]:
    return {step: t(step) for step in STEPS}
