"""The English source of the pages every public body's site publishes: about the programme, the privacy notice
and the accessibility statement (`home.models.InformationPage`). Their translations are in home/content/<lang>.po.

The operator's details and the retention periods are not written here: blocks render them from the settings
(home/site_settings.py), so editors keep them in one place. The accessibility statement reports what the
project's own checks (tests/browser) cover and what they do not.
"""

import datetime

# When the privacy notice and the accessibility statement were last checked against the code and the tests.
REVIEWED = datetime.date(2026, 12, 7)

ABOUT = {
    "slug": "about",
    "title": "About the programme",
    "summary": "Where the Q-SER mentoring programme comes from, who made it, and what this hub adds.",
    "blocks": [
        (
            "section",
            {
                "heading": "The Q-SER programme",
                "body": (
                    "<p>The mentoring guides of this hub are adapted from a report of the Q-SER project, funded by the "
                    "Erasmus+ programme of the European Union. The project develops tools and services designed to "
                    "facilitate communication between municipal employees and the migrants and refugees they serve, with "
                    "a focus on empowering employees through their training and mentoring.</p>"
                ),
            },
        ),
        ("report_facts", None),
        (
            "section",
            {
                "heading": "What this hub adds",
                "body": (
                    "<p>The hub, its translations into Greek, Czech, German and Spanish, the fields of its form templates "
                    "and its examples are the hub’s own work, not the consortium’s. The report names the mentoring tools "
                    "of each stage; the fields of the forms were designed for this hub. Each page says where its content "
                    "comes from.</p>"
                ),
            },
        ),
    ],
}

PRIVACY = {
    "slug": "privacy",
    "title": "Privacy notice",
    "summary": "Which personal data the hub keeps, why, for how long, who receives it, and your rights.",
    "blocks": [
        (
            "section",
            {
                "heading": "Who is responsible for your data",
                "body": (
                    "<p>The organisation that runs this hub is the controller of the personal data it keeps. You can "
                    "reach it and its data protection officer here:</p>"
                ),
            },
        ),
        ("operator_details", None),
        (
            "section",
            {
                "heading": "What the hub keeps, and why",
                "body": (
                    "<ul>"
                    "<li><b>Your account</b>: user name, name, e-mail address, preferred language, department and roles, "
                    "and when you signed in. The hub needs it to let you sign in and show you what your role allows.</li>"
                    "<li><b>Mentoring relationships</b>: who mentors whom, in which department, the mentoring model, the "
                    "stage reached, and the calendar of sessions (dates, topics, places). They are needed to run the "
                    "programme.</li>"
                    "<li><b>Session notes and filled forms</b>: what you write in the forms, including session records and "
                    "the mentor’s diary, which only the mentor sees unless they share an entry; stage outputs, with the "
                    "reviewers’ decisions and comments.</li>"
                    "<li><b>Good practices</b>: what you submit, the contact you give and your attachments, with the "
                    "moderators’ decisions.</li>"
                    "<li><b>Security records</b>: failed sign-ins, to stop password guessing, and a log of who changed "
                    "what.</li>"
                    "</ul>"
                    "<p>Some of these data come from other people: coordinators enter relationships, departments and "
                    "roles, and mentors record sessions with their mentees.</p>"
                ),
            },
        ),
        (
            "section",
            {
                "heading": "Legal basis",
                "body": (
                    "<p>The operator processes these data to perform a task carried out in the public interest: training "
                    "and mentoring its staff (article 6(1)(e) of the General Data Protection Regulation). The hub makes no "
                    "decision about you by automated means.</p>"
                ),
            },
        ),
        (
            "section",
            {
                "heading": "Who receives your data",
                "body": (
                    "<p>Within the organisation, only the people your role brings you together with: your mentor or "
                    "mentees, your department’s reviewers and coordinators, and the editors who moderate practices. A "
                    "stage output goes to other departments only after its review; a practice is public once it is "
                    "published, without your contact. Outside the organisation, only the companies that host the hub "
                    "and send its e-mail for the operator. The hub uses no advertising, tracking or analytics "
                    "services.</p>"
                ),
            },
        ),
        (
            "section",
            {
                "heading": "How long the hub keeps your data",
                "body": (
                    "<p>The hub deletes data past these periods automatically, every day. Stage outputs published to "
                    "departments and published practices belong to the organisation’s records: they are kept, and when "
                    "an account is erased they show a pseudonym instead of the person.</p>"
                ),
            },
        ),
        ("retention_periods", None),
        (
            "section",
            {
                "heading": "Cookies",
                "body": (
                    "<p>The hub sets only cookies that are strictly necessary: <b>sessionid</b> keeps you signed in, "
                    "<b>csrftoken</b> protects forms against forgery, <b>django_language</b> remembers a language you "
                    "chose on a page without a language in its address, and <b>messages</b> carries a confirmation such "
                    "as “Draft saved” to the next page. The administration interface also remembers whether its side "
                    "menu is collapsed. No cookie is used to follow you.</p>"
                ),
            },
        ),
        (
            "section",
            {
                "heading": "Your rights",
                "body": (
                    "<p>You have the right to access your data, to have them corrected or erased, to restrict or object "
                    "to their processing, and to receive them in a portable format. Signed in, you can download "
                    'everything the hub keeps about you on the page <a href="../mentoring/my-data/">My data</a>. For '
                    "anything else, write to the operator or its data protection officer. You also have the right to "
                    "lodge a complaint with a supervisory authority:</p>"
                ),
            },
        ),
        ("complaint", None),
    ],
}

ACCESSIBILITY = {
    "slug": "accessibility",
    "title": "Accessibility statement",
    "summary": "How accessible this hub is, what is not yet accessible, and how to tell us about a problem.",
    "blocks": [
        (
            "section",
            {
                "heading": "Compliance status",
                "body": (
                    "<p>The operator is committed to making this hub accessible, in accordance with Directive (EU) "
                    "2016/2102. This statement applies to the public pages and the signed-in pages of the hub.</p>"
                    "<p>The hub is <b>partially compliant</b> with EN 301 549 and the Web Content Accessibility "
                    "Guidelines (WCAG) 2.1 level AA, because of the shortcomings listed below and because it has not yet "
                    "been audited by experts or tested with users of assistive technologies.</p>"
                ),
            },
        ),
        (
            "section",
            {
                "heading": "What is not yet accessible",
                "body": (
                    "<ul>"
                    "<li>The administration interface, where editors, moderators and translators work, is Wagtail’s. "
                    "The hub’s own tests do not check it; its accessibility relies on the Wagtail project’s work.</li>"
                    "<li>The Word documents of the forms and practices are not checked against the requirements for "
                    "documents (EN 301 549, chapter 10).</li>"
                    "<li>Attachments that staff upload with their practices are not checked.</li>"
                    "<li>The automated checks fail only on serious and critical problems; problems of lesser impact found "
                    "by axe-core are not yet reviewed.</li>"
                    "<li>The interactive documentation of the programming interface (API) is not checked.</li>"
                    "</ul>"
                ),
            },
        ),
        (
            "section",
            {
                "heading": "How this statement was prepared",
                "body": (
                    "<p>This statement is based on a self-assessment: the tests the project runs on every change, in a "
                    "real browser (Chromium).</p>"
                    "<ul>"
                    "<li>axe-core checks the WCAG 2.0 and 2.1 level A and AA rules, with no rule switched off, on every "
                    "kind of public page in English and Greek, including this statement, the privacy notice and the "
                    "About page, and on a form showing its errors in English and Czech.</li>"
                    "<li>Reflow: every kind of page, public and signed in, in German and Greek, and every published "
                    "practice in all five languages, must fit 320 and 640 CSS pixels without scrolling sideways.</li>"
                    "<li>Keyboard: the skip link, signing in, submitting a practice with errors announced, and filling "
                    "in and saving a form are done with the keyboard alone, with a visible focus.</li>"
                    "</ul>"
                    "<p>Automated tests find only part of the barriers a person may meet; they do not replace an "
                    "audit.</p>"
                ),
            },
        ),
        (
            "section",
            {
                "heading": "Feedback and contact",
                "body": (
                    "<p>If you meet a barrier on the hub, or need a page or document in an accessible format, write to "
                    "the address below. Say which page and what you were trying to do.</p>"
                ),
            },
        ),
        (
            "section",
            {
                "heading": "Enforcement procedure",
                "body": (
                    "<p>If you are not satisfied with the answer to your feedback or request, you can turn to the "
                    "enforcement body named below.</p>"
                ),
            },
        ),
        ("accessibility_contacts", None),
    ],
}

INFORMATION_PAGES = [ABOUT, PRIVACY, ACCESSIBILITY]
