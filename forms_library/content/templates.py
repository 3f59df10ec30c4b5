"""The English source of the nine Q-SER form templates: the mentoring tools of the five stages.

Each template is a dict of page fields and a list of (block type, value) fields, given stable block
ids by `home.streamdata.stream` so that the PO files in home/content/ keep matching.

The report names the tools only; every field here is the hub's. `source_kind` and `source_name` say what in
the report each template answers to, in the report's own words (seed/qser-io3-annex-ii.txt, chapter 3),
verbatim: they are the one definition the pages, Word files and API state provenance from (provenance.py),
and migration 0003 backfilled existing pages from them. SWOT is an objective of stage 4, not a tool; the
diary is the notes the mentor "may also keep".
"""

FORM_INDEX = {
    "slug": "forms",
    "title": "Forms library",
    "search_description": "The mentoring tools of the five stages: fill them in online or print them as Word documents.",
    "introduction": (
        "Each stage of the Q-SER mentoring process has its tools. Fill them in online, save a draft and come back "
        "to it, or download a blank form as a Word document to print."
    ),
}


def field(label, name, help_text="", required=False, **extra):
    return {"label": label, "name": name, "help_text": help_text, "required": required, **extra}


def heading(text, intro=""):
    return ("section_heading", {"heading": text, "text": intro})


SIGNATURES = ("signatures", field("Signatures", "signatures", signatories=["Mentor", "Mentee"]))

PARTNERSHIP_AGREEMENT = {
    "slug": "partnership-agreement",
    "source_kind": "tool",
    "source_name": "Partnership Agreement / Mentoring Contract",
    "title": "Partnership Agreement / Mentoring Contract",
    "stage": 1,
    "purpose": (
        "<p>The agreement in which mentor and mentee set out their relationship: who takes part, what they want "
        "to achieve, how often they meet and how they treat what they share.</p>"
    ),
    "instructions": (
        "<p>Fill it in together at the first session. Both partners keep a signed copy; review it if the plan "
        "changes.</p>"
    ),
    "fields": [
        heading("The partners"),
        ("short_text", field("Mentor's name", "mentor_name", required=True)),
        ("short_text", field("Mentee's name", "mentee_name", "In group mentoring, list every mentee.", required=True)),
        ("short_text", field("Department", "department", required=True)),
        (
            "single_choice",
            field(
                "Mentoring model",
                "mentoring_model",
                required=True,
                choices=[
                    "One-on-one mentoring",
                    "Group mentoring",
                    "Peer mentoring",
                    "Training-based mentoring",
                    "Reverse mentoring",
                    "Executive mentoring",
                    "E-mentoring",
                ],
            ),
        ),
        heading("The plan"),
        (
            "long_text",
            field(
                "Goals of the mentoring relationship",
                "goals",
                "What should the mentee be able to do at the end?",
                required=True,
            ),
        ),
        ("date", field("Start date", "start_date", required=True)),
        ("short_text", field("Duration", "duration", "For example: six months.", required=True)),
        (
            "single_choice",
            field(
                "Meeting frequency",
                "meeting_frequency",
                required=True,
                choices=["Every week", "Every two weeks", "Every month", "As agreed at each session"],
            ),
        ),
        ("multiple_choice", field("How we meet", "meeting_format", choices=["In person", "Online", "By phone"])),
        heading("Our commitments"),
        (
            "long_text",
            field(
                "Confidentiality",
                "confidentiality",
                "What stays between the partners, and what may be shared with the department.",
                required=True,
            ),
        ),
        (
            "long_text",
            field(
                "Other rules we agree on", "ground_rules", "Punctuality, cancelling a session, how to give feedback."
            ),
        ),
        ("yes_no", field("Both partners may end the relationship after talking it over", "may_end", required=True)),
        SIGNATURES,
    ],
}

MUTUAL_UNDERSTANDING = {
    "slug": "mutual-understanding",
    "source_kind": "tool",
    "source_name": "Stage 1: Mutual understanding",
    "title": "Stage 1: Mutual understanding",
    "stage": 1,
    "purpose": (
        "<p>Mentor and mentee get to know each other: their experience, how they like to work and learn, and what "
        "each expects from the other. It builds the climate of mutual trust the relationship needs.</p>"
    ),
    "instructions": "<p>Each partner answers in their own words; then discuss the answers together.</p>",
    "fields": [
        ("date", field("Date of the session", "session_date", required=True)),
        heading("About the mentee"),
        ("long_text", field("Your role and your work with migrants and refugees", "mentee_role", required=True)),
        ("long_text", field("What works well for you when serving migrants", "mentee_strengths")),
        (
            "long_text",
            field(
                "Situations you find difficult",
                "mentee_difficulties",
                "Language, documents, cultural differences, emotions…",
            ),
        ),
        (
            "multiple_choice",
            field(
                "How you like to learn",
                "learning_styles",
                choices=[
                    "By watching others",
                    "By doing and getting feedback",
                    "By reading and reflecting",
                    "By discussing cases",
                ],
            ),
        ),
        heading("About the mentor"),
        ("long_text", field("Experience the mentor brings", "mentor_experience", required=True)),
        ("long_text", field("How the mentor can support the mentee", "mentor_support")),
        heading("Together"),
        ("long_text", field("What we expect from each other", "expectations", required=True)),
        (
            "rating_scale",
            field(
                "How motivated is the mentee to start?",
                "motivation",
                low_label="Not yet motivated",
                high_label="Very motivated",
            ),
        ),
    ],
}

CALENDAR = {
    "slug": "calendar-of-sessions",
    "source_kind": "tool",
    "source_name": "Suggested calendar of mentoring sessions",
    "title": "Suggested calendar of mentoring sessions",
    "stage": 1,
    "purpose": "<p>The plan of the programme's sessions: when and where they take place, and what each is about.</p>",
    "instructions": "<p>Plan the sessions of all five stages at the start; update the calendar when a date changes.</p>",
    "fields": [
        ("short_text", field("Mentoring relationship", "relationship", "Mentor and mentee(s).", required=True)),
        (
            "repeating_table",
            field(
                "Sessions",
                "sessions",
                "One row for each session.",
                required=True,
                columns=["Date", "Topic", "Place", "Format (in person / online)"],
                initial_rows=8,
            ),
        ),
        ("long_text", field("Notes", "notes")),
    ],
}

EXPECTATIONS_AND_GOALS = {
    "slug": "expectations-and-goals",
    "source_kind": "tool",
    "source_name": "Stage 2: Expectations and goals",
    "title": "Stage 2: Expectations and goals",
    "stage": 2,
    "purpose": (
        "<p>The plan of the relationship: clear and measurable goals, agreed by both partners, with the methods "
        "and tools that will be used to reach them.</p>"
    ),
    "instructions": "<p>Write goals that say what will change, by when, and how you will know.</p>",
    "fields": [
        ("long_text", field("Needs analysis: what the mentee needs to learn", "needs", required=True)),
        (
            "repeating_table",
            field(
                "Short-term goals",
                "short_term_goals",
                required=True,
                columns=["Goal", "How we will measure it", "By when"],
                initial_rows=3,
            ),
        ),
        (
            "repeating_table",
            field(
                "Long-term goals",
                "long_term_goals",
                columns=["Goal", "How we will measure it", "By when"],
                initial_rows=3,
            ),
        ),
        (
            "multiple_choice",
            field(
                "Methods and tools",
                "methods",
                choices=[
                    "Working scenarios from real cases",
                    "Observation at the service desk",
                    "Role play",
                    "Reading and training material",
                    "Feedback sessions",
                ],
            ),
        ),
        ("long_text", field("Resources needed", "resources", "Time, interpreters, material, a room…")),
        ("yes_no", field("Mentor and mentee agree on these goals", "agreed", required=True)),
    ],
}

SESSION_RECORD = {
    "slug": "session-record",
    "source_kind": "tool",
    "source_name": "Suggested form for recording mentoring sessions",
    "title": "Suggested form for recording mentoring sessions",
    "stage": 2,
    "also_in_stage": 4,
    "purpose": "<p>A short record of each mentoring session: what was discussed, what was agreed and what comes next.</p>",
    "instructions": "<p>Fill it in at the end of each session of stages 2 and 4. Keep it brief and concrete.</p>",
    "fields": [
        ("date", field("Date", "session_date", required=True)),
        ("number", field("Duration (minutes)", "duration_minutes", required=True)),
        ("short_text", field("Participants", "participants", required=True)),
        ("long_text", field("Topics discussed", "topics", required=True)),
        ("long_text", field("Agreed actions", "agreed_actions", "Who does what, by when.")),
        ("date", field("Next meeting", "next_meeting")),
        (
            "rating_scale",
            field("How useful was the session?", "usefulness", low_label="Not useful", high_label="Very useful"),
        ),
    ],
}

WORKING_SCENARIOS = {
    "slug": "working-scenarios",
    "source_kind": "tool",
    "source_name": "Form for recording working scenarios",
    "title": "Form for recording working scenarios",
    "stage": 3,
    "purpose": (
        "<p>A scenario based on a real case of communication and interaction with migrants, chosen to practise in "
        "the implementation stage.</p>"
    ),
    "instructions": "<p>Describe the case without names or details that could identify the people involved.</p>",
    "fields": [
        ("short_text", field("Title of the scenario", "scenario_title", required=True)),
        (
            "single_choice",
            field(
                "Service area",
                "service_area",
                choices=[
                    "Housing",
                    "Social care and welfare",
                    "Health",
                    "Education",
                    "Residence and work permits",
                    "Other",
                ],
            ),
        ),
        ("long_text", field("The real case", "real_case", "What happened, where and when.", required=True)),
        ("long_text", field("People involved", "people_involved", "Roles only, no names.", required=True)),
        (
            "multiple_choice",
            field(
                "Communication barriers",
                "barriers",
                choices=[
                    "Language",
                    "Cultural differences",
                    "Stereotypes and prejudice",
                    "Missing documents",
                    "Complex procedures",
                    "Emotional stress",
                ],
            ),
        ),
        ("long_text", field("Other barriers", "other_barriers")),
        ("long_text", field("Chosen approach", "approach", required=True)),
        ("long_text", field("Expected outcome", "expected_outcome", required=True)),
    ],
}

SWOT = {
    "slug": "swot-analysis",
    "source_kind": "objective",
    "source_name": "Identifying Opportunities and Risks - SWOT analysis",
    "title": "SWOT analysis",
    "stage": 4,
    "purpose": (
        "<p>Identifying opportunities and risks: the strengths and weaknesses of the mentee's practice, and the "
        "opportunities and threats around it.</p>"
    ),
    "instructions": "<p>Strengths and weaknesses are about the practice itself; opportunities and threats about its surroundings.</p>",
    "fields": [
        ("short_text", field("Practice or scenario analysed", "subject", required=True)),
        ("date", field("Date", "analysis_date")),
        (
            "swot_grid",
            field(
                "SWOT grid",
                "swot",
                required=True,
                strengths_label="Strengths",
                weaknesses_label="Weaknesses",
                opportunities_label="Opportunities",
                threats_label="Threats",
            ),
        ),
        ("long_text", field("What we will do next", "next_steps")),
    ],
}

MENTORS_DIARY = {
    "slug": "mentors-diary",
    "source_kind": "note",
    "source_name": "The mentor may also keep personal notes in the form of a diary to record the progress of the work",
    "title": "Mentor's diary",
    "stage": 4,
    "purpose": "<p>The mentor's personal notes on the progress of the work, entry by entry.</p>",
    "instructions": "<p>Write an entry after each session or whenever something worth remembering happens.</p>",
    "fields": [
        ("short_text", field("Mentee", "mentee", required=True)),
        (
            "repeating_table",
            field(
                "Entries",
                "entries",
                required=True,
                columns=["Date", "What happened", "What I noticed", "What to do next"],
                initial_rows=6,
            ),
        ),
        ("long_text", field("Reflections", "reflections", "What the mentoring has taught you as a mentor.")),
    ],
}

EVALUATION = {
    "slug": "evaluation",
    "source_kind": "tool",
    "source_name": "Evaluation of the mentoring process",
    "title": "Evaluation of the mentoring process",
    "stage": 5,
    "purpose": (
        "<p>The evaluation of the practices applied and of the mentoring relationship, the good practices worth "
        "highlighting, and proposals for other departments of the organisation.</p>"
    ),
    "instructions": "<p>Mentor and mentee fill it in separately, then discuss it in the last session.</p>",
    "fields": [
        ("single_choice", field("I fill it in as", "respondent_role", required=True, choices=["Mentor", "Mentee"])),
        heading("Ratings"),
        (
            "rating_scale",
            field(
                "The goals we set were reached",
                "goals_reached",
                required=True,
                low_label="Not at all",
                high_label="Completely",
            ),
        ),
        (
            "rating_scale",
            field(
                "The relationship was based on trust",
                "trust",
                required=True,
                low_label="Not at all",
                high_label="Completely",
            ),
        ),
        (
            "rating_scale",
            field(
                "Communication with migrants has improved",
                "communication_improved",
                required=True,
                low_label="Not at all",
                high_label="Very much",
            ),
        ),
        (
            "rating_scale",
            field("The tools of the programme were useful", "tools_useful", low_label="Not at all", high_label="Very"),
        ),
        heading("Open questions"),
        ("long_text", field("What worked best", "worked_best", required=True)),
        ("long_text", field("What should change", "should_change")),
        (
            "long_text",
            field(
                "Practices worth highlighting as good practices",
                "good_practices",
                "Each one briefly: the challenge, what was done, the result.",
            ),
        ),
        ("long_text", field("Proposals for other departments", "proposals")),
        ("yes_no", field("The mentee is ready to mentor other colleagues", "ready_to_mentor")),
    ],
}

FORM_TEMPLATES = [
    PARTNERSHIP_AGREEMENT,
    MUTUAL_UNDERSTANDING,
    CALENDAR,
    EXPECTATIONS_AND_GOALS,
    SESSION_RECORD,
    WORKING_SCENARIOS,
    SWOT,
    MENTORS_DIARY,
    EVALUATION,
]

# The tools named in the guide's five-stage timeline, and the form that is each of them.
TOOL_FORMS = {
    "Partnership Agreement / Mentoring Contract": "partnership-agreement",
    "Stage 1: Mutual understanding": "mutual-understanding",
    "Suggested calendar of mentoring sessions": "calendar-of-sessions",
    "Stage 2: Expectations and goals": "expectations-and-goals",
    "Suggested form for recording mentoring sessions": "session-record",
    "Form for recording working scenarios": "working-scenarios",
    "SWOT analysis": "swot-analysis",
    "Mentor’s diary: the mentor may also keep personal notes to record the progress of the work": "mentors-diary",
    "Evaluation of the mentoring process": "evaluation",
}
