from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail_localize.models import Translation

from . import moderation
from .pages import PracticePage
from .permissions import without_private_practices
from .signals import DECLINED


@hooks.register("register_log_actions")
def register_log_actions(actions):
    @actions.register_action(DECLINED)
    class DeclinedFormatter(LogFormatter):
        label = _("Reject for good")
        message = _("Rejected: the practice will not be published")

        def format_comment(self, log_entry):
            return log_entry.data.get("comment", "")


# A practice's translation, in wagtail-localize's editor. Its only way to save is "Publish in <language>", which
# would publish past the moderation; for a practice that button sends the translation to the moderators
# instead (moderation.submit_translation). Registered ahead of wagtail-localize's own hook, which then renders
# its editor with the page marked here (permissions.py reads the mark).
@hooks.register("before_edit_page", order=-1)
def send_practice_translations_to_moderation(request, page):
    if not isinstance(page, PracticePage):
        return None
    translation = Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).first()
    if translation is None:
        return None
    if request.method == "POST" and request.POST.get("action") == "publish":
        moderation.submit_translation(user=request.user, page=page, translation=translation)
        messages.success(
            request, _("The translation was sent to the moderators: it is published when they approve it.")
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    page.publish_sends_to_moderation = True
    if request.method == "GET":
        messages.info(
            request, _("A practice's translation is published by its moderators: “Publish” sends it to them.")
        )
    return None


# Wagtail's page chooser lists every page, drafts included, to whoever has the admin: not the practices a
# user may not see (permissions.py).
@hooks.register("construct_page_chooser_queryset")
def hide_private_practices_from_the_chooser(pages, request):
    return without_private_practices(pages, request.user)
