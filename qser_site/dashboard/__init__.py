"""The coordinator's view (issue 22): the programme's figures (figures.py), drawn by one chart module (charts.py),
shown on a Wagtail admin page with its filters and as Wagtail reports exported to CSV and XLSX (views.py), and
written to a Word "programme report" (report.py). It reads every app, so it lives in the top layer."""
