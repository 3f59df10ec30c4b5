"""A session's repetition as RFC 5545 has it: an RRULE value and its EXDATEs, parsed, checked and expanded by
python-dateutil (the feed writes the same values back with icalendar's vRecur). Nothing here is hand-parsed.

Occurrences keep their wall-clock time in the session's own zone (the zone of its department's country): a
group that meets at 15:00 in Athens still meets at 15:00 after the clocks change."""

import datetime
import re
import zoneinfo

from dateutil.rrule import rrulestr
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from icalendar import vRecur

# A rule must end (COUNT or UNTIL) and stay within this many meetings: a programme runs for months, not forever,
# and the calendar, the feed and the reminders expand it whole.
MAX_OCCURRENCES = 120
# Sessions are planned in this century; the earliest dates cannot even be stored in UTC, and a series must be
# expandable without overflowing a date.
EARLIEST = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
LATEST = datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC)
# An RRULE value is one content line of names, numbers, signs and separators: no second line (an RDATE, another
# rule) can ride along.
RRULE_VALUE = re.compile(r"[A-Za-z0-9=;,+-]{1,255}")


def rule_set(start, rrule, exdates=(), zone="UTC"):
    """The rruleset of a session starting at `start` (aware), in `zone`; `rrule` is an RRULE value without its
    "RRULE:" name (FREQ=WEEKLY;COUNT=6), `exdates` aware datetimes (or ISO strings) of cancelled meetings."""
    local_start = start.astimezone(zoneinfo.ZoneInfo(zone))
    try:
        if not RRULE_VALUE.fullmatch(rrule):
            raise ValueError(rrule)
        rules = rrulestr(f"RRULE:{rrule}", dtstart=local_start, forceset=True)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as error:
        raise ValidationError(
            _("This repetition rule is not one of RFC 5545 (for example FREQ=WEEKLY;INTERVAL=2;COUNT=6)."),
            code="invalid_rrule",
        ) from error
    for exdate in exdates:
        rules.exdate(as_datetime(exdate))
    return rules


def as_datetime(value):
    return datetime.datetime.fromisoformat(value) if isinstance(value, str) else value


def validate_rule(start, rrule, zone="UTC"):
    """A bounded rule: it ends (COUNT or UNTIL) within MAX_OCCURRENCES meetings; otherwise a translated error."""
    rules = rule_set(start, rrule, zone=zone)
    try:
        parts = vRecur.from_ical(rrule)
    except (ValueError, TypeError, KeyError, IndexError) as error:
        raise ValidationError(
            _("This repetition rule is not one of RFC 5545 (for example FREQ=WEEKLY;INTERVAL=2;COUNT=6)."),
            code="invalid_rrule",
        ) from error
    if "COUNT" not in parts and "UNTIL" not in parts:
        raise ValidationError(
            _("A repetition must end: give COUNT (how many meetings) or UNTIL (the last date)."), code="unbounded"
        )
    count = 0
    for occurrence in _expanded(rules):
        count += 1
        if occurrence >= LATEST:
            raise ValidationError(_("A repetition must end before the year 2100."), code="too_late")
        if count > MAX_OCCURRENCES:
            message = ngettext(
                "A repetition may have at most %(max)d meeting.",
                "A repetition may have at most %(max)d meetings.",
                MAX_OCCURRENCES,
            )
            raise ValidationError(message % {"max": MAX_OCCURRENCES}, code="too_many")
    if count == 0:
        raise ValidationError(_("This repetition rule gives no meeting."), code="empty")


def _expanded(rules):
    """The meetings of a rule set, a date beyond the calendar (year 10000) ending them as an invalid rule."""
    try:
        yield from rules
    except (ValueError, OverflowError) as error:
        raise ValidationError(
            _("This repetition rule is not one of RFC 5545 (for example FREQ=WEEKLY;INTERVAL=2;COUNT=6)."),
            code="invalid_rrule",
        ) from error


def occurrences(start, rrule="", exdates=(), zone="UTC", after=None, before=None):
    """The start of each meeting (aware, in UTC), optionally those in [after, before)."""
    if not rrule:
        starts = [start] if start not in {as_datetime(exdate) for exdate in exdates} else []
    else:
        starts = list(rule_set(start, rrule, exdates, zone))
    result = []
    for moment in starts:
        moment = moment.astimezone(datetime.UTC)
        if (after is None or moment >= after) and (before is None or moment < before):
            result.append(moment)
    return result
