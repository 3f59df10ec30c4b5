"""The forms library and its nine templates, built by `setup_demo` (idempotently)."""

from home.models import GuidePage
from home.streamdata import stream

from .content.templates import FORM_INDEX, FORM_TEMPLATES, TOOL_FORMS
from .pages import FormIndexPage, FormTemplatePage


def build_forms(home):
    index = FormIndexPage.objects.child_of(home).first()
    if index is None:
        index = FormIndexPage(show_in_menus=True, locale=home.locale, **FORM_INDEX)
        home.add_child(instance=index)
        index.save_revision().publish()
    existing = {page.slug: page for page in FormTemplatePage.objects.child_of(index)}
    for spec in FORM_TEMPLATES:
        if spec["slug"] in existing:
            continue
        page = FormTemplatePage(
            locale=home.locale,
            slug=spec["slug"],
            title=spec["title"],
            stage=spec["stage"],
            also_in_stage=spec.get("also_in_stage"),
            source_kind=spec["source_kind"],
            source_name=spec["source_name"],
            purpose=spec["purpose"],
            instructions=spec["instructions"],
            fields=stream(f"forms/{spec['slug']}", spec["fields"]),
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        existing[page.slug] = page
    link_guide_tools(home, existing)
    return index


def link_guide_tools(home, forms_by_slug):
    """Point the mentoring tools of the guide's timeline at their form templates."""
    for guide in GuidePage.objects.descendant_of(home).filter(locale=home.locale):
        raw = guide.body.get_prep_value()
        changed = False
        for block in raw:
            if block["type"] != "stage_timeline":
                continue
            for stage in block["value"]["stages"]:
                for tool in stage["value"]["tools"]:
                    form = forms_by_slug.get(TOOL_FORMS.get(tool["value"]["name"]))
                    if form and tool["value"].get("form") != form.pk:
                        tool["value"]["form"] = form.pk
                        changed = True
        if changed:
            guide.body = raw
            guide.save_revision().publish()
