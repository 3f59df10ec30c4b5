"""Good practices at scale for measuring (`seed_scale`): each language's repository filled from its own
demo practices, so that filters, search and the API meet real text in every language; like them, examples from
fictional municipalities."""

from django.conf import settings
from taggit.models import Tag

from home.examples import fictional_municipality
from home.scale import bulk_add_children

from .content.demo_practices import DEMO_PRACTICES
from .pages import PracticeIndexPage, PracticePage, PracticePageTag
from .texts import paragraphs


def add_practices(count):
    """Published practices up to `count` in all, spread evenly over the languages; returns how many were added."""
    existing = PracticePage.objects.filter(slug__startswith="scale-").count()
    languages = [code for code, _name in settings.LANGUAGES]
    specs = {code: [spec for spec in DEMO_PRACTICES if spec["language"] == code] for code in languages}
    tags = {name: Tag.objects.get_or_create(name=name)[0] for name in _tag_names()}
    added = 0
    for position, code in enumerate(languages):
        index = PracticeIndexPage.objects.get(locale__language_code=code, alias_of__isnull=True)
        numbers = range(existing + position, count, len(languages))
        if not numbers:
            continue
        pages = [_practice(specs[code][number % len(specs[code])], number) for number in numbers]
        bulk_add_children(index, pages)
        PracticePageTag.objects.bulk_create(
            PracticePageTag(content_object=page, tag=tags[name])
            for page, number in zip(pages, numbers, strict=True)
            for name in _tags_of(specs[code][number % len(specs[code])], number)
        )
        added += len(pages)
    return added


def _practice(spec, number):
    return PracticePage(
        title=f"{spec['title']} ({number})",
        slug=f"scale-{number}",
        summary=spec["summary"],
        service_area=spec["service_area"],
        country=spec["country"],
        municipality=fictional_municipality(spec["country"], number, spec["language"]),
        department=spec["department"],
        stage=number % 5 + 1,
        **{name: paragraphs(spec[name]) for name in PracticePage.RICH_TEXT_FIELDS},
        contact=spec["contact"],
        is_example=True,
    )


def _tags_of(spec, number):
    return spec["tags"][: 1 + number % len(spec["tags"])]


def _tag_names():
    return {name for spec in DEMO_PRACTICES for name in spec["tags"]}
