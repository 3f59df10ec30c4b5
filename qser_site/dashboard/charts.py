"""Every chart of the dashboard and of the programme report, drawn on the server by matplotlib: SVG for pages
(with a <title> and a <desc>, so that a screen reader names it and reads its summary; the data table is shown
beside it anyway), PNG for Word. No JavaScript, nothing fetched from elsewhere.

matplotlib writes its SVG with CSS (`style="fill: …"` attributes and a <style> element). Inline CSS is what a
Content-Security-Policy without 'unsafe-inline' refuses, so the styles are turned into SVG's own presentation
attributes (fill="…"), which no policy touches: the chart looks the same wherever it is inlined."""

import hashlib
import io
import re
import threading
import xml.etree.ElementTree as ET

import matplotlib
from defusedxml.ElementTree import fromstring
from django.core.cache import cache

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402  (after the backend is chosen)
from matplotlib.ticker import MaxNLocator  # noqa: E402

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

# The hub's colours (home/static), dark enough against white for WCAG's 3:1 of graphical objects.
COLOURS = ["#1d4f91", "#b35900", "#2e7d32", "#6a1b9a", "#ad1457", "#00695c", "#4e342e"]
# DejaVu Sans comes with matplotlib and writes Greek and Czech.
FONT = "DejaVu Sans"
# A page's charts are kept in the cache as long as the figures they draw (figures.MAX_AGE): drawing them takes
# far longer than reading them, and the same chart (same data, same labels in the same language) is the same SVG.
CACHE_SECONDS = 300
CACHE_VERSION = 1
# matplotlib's pyplot state is not used (Figure objects only), but its text layout caches are shared.
_LOCK = threading.Lock()


class Chart:
    """A bar chart: `labels` along one axis, one bar per label for each series ({name: [values]}); a value of
    None is not drawn (a count withheld as "fewer than 5")."""

    def __init__(self, *, title, description, labels, series, value_label="", horizontal=None):
        self.title = str(title)
        self.description = str(description)
        self.labels = [str(label) for label in labels]
        self.series = {str(name): list(values) for name, values in series.items()}
        self.value_label = str(value_label)
        self.horizontal = len(self.labels) > 6 or any(len(label) > 14 for label in self.labels)
        if horizontal is not None:
            self.horizontal = horizontal

    def _figure(self):
        rows = max(len(self.labels), 1)
        height = max(2.4, 0.45 * rows * max(len(self.series), 1) + 1.2) if self.horizontal else 3.2
        figure = Figure(figsize=(7.5, min(height, 12)), dpi=100, layout="constrained")
        axes = figure.add_subplot()
        count = max(len(self.series), 1)
        width = 0.8 / count
        positions = range(len(self.labels))
        drawn_series = 0
        for index, (name, values) in enumerate(self.series.items()):
            offsets = [position - 0.4 + width * (index + 0.5) for position in positions]
            drawn = [(offset, value) for offset, value in zip(offsets, values, strict=False) if value is not None]
            if not drawn:
                continue
            where, heights = zip(*drawn, strict=True)
            draw = axes.barh if self.horizontal else axes.bar
            draw(where, heights, width * 0.95, label=name, color=COLOURS[index % len(COLOURS)])
            drawn_series += 1
        # Counts, days and shares: whole numbers on the value axis.
        (axes.xaxis if self.horizontal else axes.yaxis).set_major_locator(MaxNLocator(integer=True))
        if self.horizontal:
            axes.set_yticks(list(positions), self.labels)
            axes.invert_yaxis()
            axes.set_xlabel(self.value_label)
        else:
            axes.set_xticks(list(positions), self.labels)
            axes.set_ylabel(self.value_label)
        if len(self.series) > 1 and drawn_series:
            axes.legend(frameon=False)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        axes.set_title(self.title, loc="left", fontsize=11)
        return figure

    def png(self):
        with _LOCK, matplotlib.rc_context({"font.family": FONT}):
            buffer = io.BytesIO()
            self._figure().savefig(buffer, format="png", dpi=150)
        return buffer.getvalue()

    def svg(self, element_id):
        """The chart as an <svg> element to put in a page, named by its title and described by its summary; from
        the cache when the same chart was drawn in the last CACHE_SECONDS."""
        drawn = repr((element_id, self.title, self.description, self.labels, self.series, self.value_label))
        key = f"dashboard-chart:{self.horizontal}:" + hashlib.sha256(drawn.encode()).hexdigest()
        svg = cache.get(key, version=CACHE_VERSION)
        if svg is None:
            svg = self._svg(element_id)
            cache.set(key, svg, CACHE_SECONDS, version=CACHE_VERSION)
        return svg

    def _svg(self, element_id):
        settings = {"font.family": FONT, "svg.fonttype": "none", "svg.hashsalt": element_id}
        with _LOCK, matplotlib.rc_context(settings):
            buffer = io.StringIO()
            self._figure().savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        return accessible_svg(buffer.getvalue(), element_id, self.title, self.description)


def _css_to_attributes(element):
    style = element.attrib.pop("style", None)
    if not style:
        return
    for declaration in style.split(";"):
        if ":" not in declaration:
            continue
        name, value = (part.strip() for part in declaration.split(":", 1))
        if name == "font":
            # matplotlib writes "font: 10px 'DejaVu Sans'" (with a weight or style before the size at times).
            match = re.match(r"(?P<before>.*?)(?P<size>[\d.]+px)\s+(?P<family>.+)", value)
            if match:
                element.set("font-size", match["size"])
                element.set("font-family", match["family"].replace("'", ""))
                for word in match["before"].split():
                    element.set("font-weight" if word in ("bold", "normal") else "font-style", word)
            continue
        element.set(name, value)


def accessible_svg(svg_text, element_id, title, description):
    root = fromstring(svg_text)
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag in (f"{{{SVG_NS}}}style", f"{{{SVG_NS}}}metadata"):
                parent.remove(child)
    for element in root.iter():
        _css_to_attributes(element)
    root.attrib.pop("width", None)
    root.attrib.pop("height", None)
    root.set("role", "img")
    root.set("class", "dashboard-chart")
    root.set("aria-labelledby", f"{element_id}-title {element_id}-desc")
    title_element = ET.Element(f"{{{SVG_NS}}}title", id=f"{element_id}-title")
    title_element.text = title
    desc_element = ET.Element(f"{{{SVG_NS}}}desc", id=f"{element_id}-desc")
    desc_element.text = description
    root.insert(0, desc_element)
    root.insert(0, title_element)
    return ET.tostring(root, encoding="unicode")
