"""The English source of the mentoring guides, adapted from the Q-SER report (IO3, Annex II, CC BY 4.0).

Each guide is (slug, title, summary, blocks); `home.streamdata.stream` gives the blocks stable ids.
"""

GUIDE_INDEX = {
    "slug": "guides",
    "title": "Mentoring guides",
    "search_description": "The Q-SER mentoring programme from its concepts to its five stages, in five chapters.",
    "introduction": (
        "Read the guides in order to go through the whole programme: what mentoring is, how Q-SER uses it, "
        "the mentoring models to choose from, the five stages of the mentoring process, and where to read further."
    ),
}


WHAT_MENTORING_IS = (
    "what-mentoring-is",
    "What mentoring is",
    "Where the word comes from, how mentoring is defined, and what it is for.",
    [
        (
            "callout",
            {
                "title": "Did you know?",
                "text": (
                    "<p>One of the first records of a “mentor” is found in Homer’s <i>The Odyssey</i>. A wise man named "
                    "Mentor is given the task of educating Odysseus’ son, Telemachus. When Odysseus went to fight in the "
                    "Trojan War, he entrusted the care of his kingdom and his son to Mentor, a wise and trusted counsellor.</p>"
                ),
            },
        ),
        (
            "section",
            {
                "heading": "Mentoring: concepts and meanings",
                "body": (
                    "<p>Mentoring is a practice that has been increasingly adopted in recent years to achieve support and "
                    "empowerment by transferring know-how and knowledge from experienced to less experienced people. "
                    "Nowadays, mentoring has become widely used in business in order to bridge the gap between the "
                    "educational process and real-world experience. Mentoring finds its application in many fields: "
                    "scientific, professional and educational.</p>"
                    "<p>Although there is no commonly accepted definition of mentoring, everyone seems to agree that it is a "
                    "collective process in which the members improve and gain benefits at a practical and a symbolic level. "
                    "Mentoring is defined as the relationship between an experienced (or more experienced) person, the "
                    "mentor, and a less experienced person, the mentee, which, through assistance and guidance, aims at the "
                    "personal, educational and professional development of the mentee (Haney, 1997).</p>"
                    "<p>The purpose of mentoring is to help individuals and groups manage their own learning, so as to make "
                    "the most of the perspectives and opportunities offered to them, develop their skills and improve their "
                    "performance.</p>"
                ),
            },
        ),
        (
            "section",
            {
                "heading": "Other ways of seeing mentoring",
                "body": (
                    "<p>Mentoring has also been seen as:</p>"
                    "<ul>"
                    "<li>a way to help new employees learn about organisational culture (Bierema, 1996);</li>"
                    "<li>a means to facilitate personal and career growth and development, and to expand opportunities for "
                    "those traditionally hampered by organisational barriers (Gunn, 1995);</li>"
                    "<li>support for individuals through opportunities to enhance cultural awareness, aesthetic appreciation, "
                    "and the potential to lead meaningful lives (Galbraith and Cohen, 1995).</li>"
                    "</ul>"
                ),
            },
        ),
        (
            "section",
            {
                "heading": "In conclusion",
                "body": (
                    "<p>Mentoring is a relationship of cooperation between two or more people who exchange experience, "
                    "opinions, information and practical advice on a particular area of education, employment or activity. "
                    "Within a framework of trust and respect, it aims to strengthen the professional, educational and "
                    "personal skills of everyone taking part.</p>"
                ),
            },
        ),
    ],
)

MENTORING_IN_QSER = (
    "mentoring-in-q-ser",
    "Mentoring in Q-SER",
    "Why municipal staff need mentoring, and the two Q-SER models: the Impact Circular Model and the Circular "
    "Cycle of Mentoring Model, with reverse mentoring.",
    [
        (
            "section",
            {
                "heading": "Why mentoring for staff who serve migrants and refugees",
                "body": (
                    "<p>The Q-SER programme aims to raise the awareness of civil servants, through training and mentoring, "
                    "about serving migrant and refugee populations. In the course of their work, employees of public bodies "
                    "and local authorities often deal with migrants’ requests concerning housing, social care and welfare, "
                    "health, education, and the bureaucracy of residence and work permits, certificates and so on. Migrants "
                    "face many problems in communicating with the host country’s institutions, because of language barriers "
                    "and cultural differences.</p>"
                    "<p>On the other hand, the employees who are asked to meet these requests are often not familiar with the "
                    "practices that solve such problems: they lack the appropriate training, tools or guidance. Add the "
                    "stereotypes and prejudices that both sides may hold, and further problems can arise while a request is "
                    "being served. These problems can become a barrier to communication, to cooperation and, indirectly, to "
                    "the social integration of migrants.</p>"
                    "<p>The Q-SER project develops tools and services designed to make communication between the two sides "
                    "easier, "
                    "with a focus on empowering municipal employees through training and mentoring. It develops two models "
                    "of mentoring services: the <b>Impact Circular Model</b> (IO3) and the <b>Circular Cycle of Mentoring "
                    "Model</b> (IO4).</p>"
                ),
            },
        ),
        (
            "section",
            {
                "heading": "The Impact Circular Model",
                "body": (
                    "<p>The Impact Circular Model targets change at the level of the organisation. It allows public "
                    "organisations and local authorities to:</p>"
                    "<ul>"
                    "<li>improve the organisational culture in one area (in our case, serving migrants);</li>"
                    "<li>improve the organisation’s communication tools and information, and adopt a common communication "
                    "strategy for serving migrants;</li>"
                    "<li>enable their staff to commit to serving all their clients to certain standards;</li>"
                    "<li>collect internal knowledge and know-how, and reuse or repurpose it;</li>"
                    "<li>manage knowledge and build a database, a repository of good practices and know-how (tacit "
                    "knowledge);</li>"
                    "<li>provide mentoring facilities and support structures to help their staff;</li>"
                    "<li>reuse information and transfer it to other departments.</li>"
                    "</ul>"
                ),
            },
        ),
        (
            "section",
            {
                "heading": "The Circular Cycle of Mentoring Model",
                "body": (
                    "<p>The Circular Cycle of Mentoring Model targets the actual staff of an organisation. It provides tools "
                    "and information that help them progress into mentors and acquire knowledge. The model allows staff to "
                    "interact so as to improve competences such as self-knowledge, communication skills, organisational "
                    "skills, intercultural communication, respect for human rights, and personal and professional "
                    "commitment.</p>"
                    "<p>Guided by their mentors, the mentees will be able to apply appropriate communication and collaboration "
                    "techniques with the migrants they meet, and to put into practice procedures that promote integration "
                    "and equal treatment. Their experience adds knowledge and skills that can turn them into future mentors "
                    "of other, less experienced colleagues: this is the circular cycle of mentoring. The procedure "
                    "promotes empowerment and focuses on rights, autonomy and participation, while reducing the risk of "
                    "social exclusion.</p>"
                    "<p>By becoming part of the Circular Cycle of Mentoring, a member of staff can:</p>"
                    "<ul>"
                    "<li>access the tacit knowledge of a more experienced colleague;</li>"
                    "<li>solidify their knowledge of how to serve and work with a migrant;</li>"
                    "<li>train to become a mentor or e-mentor in the organisation;</li>"
                    "<li>apply a work-based approach to learning and working;</li>"
                    "<li>transfer knowledge, as a mentor or e-mentor, to other staff in the organisation;</li>"
                    "<li>have access to good practices, questions and answers, and experienced staff;</li>"
                    "<li>contribute to the organisation’s commitment to serve its clients better, with advantages such as "
                    "fewer complaints.</li>"
                    "</ul>"
                    "<p>Mentoring can be a very useful tool for Q-SER: by applying these models, the organisation uses its human "
                    "resources and know-how to generate new knowledge and to streamline the way it serves groups with "
                    "specific characteristics, such as migrants and refugees.</p>"
                ),
            },
        ),
        (
            "section",
            {
                "heading": "Reverse mentoring in Q-SER",
                "body": (
                    "<p>There are many models of mentoring, depending on the purpose and needs of an organisation and its "
                    "staff. In the Q-SER project, during the implementation of IO4, the Circular Cycle of Mentoring Model, "
                    "it was considered appropriate to apply <b>reverse mentoring</b> "
                    '(<a href="#note-1" id="note-ref-1">note 1</a>).</p>'
                    "<p>Reverse mentoring is an efficient way to bridge generation gaps in organisations. It is the practice "
                    "of more senior staff consulting younger or less experienced staff for their wisdom and perspective. It "
                    "leads to significant insights and increased performance. It is also a great opportunity for younger "
                    "workers to connect with the organisation and to deepen their engagement and commitment "
                    '(<a href="#note-2" id="note-ref-2">note 2</a>).</p>'
                ),
            },
        ),
        (
            "source_note",
            {
                "marker": "1",
                "text": "<p>The mentor toolkit (n.d.), The Ohio State University, Human Resources.</p>",
                "language": "en",
            },
        ),
        (
            "source_note",
            {
                "marker": "2",
                "text": (
                    '<p>See also <a href="http://www.prmagazin.de/meinung-analyse/hintergrund/reverse-mentoring-112018.html">'
                    "Reverse Mentoring, prmagazin</a>.</p>"
                ),
            },
        ),
    ],
)

MENTORING_MODELS = (
    "mentoring-models",
    "Mentoring models",
    "The seven mentoring models, what each is good for, and the practical questions to answer before choosing.",
    [
        (
            "section",
            {
                "heading": "Choosing a model",
                "body": (
                    "<p>The mentoring process can follow different models. Many factors influence the choice of the "
                    "appropriate one, such as the goals and duration of a programme, the type of organisation, and the "
                    "particular characteristics of the parts of the organisation where mentoring will take place. Before "
                    "choosing a model, some practical questions should also be considered.</p>"
                ),
            },
        ),
        (
            "checklist",
            {
                "title": "Three practical questions",
                "items": [
                    "Where are the mentors and mentees located?",
                    "How do they feel about communicating electronically?",
                    "Are there enough mentors?",
                ],
            },
        ),
        (
            "section",
            {
                "heading": "Combining models",
                "body": (
                    "<p>It is common to combine different models, because the size or needs of one department or branch may "
                    "suit one model, while another model better suits the needs of another group in the organisation. For "
                    "example, where there are many candidate mentees but few potential mentors, group mentoring or "
                    "e-mentoring may work best. Departments or lines of business may be so different that each applies its "
                    "own mentoring method "
                    '(<a href="#note-3" id="note-ref-3">note 3</a>).</p>'
                    "<p>Some of the most appropriate and successful mentoring models are the following "
                    '(<a href="#note-4" id="note-ref-4">note 4</a>).</p>'
                ),
            },
        ),
        (
            "mentoring_models",
            {
                "models": [
                    {
                        "name": "One-on-one mentoring (dyads)",
                        "description": (
                            "<p>The most common, traditional model: one mentor is matched with one mentee.</p>"
                        ),
                        "when_it_fits": "When enough mentors are available and the mentee needs individual support.",
                        "strengths": (
                            "It can be the easiest model for an organisation to administer. It can create strong relationships "
                            "between mentors and mentees, and most people prefer it because it allows a personal relationship and gives the "
                            "mentee individual support."
                        ),
                        "limits": "The availability of mentors is its only limitation.",
                        "used_in_qser": True,
                    },
                    {
                        "name": "Group mentoring",
                        "description": (
                            "<p>One mentor works with four to six mentees at a time. The group meets once or twice a month to "
                            "discuss various topics. Combining senior and peer mentoring, the mentor and the peers help one "
                            "another learn and develop the appropriate skills and knowledge.</p>"
                        ),
                        "when_it_fits": "When there are fewer mentors than mentees.",
                        "strengths": "Mentees also gain insight from each other.",
                        "limits": (
                            "It is hard to schedule regular meetings for the whole group, and it lacks the personal "
                            "relationship most people prefer in mentoring. For this reason it is often combined with "
                            "one-on-one mentoring."
                        ),
                        "used_in_qser": True,
                    },
                    {
                        "name": "Peer mentoring",
                        "description": (
                            "<p>The mentor and the mentee are at more or less the same level, and they mentor each other.</p>"
                        ),
                        "when_it_fits": "When colleagues at the same level can learn from each other’s experience.",
                        "strengths": "",
                        "limits": "",
                        "used_in_qser": False,
                    },
                    {
                        "name": "Training-based mentoring",
                        "description": (
                            "<p>Tied directly to a training programme: a mentor is assigned to a mentee to help them develop "
                            "the specific skills taught in the programme.</p>"
                        ),
                        "when_it_fits": "Alongside a training programme.",
                        "strengths": "It reinforces the specific skills being taught.",
                        "limits": (
                            "It focuses on the subject at hand and does not help the mentee develop a broader set of skills."
                        ),
                        "used_in_qser": False,
                    },
                    {
                        "name": "Reverse mentoring",
                        "description": (
                            "<p>An efficient way to bridge generation gaps in organisations. Usually it is the practice of "
                            "more senior staff consulting younger or less experienced staff. It may also, less often, be "
                            "applied in the opposite direction, where a junior person mentors a more senior one (for example "
                            "about new technologies or new developments in the workplace).</p>"
                        ),
                        "when_it_fits": "When generations or levels of experience in a team need to learn from each other.",
                        "strengths": (
                            "It leads to significant insights and increased performance, and it is a great opportunity for "
                            "younger employees to connect with the organisation and deepen their engagement and commitment."
                        ),
                        "limits": "",
                        "used_in_qser": True,
                    },
                    {
                        "name": "Executive mentoring",
                        "description": (
                            "<p>A top-down model that may be the most effective way to create a mentoring culture and to "
                            "cultivate skills and knowledge throughout an organisation.</p>"
                        ),
                        "when_it_fits": "When senior management is preparing its succession.",
                        "strengths": (
                            "An effective succession-planning tool: it prevents the knowledge “brain drain” that would "
                            "otherwise happen when senior managers retire."
                        ),
                        "limits": "",
                        "used_in_qser": False,
                    },
                    {
                        "name": "E-mentoring",
                        "description": (
                            "<p>The mentor and the mentee “meet” over the internet, for example by e-mail, instant messaging, "
                            "Skype or Google’s tools.</p>"
                        ),
                        "when_it_fits": "When mentors and mentees are not in the same place.",
                        "strengths": "",
                        "limits": "",
                        "used_in_qser": False,
                    },
                ]
            },
        ),
        (
            "section",
            {
                "heading": "The models used in Q-SER",
                "body": (
                    "<p>In the Q-SER project, one-on-one mentoring (a mentor and a mentee), combined with group mentoring "
                    "(a mentor and mentees from the same workplace or department) and reverse mentoring, were judged "
                    "suitable for implementation.</p>"
                ),
            },
        ),
        (
            "source_note",
            {
                "marker": "3",
                "text": (
                    '<p><a href="https://www.insuranceinstitute.ca/fr/Mentoring/for-organizations/mentoring-models">'
                    "Mentoring models, Insurance Institute of Canada</a>.</p>"
                ),
            },
        ),
        (
            "source_note",
            {
                "marker": "4",
                "text": (
                    '<p><a href="https://www.management-mentors.com/about/corporate-mentoring-matters-blog/bid/30129/'
                    'Different-Types-Of-Business-Mentoring-Models">Different types of business mentoring models, '
                    "Management Mentors</a>.</p>"
                ),
            },
        ),
    ],
)

MENTORING_PROCESS = (
    "the-q-ser-mentoring-process",
    "The Q-SER mentoring process",
    "The five stages of a Q-SER mentoring relationship, with the objectives and the mentoring tools of each.",
    [
        (
            "section",
            {
                "heading": "A map for mentors",
                "body": (
                    "<p>This chapter outlines the stages and steps proposed for implementing the Q-SER mentoring models. It "
                    "is a brief and indicative map, a guide that mentors can use and adapt to the needs of their mentees "
                    "and of the process.</p>"
                ),
            },
        ),
        (
            "stage_timeline",
            {
                "stages": [
                    {
                        "number": 1,
                        "name": "Introduction",
                        "sessions": (
                            "Getting to know each other, setting rules, defining roles and drawing up the cooperation "
                            "agreement. The logistics of the programme."
                        ),
                        "objectives": [
                            "Creating and building a mentoring relationship: contract and commitment.",
                            "Establishing a climate of mutual trust.",
                            "Boosting the mentee’s interest.",
                            "Planning the flow of the programme with clear goals.",
                        ],
                        "tools": [
                            {"name": "Partnership Agreement / Mentoring Contract", "form": None},
                            {"name": "Stage 1: Mutual understanding", "form": None},
                            {"name": "Suggested calendar of mentoring sessions", "form": None},
                        ],
                    },
                    {
                        "number": 2,
                        "name": "Setting a plan",
                        "sessions": "Short- and long-term goals, needs analysis, time frame, tools and resources.",
                        "objectives": [
                            "Clear and measurable goals.",
                            "Mutual understanding and agreement.",
                            "Strategic targeting.",
                            "Selecting suitable methods and tools.",
                        ],
                        "tools": [
                            {"name": "Stage 2: Expectations and goals", "form": None},
                            {"name": "Suggested form for recording mentoring sessions", "form": None},
                        ],
                    },
                    {
                        "number": 3,
                        "name": "Working scenarios",
                        "sessions": (
                            "Creating and choosing working scenarios concerning communication and interaction with migrants."
                        ),
                        "objectives": ["Recording scenarios based on real cases."],
                        "tools": [{"name": "Form for recording working scenarios", "form": None}],
                    },
                    {
                        "number": 4,
                        "name": "Implementation",
                        "sessions": (
                            "Support during implementation, exchange of information and knowledge, feedback and assessment."
                        ),
                        "objectives": [
                            "Developing communication and cooperation skills in applying the selected scenarios.",
                            "Teamwork and problem solving.",
                            "Identifying opportunities and risks: SWOT analysis.",
                        ],
                        "tools": [
                            {"name": "Suggested form for recording mentoring sessions", "form": None},
                            {"name": "SWOT analysis", "form": None},
                            {
                                "name": "Mentor’s diary: the mentor may also keep personal notes to record the progress of the work",
                                "form": None,
                            },
                        ],
                    },
                    {
                        "number": 5,
                        "name": "Evaluation",
                        "sessions": (
                            "Evaluation and follow-up, transfer to other employees and departments, highlighting good "
                            "practices."
                        ),
                        "objectives": [
                            "Evaluating the practices applied.",
                            "Highlighting good practices.",
                            "Evaluating the mentoring relationship.",
                            "Proposals for further application in other departments of the organisation.",
                        ],
                        "tools": [{"name": "Evaluation of the mentoring process", "form": None}],
                    },
                ]
            },
        ),
    ],
)

REFERENCES = (
    "references-and-useful-links",
    "References and useful links",
    "Further reading on mentoring, and useful websites.",
    [
        (
            "section",
            {
                "heading": "References for further reading",
                "body": "<p>Studies and handbooks on mentoring that the report lists for further reading.</p>",
            },
        ),
        (
            "references",
            {
                "references": [
                    {
                        "citation": (
                            "<p>Allen, T. D., Eby, L. T., Poteet, M. L., Lentz, E., &amp; Lima, L. (2004). Career benefits "
                            "associated with mentoring for protégés: a meta-analysis. <i>Journal of Applied Psychology</i>, "
                            "89(1), 127–136.</p>"
                        ),
                        "doi": "10.1037/0021-9010.89.1.127",
                        "url": "",
                    },
                    {
                        "citation": (
                            "<p>Byington, T. (2010). Keys to successful mentoring relationships. <i>Journal of Extension</i>, "
                            "48(6).</p>"
                        ),
                        "doi": "",
                        "url": "https://www.joe.org/joe/2010december/tt8.php",
                    },
                    {
                        "citation": (
                            "<p>Detsky, A. S., &amp; Baerlocher, M. O. (2007). Academic mentoring: how to give it and how to "
                            "get it. <i>JAMA</i>, 297, 2134–2136.</p>"
                        ),
                        "doi": "",
                        "url": "",
                    },
                    {
                        "citation": (
                            "<p>Kutilek, L. M., &amp; Earnest, G. W. (2001). Supporting professional growth through mentoring "
                            "and coaching. <i>Journal of Extension</i>, 39(4), article 4RIB1.</p>"
                        ),
                        "doi": "",
                        "url": "http://www.joe.org/joe/2001august/rb1.php",
                    },
                    {
                        "citation": (
                            "<p>Ludwig, S., &amp; Stein, R. (2008). Anatomy of mentoring. <i>J Pediatr</i>, 152(2), "
                            "151–152.</p>"
                        ),
                        "doi": "",
                        "url": "",
                    },
                    {
                        "citation": (
                            "<p>Mincemoyer, C. C., &amp; Thomson, J. S. (1998). Establishing effective mentoring "
                            "relationships for individual and organizational success. <i>Journal of Extension</i>, 36(2), "
                            "article 2FEA2.</p>"
                        ),
                        "doi": "",
                        "url": "http://www.joe.org/joe/1998april/a2.php",
                    },
                    {
                        "citation": (
                            "<p>Podsen, I. J., &amp; Denmark, V. M. (2000). <i>Coaching and mentoring first-year and student "
                            "teachers</i>. Larchmont, NY: Eye on Education.</p>"
                        ),
                        "doi": "",
                        "url": "",
                    },
                    {
                        "citation": (
                            "<p>Starcevich, M. M. (n.d.). <i>Do you want to be a mentor? Mentoring partner’s handbook</i>. "
                            "Retrieved 15 December 2009.</p>"
                        ),
                        "doi": "",
                        "url": (
                            "http://www.gov.ns.ca/psc/pdf/InnovationGrowth/Mentor/Guide%20for%20Mentoring_Be%20a%20Mentor.pdf"
                        ),
                    },
                    {
                        "citation": (
                            "<p>Wilson, J., &amp; Elman, N. (1990). Organizational benefits of mentoring. <i>Academy of "
                            "Management Perspectives</i>, 4(4).</p>"
                        ),
                        "doi": "",
                        "url": "",
                    },
                ]
            },
        ),
        (
            "section",
            {
                "heading": "Useful links",
                "body": "<p>Websites on mentoring models and their benefits.</p>",
            },
        ),
        (
            "useful_links",
            {
                "links": [
                    {
                        "url": "https://www.management-mentors.com/resources/benefits-of-mentoring",
                        "description": "Management Mentors: the benefits of mentoring",
                    },
                    {
                        "url": "http://www.prmagazin.de/meinung-analyse/hintergrund/reverse-mentoring-112018.html",
                        "description": "prmagazin: reverse mentoring",
                    },
                    {
                        "url": "https://www.insuranceinstitute.ca/fr/Mentoring/for-organizations/mentoring-models",
                        "description": "Insurance Institute of Canada: mentoring models",
                    },
                    {
                        "url": (
                            "https://www.management-mentors.com/about/corporate-mentoring-matters-blog/bid/30129/"
                            "Different-Types-Of-Business-Mentoring-Models"
                        ),
                        "description": "Management Mentors: different types of business mentoring models",
                    },
                    {
                        "url": "http://www.emt.org/userfiles/DesignTraining.pdf",
                        "description": "EMT: designing training (PDF)",
                    },
                ]
            },
        ),
    ],
)

GUIDES = [WHAT_MENTORING_IS, MENTORING_IN_QSER, MENTORING_MODELS, MENTORING_PROCESS, REFERENCES]
