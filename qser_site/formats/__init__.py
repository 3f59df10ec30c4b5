"""Date formats where the site's readers write dates differently from Django's own locale formats
(FORMAT_MODULE_PATH): a Czech reader writes 7. 12. 2026, a Spanish or Greek one 7/12/2026. Whatever a
module here does not name comes from Django's (the German formats, 07.12.2026, are Django's as they are)."""
