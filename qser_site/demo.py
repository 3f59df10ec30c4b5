"""The demo site's parts, built from each app's own builders (`<app>/demo.py`); `setup_demo` and the tests'
factories use them."""

from forms_library import demo as forms_demo
from home import demo as home_demo
from practices import demo as practices_demo


def build_site_content():
    """The pages a new install gets: five locales, the home page, the guides, the forms library with its nine
    templates and the repository of practices, the about, privacy and accessibility pages, all translated from the PO files. No people, relationships or
    practices."""
    source_locale = home_demo.build_locales()
    home = home_demo.build_home(source_locale)
    home_demo.build_guides(home)
    forms_demo.build_forms(home)
    practices_demo.build_repository(home)
    home_demo.build_information_pages(home)
    home_demo.translate_site(home)
    return home
