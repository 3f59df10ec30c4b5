"""Keep the person's preferred language and Wagtail's admin preference one and the same.

The User field is what notifications read; Wagtail's admin reads its own UserProfile. Either side may
be edited (the account settings in the admin write the profile), so each save copies to the other
with a queryset update, which sends no further signal.
"""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.users.models import UserProfile


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def copy_language_to_admin_profile(sender, instance, **kwargs):
    profile, _created = UserProfile.objects.get_or_create(user=instance)
    if profile.preferred_language != instance.preferred_language:
        UserProfile.objects.filter(pk=profile.pk).update(preferred_language=instance.preferred_language)


@receiver(post_save, sender=UserProfile)
def copy_admin_language_to_user(sender, instance, **kwargs):
    user_model = instance.user.__class__
    user_model.objects.filter(pk=instance.user_id).exclude(preferred_language=instance.preferred_language).update(
        preferred_language=instance.preferred_language
    )
