"""A stage's objectives and mentoring tools as the guide lists them: read from the published guide page that holds
the five-stage timeline, in the reader's language (its translations are wagtail-localize's, like every guide), so
the stage page says what the report says, in the report's words, with the guide's credit."""

from django.utils.translation import get_language
from wagtail.models import Locale

from home.cache import public
from home.fragments import remembered
from home.models import GuidePage


def stage_from_guide(number, request=None):
    """{"stage": the block's value (number, name, sessions, objectives), "tools", "aids", "page", "attribution"}
    for stage `number`, from the guide in the active language (else English); None when no guide has it.

    The same for every reader: kept under the cache's generation, which publishing a guide renews
    (home/fragments.py)."""
    host = request.get_host() if request is not None else ""
    return remembered(
        "stage-guide", [number, get_language(), host], lambda: _stage_from_guide(number, request), request
    )


def _stage_from_guide(number, request):
    guides = public(GuidePage.objects.live()).select_related("locale").order_by("path")
    for locale_guides in (guides.filter(locale=Locale.get_active()), guides.filter(locale__language_code="en")):
        for page in locale_guides:
            for block in page.body:
                if block.block_type != "stage_timeline":
                    continue
                context = block.block.get_context(block.value, parent_context={"request": request})
                for item in context["stages"]:
                    if item["stage"]["number"] == number:
                        # Plain values, which the cache can keep (a block's value holds its block).
                        stage = item["stage"]
                        return {
                            **item,
                            "stage": {
                                "number": stage["number"],
                                "name": stage["name"],
                                "sessions": stage["sessions"],
                                "objectives": [str(objective) for objective in stage["objectives"]],
                            },
                            "page": page,
                            "attribution": page.attribution(page.locale.language_code),
                        }
    return None
