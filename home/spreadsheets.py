"""Every CSV export of the admin, ours and Wagtail's own reports alike (site history, workflows, workflow tasks,
page types, locked pages, aging pages, …), neutralises cells a spreadsheet would run as a formula.

A practice titled `=HYPERLINK("http://…","Open")` would otherwise come out as a live formula. Wagtail's
SpreadsheetExportMixin writes every CSV row through `write_csv_row`, and its XLSX export already marks formulas as
text; it has no setting for CSV, so the mixin's one method is wrapped here, once, when the app is ready
(apps.py): each value is written as OWASP advises, behind a single quote, so the spreadsheet shows it as text.
"""

import functools

from wagtail.admin.views.mixins import SpreadsheetExportMixin

# What a spreadsheet reads as the start of a formula (tab and carriage return hide one after white space).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _NeutralisingWriter:
    """A csv.DictWriter's stand-in that neutralises each value before the real one writes the row."""

    def __init__(self, writer):
        self.writer = writer

    def writerow(self, row):
        return self.writer.writerow({field: neutralise(value) for field, value in row.items()})


def neutralise_csv_exports():
    original = SpreadsheetExportMixin.write_csv_row
    if getattr(original, "neutralises_formulas", False):
        return

    @functools.wraps(original)
    def write_csv_row(self, writer, row_dict):
        return original(self, _NeutralisingWriter(writer), row_dict)

    write_csv_row.neutralises_formulas = True
    SpreadsheetExportMixin.write_csv_row = write_csv_row
