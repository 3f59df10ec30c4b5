"""Who runs this installation of the hub, and how long it keeps each kind of personal data.

The privacy notice and the accessibility statement render these values (their blocks in `blocks.py`), and
`apply_retention` (qser_site) deletes what is older than the periods. One operator per installation, so a
generic setting rather than one per site.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

# A retention period shorter than a month would delete a form while its author is still filling it in.
MINIMUM_RETENTION_DAYS = 30


def retention_field(verbose_name, default, help_text):
    return models.PositiveIntegerField(
        verbose_name, default=default, validators=[MinValueValidator(MINIMUM_RETENTION_DAYS)], help_text=help_text
    )


@register_setting(icon="info-circle")
class OperatorSettings(BaseGenericSetting):
    """The operator's details and the retention periods, kept by editors in the admin ("Settings")."""

    operator_name = models.CharField(_("operator's name"), max_length=255, blank=True)
    operator_address = models.TextField(_("operator's postal address"), blank=True)
    operator_email = models.EmailField(_("operator's e-mail address"), blank=True)
    dpo_name = models.CharField(
        _("data protection officer"), max_length=255, blank=True, help_text=_("A name or a role.")
    )
    dpo_email = models.EmailField(_("data protection officer's e-mail address"), blank=True)
    accessibility_email = models.EmailField(
        _("accessibility feedback address"),
        blank=True,
        help_text=_("Where readers report accessibility problems and ask for content in an accessible format."),
    )
    enforcement_body = models.CharField(
        _("enforcement body"),
        max_length=255,
        blank=True,
        help_text=_("The national body that enforces the Web Accessibility Directive in the operator's country."),
    )
    enforcement_url = models.URLField(_("enforcement body's web address"), blank=True)
    supervisory_authority = models.CharField(
        _("data protection supervisory authority"),
        max_length=255,
        blank=True,
        help_text=_("Where readers may lodge a complaint about the processing of their personal data."),
    )
    supervisory_authority_url = models.URLField(_("supervisory authority's web address"), blank=True)

    account_retention_days = retention_field(
        _("accounts: days after the last sign-in"),
        730,
        _(
            "An account nobody has signed in to for this long is erased (pseudonymised), unless it is in an active "
            "mentoring relationship or belongs to a superuser."
        ),
    )
    session_retention_days = retention_field(
        _("calendars of sessions: days after a session"),
        365,
        _("Sessions of relationships that have ended are deleted this long after their date."),
    )
    filled_form_retention_days = retention_field(
        _("filled forms: days after the last change"),
        1095,
        _("Filled forms not submitted as a stage output are deleted this long after their last change."),
    )
    practice_retention_days = retention_field(
        _("unpublished practice submissions: days after the last change"),
        365,
        _(
            "Practice submissions never published (declined or abandoned) are deleted this long after their last "
            "change, with their attachments."
        ),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("operator_name"), FieldPanel("operator_address"), FieldPanel("operator_email")],
            heading=_("Operator"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("dpo_name"),
                FieldPanel("dpo_email"),
                FieldPanel("supervisory_authority"),
                FieldPanel("supervisory_authority_url"),
            ],
            heading=_("Data protection"),
        ),
        MultiFieldPanel(
            [FieldPanel("accessibility_email"), FieldPanel("enforcement_body"), FieldPanel("enforcement_url")],
            heading=_("Accessibility"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("account_retention_days"),
                FieldPanel("session_retention_days"),
                FieldPanel("filled_form_retention_days"),
                FieldPanel("practice_retention_days"),
            ],
            heading=_("Retention of personal data"),
        ),
    ]

    class Meta:
        verbose_name = _("operator and privacy")

    def retention_periods(self):
        """(what is kept, days) in the order the privacy notice lists them."""
        return [
            (_("Accounts, after the last sign-in"), self.account_retention_days),
            (_("Calendars of sessions of ended relationships, after each session"), self.session_retention_days),
            (_("Filled forms not submitted as stage outputs, after the last change"), self.filled_form_retention_days),
            (_("Practice submissions never published, after the last change"), self.practice_retention_days),
        ]
