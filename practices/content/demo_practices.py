"""Demo good practices, each written in its own language (setup_demo builds them, seed_scale copies them).

They are invented: every one comes from a fictional municipality that says it is fictional
(home/examples.py), and no real municipality, department, organisation or person is their author or subject.
Real countries, national schemes and languages remain as their setting."""

from home.examples import fictional_municipality

DEMO_PRACTICES = [
    # ------------------------------------------------------------------
    # English (published)
    # ------------------------------------------------------------------
    {
        "language": "en",
        "slug": "sms-reminders-community-health-villaluz",
        "title": "Multilingual SMS reminders for child vaccination appointments",
        "summary": (
            "A community health centre replaced phone-call reminders with short SMS "
            "messages in six languages, cutting missed vaccination appointments among "
            "newly arrived families by more than half."
        ),
        "service_area": "health",
        "country": "ES",
        "municipality": fictional_municipality("ES", 0, "en"),
        "department": "Municipal Health Service – North District Community Health Centre",
        "stage": 4,
        "challenge": (
            "Around a third of the families on our childhood vaccination list had arrived "
            "in Spain within the last two years, and many of them missed appointments "
            "without cancelling. Our reminder calls were made in Spanish during office "
            "hours, when parents were usually at work or could not follow a fast "
            "conversation on the phone.\n\n"
            "Every missed slot had to be rebooked by hand, and some children fell "
            "months behind the recommended vaccination calendar."
        ),
        "what_was_done": (
            "During the mentoring programme, our nursing team and a mentor from another "
            "district looked at who was missing appointments and why. We wrote a set of "
            "short reminder texts (date, time, address, what to bring and how to cancel) "
            "and had them checked by community interpreters in Arabic, French, English, "
            "Romanian, Wolof and Chinese. The booking system now records each family's "
            "preferred language and sends the SMS three days and again one day before "
            "the visit. A reply of 'NO' frees the slot automatically, so it can be "
            "offered to another family."
        ),
        "results": (
            "Over six months, missed vaccination appointments among families with a "
            "recorded preferred language fell from 27% to 11%. Reception staff estimate "
            "they save about four hours a week that used to go on reminder calls."
        ),
        "reuse": (
            "Any department that books appointments by phone can reuse the message "
            "templates: keep each text under 160 characters and have a native speaker "
            "check it before use. The hardest part was adding a 'preferred language' "
            "field to the booking system, so involve your IT unit early."
        ),
        "contact": "health.north@villaluz.example.org",
        "tags": ["health", "sms", "appointments", "interpreting"],
        "state": "published",
    },
    {
        "language": "en",
        "slug": "tenancy-agreement-walkthrough-lindenbrueck",
        "title": "One-page tenancy walkthrough for refugee households moving into their first flat",
        "summary": (
            "Before a lease is signed, housing caseworkers go through a one-page, "
            "plain-language summary of the tenancy agreement with each household, "
            "with the summary available in seven languages."
        ),
        "service_area": "housing",
        "country": "DE",
        "municipality": fictional_municipality("DE", 0, "en"),
        "department": "Social Welfare Office – Housing Unit",
        "stage": 3,
        "challenge": (
            "When refugee households moved from shared accommodation into their own "
            "flats, many signed tenancy agreements they could not fully read. Within the "
            "first year we saw the same problems again and again: unexpected utility "
            "back-payments, conflicts over house rules and quiet hours, and "
            "misunderstandings about the deposit and notice periods.\n\n"
            "Landlords who had one bad experience became reluctant to rent to our "
            "clients again."
        ),
        "what_was_done": (
            "We wrote a one-page summary of the standard tenancy agreement used in our town, "
            "in plain German, covering rent and service charges, the annual utility statement, the "
            "deposit, house rules, heating and ventilation, and how to give notice. It was "
            "translated into Arabic, Dari, Farsi, Russian, Ukrainian, Tigrinya and English. "
            "Caseworkers now book a 45-minute appointment before the lease is signed, go "
            "through the summary with the household and an interpreter, and mark any "
            "points where the actual contract differs. Both the household and the "
            "caseworker sign the sheet, and a copy goes to the landlord if the household "
            "agrees."
        ),
        "results": (
            "In the first year, 142 households received the walkthrough. Requests for "
            "emergency help with utility back-payments from these households were about "
            "half the previous year's level, and four housing associations have asked to "
            "hand out the summary themselves."
        ),
        "reuse": (
            "The template suits any department that helps people sign contracts they "
            "cannot easily read, such as energy supply or childcare agreements. Keep it "
            "to one page and update it whenever the standard contract changes."
        ),
        "contact": "housing.socialwelfare@lindenbrueck.example.org",
        "tags": ["housing", "tenancy", "plain language", "translation"],
        "state": "published",
    },
    # ------------------------------------------------------------------
    # Greek (published)
    # ------------------------------------------------------------------
    {
        "language": "el",
        "slug": "interpreter-phone-line-elaiopoli",
        "title": "Τηλεφωνική γραμμή διερμηνείας στο γραφείο στέγασης",
        "summary": (
            "Το γραφείο στέγασης του Δήμου Ελαιόπολης συνεργάζεται με τηλεφωνική γραμμή "
            "διερμηνείας, ώστε οι πρόσφυγες και οι μετανάστες να εξυπηρετούνται αμέσως "
            "στη γλώσσα τους, χωρίς να κλείνουν νέο ραντεβού."
        ),
        "service_area": "housing",
        "country": "GR",
        "municipality": fictional_municipality("GR", 0, "el"),
        "department": "Διεύθυνση Κοινωνικής Προστασίας – Γραφείο Στέγασης",
        "stage": 5,
        "challenge": (
            "Στο γραφείο στέγασης προσέρχονται κάθε εβδομάδα δεκάδες πρόσφυγες και "
            "μετανάστες που αναζητούν κατοικία ή έχουν πρόβλημα με τον ιδιοκτήτη τους. "
            "Οι περισσότεροι μιλούν αραβικά, φαρσί ή ουρντού, ενώ διερμηνέας ήταν "
            "διαθέσιμος μόνο δύο πρωινά την εβδομάδα.\n\n"
            "Συχνά οι υπάλληλοι κατέφευγαν σε συγγενείς ή ακόμη και σε ανήλικα παιδιά "
            "για τη μετάφραση, με αποτέλεσμα παρεξηγήσεις και επανειλημμένες επισκέψεις "
            "για το ίδιο ζήτημα."
        ),
        "what_was_done": (
            "Ο μέντορας του προγράμματος Q-SER βοήθησε την ομάδα να καταγράψει ποιες "
            "γλώσσες ζητούνται συχνότερα και σε ποιες ώρες. Στη συνέχεια ο Δήμος "
            "συνεργάστηκε με πάροχο τηλεφωνικής διερμηνείας, ο οποίος συνδέει τον "
            "υπάλληλο με διερμηνέα μέσα σε λίγα λεπτά. Στο γκισέ τοποθετήθηκε τηλέφωνο "
            "ανοιχτής ακρόασης και πινακίδα με τις διαθέσιμες γλώσσες, ώστε ο ενδιαφερόμενος "
            "να δείχνει απλώς τη δική του. Οι υπάλληλοι εκπαιδεύτηκαν στη σωστή χρήση "
            "της διερμηνείας και στην τήρηση του απορρήτου."
        ),
        "results": (
            "Μέσα σε έξι μήνες πραγματοποιήθηκαν 318 κλήσεις διερμηνείας, με μέσο χρόνο "
            "αναμονής κάτω από τρία λεπτά. Οι επαναλαμβανόμενες επισκέψεις για το ίδιο "
            "αίτημα μειώθηκαν περίπου κατά 40%, και κανένα παιδί δεν χρησιμοποιείται "
            "πλέον ως διερμηνέας."
        ),
        "reuse": (
            "Κάθε υπηρεσία με γκισέ εξυπηρέτησης μπορεί να εφαρμόσει την ίδια λύση με "
            "μικρό κόστος: αρκούν ένα τηλέφωνο ανοιχτής ακρόασης, μια πινακίδα με τις "
            "γλώσσες και μια σύντομη εκπαίδευση του προσωπικού. Το υπόδειγμα της "
            "σύμβασης με τον πάροχο διατίθεται από το γραφείο μας."
        ),
        "contact": "stegasi@elaiopoli.example.org",
        "tags": ["διερμηνεία", "στέγαση", "εξυπηρέτηση κοινού"],
        "state": "published",
    },
    {
        "language": "el",
        "slug": "joint-case-huddle-myrtopoli",
        "title": "Εβδομαδιαία κοινή συνάντηση Κέντρου Κοινότητας και ΚΕΜ για σύνθετες υποθέσεις",
        "summary": (
            "Κοινωνικοί λειτουργοί του Κέντρου Κοινότητας και του Κέντρου Ένταξης "
            "Μεταναστών εξετάζουν μαζί, μία φορά την εβδομάδα, τις πιο δύσκολες "
            "υποθέσεις, ώστε καμία οικογένεια να μη μένει χωρίς απάντηση."
        ),
        "service_area": "social_care",
        "country": "GR",
        "municipality": fictional_municipality("GR", 1, "el"),
        "department": "Διεύθυνση Κοινωνικής Πολιτικής – Κέντρο Ένταξης Μεταναστών",
        "stage": 2,
        "challenge": (
            "Πολλοί δικαιούχοι διεθνούς προστασίας που ζητούσαν το Ελάχιστο Εγγυημένο "
            "Εισόδημα ή επίδομα παιδιών πηγαινοέρχονταν ανάμεσα στο Κέντρο Κοινότητας "
            "και στο ΚΕΜ. Κάθε υπηρεσία θεωρούσε ότι η υπόθεση ανήκε στην άλλη, ενώ τα "
            "δικαιολογητικά που έλειπαν, όπως ο ΑΦΜ ή ο ΑΜΚΑ, απαιτούσαν ενέργειες και "
            "από τις δύο. Ορισμένες οικογένειες έμεναν μήνες χωρίς καμία ενίσχυση."
        ),
        "what_was_done": (
            "Στο δεύτερο στάδιο του προγράμματος, με την καθοδήγηση του μέντορά μας, "
            "καθιερώσαμε μια σταθερή συνάντηση 45 λεπτών κάθε Τρίτη πρωί. Κάθε υπηρεσία "
            "φέρνει έως πέντε υποθέσεις που έχουν «κολλήσει» και για καθεμία ορίζεται "
            "ένας υπεύθυνος υπάλληλος και η επόμενη ενέργεια. Τηρούμε κοινό πίνακα "
            "παρακολούθησης με κωδικούς αντί για ονόματα, σύμφωνα με τον ΓΚΠΔ."
        ),
        "results": (
            "Στους πρώτους τέσσερις μήνες συζητήθηκαν 61 υποθέσεις, από τις οποίες οι 49 "
            "ολοκληρώθηκαν με υποβολή αίτησης ή παραπομπή στον αρμόδιο φορέα. Ο μέσος "
            "χρόνος έως την υποβολή της αίτησης μειώθηκε από περίπου επτά σε τρεις "
            "εβδομάδες."
        ),
        "reuse": (
            "Η πρακτική ταιριάζει σε οποιεσδήποτε δύο υπηρεσίες μοιράζονται τους ίδιους "
            "ωφελούμενους, για παράδειγμα την κοινωνική υπηρεσία και τους παιδικούς "
            "σταθμούς. Το κλειδί είναι η σταθερή ώρα, το όριο υποθέσεων ανά συνάντηση "
            "και ένας συγκεκριμένος υπεύθυνος για κάθε υπόθεση."
        ),
        "contact": "kem@myrtopoli.example.org",
        "tags": ["συνεργασία υπηρεσιών", "επιδόματα", "διαχείριση υποθέσεων"],
        "state": "published",
    },
    # ------------------------------------------------------------------
    # Czech (published)
    # ------------------------------------------------------------------
    {
        "language": "cs",
        "slug": "peer-mentoring-school-enrolment-novy-hvozdov",
        "title": "Kruhy vrstevnického mentoringu pro pracovníky zápisu do základních škol",
        "summary": (
            "Úředníci odboru školství a zástupci škol v Novém Hvozdově se před zápisem a během "
            "něj pravidelně scházejí v malých skupinách a sjednocují postup při zápisu "
            "dětí cizinců."
        ),
        "service_area": "education",
        "country": "CZ",
        "municipality": fictional_municipality("CZ", 0, "cs"),
        "department": "Odbor školství, Městský úřad Nový Hvozdov",
        "stage": 4,
        "challenge": (
            "Od roku 2022 výrazně vzrostl počet dětí cizinců, zejména z Ukrajiny, které "
            "se zapisují do základních škol v Novém Hvozdově. Úředníci odboru i administrativa "
            "jednotlivých škol řešili tytéž otázky každý zvlášť: jaké doklady požadovat, "
            "jak postupovat u dětí bez trvalého pobytu nebo jak rodičům vysvětlit "
            "spádovost. Rodiče tak na různých místech dostávali rozdílné informace."
        ),
        "what_was_done": (
            "V rámci programu Q-SER jsme založili tři kruhy vrstevnického mentoringu po šesti "
            "až osmi lidech, v nichž se potkávají úředníci odboru se zástupci ředitelů a "
            "školní administrativou. Od ledna do května se kruhy scházejí jednou za dva "
            "týdny na hodinu a půl; pokaždé proberou jeden konkrétní případ z praxe a "
            "dohodnou společný postup. Závěry zapisujeme do sdíleného dokumentu s "
            "nejčastějšími otázkami, který průběžně doplňujeme. Setkání vedou střídavě "
            "zkušenější kolegové, takže nejde o další školení, ale o vzájemnou podporu."
        ),
        "results": (
            "Při dubnovém zápisu používaly všechny školy ve městě jednotný seznam "
            "požadovaných dokladů a počet stížností rodičů na rozporné informace klesl z "
            "jedenácti na dvě. Sdílený dokument dnes obsahuje přes 40 vyřešených "
            "modelových situací."
        ),
        "reuse": (
            "Kruhy vrstevnického mentoringu lze využít všude, kde stejnou agendu vyřizuje "
            "více pracovišť, například při přijímání do mateřských škol nebo u sociálních "
            "dávek. Doporučujeme stálou skupinu, pevné termíny a jednoho člověka, který "
            "vede zápis ze setkání."
        ),
        "contact": "skolstvi@novyhvozdov.example.org",
        "tags": ["zápis do škol", "mentoring", "děti cizinců"],
        "state": "published",
    },
    # ------------------------------------------------------------------
    # German (published)
    # ------------------------------------------------------------------
    {
        "language": "de",
        "slug": "checklist-residence-permit-renewal-erlenstadt",
        "title": "Checkliste für Termine zur Verlängerung des Aufenthaltstitels",
        "summary": (
            "Eine Checkliste, die automatisch mit der Terminbestätigung verschickt wird, "
            "sorgt dafür, dass Antragstellende vollständig vorbereitet zur Verlängerung "
            "ihres Aufenthaltstitels kommen."
        ),
        "service_area": "permits",
        "country": "DE",
        "municipality": fictional_municipality("DE", 1, "de"),
        "department": "Ordnungsamt – Ausländerbehörde",
        "stage": 5,
        "challenge": (
            "Bei fast der Hälfte der Verlängerungstermine fehlten Unterlagen, etwa ein "
            "aktueller Einkommensnachweis, der Mietvertrag oder ein biometrisches "
            "Passfoto. Die Termine mussten abgebrochen und neu vergeben werden, was die "
            "ohnehin langen Wartezeiten weiter verlängerte.\n\n"
            "Für die Betroffenen bedeutete das oft eine Fiktionsbescheinigung nach der "
            "anderen und Unsicherheit gegenüber dem Arbeitgeber."
        ),
        "what_was_done": (
            "Gemeinsam mit unserer Mentorin aus einer anderen Ausländerbehörde haben wir "
            "die zehn häufigsten Gründe für unvollständige Anträge ausgewertet. Daraus "
            "entstand eine einseitige Checkliste, gegliedert nach Aufenthaltszweck "
            "(Beschäftigung, Studium, Familiennachzug, humanitäre Gründe) und mit "
            "Abbildungen der wichtigsten Dokumente. Sie wird automatisch mit der "
            "Terminbestätigung verschickt, auf Deutsch und wahlweise auf Englisch, "
            "Arabisch, Türkisch oder Ukrainisch. Bei Erstverlängerungen ruft das "
            "Serviceteam zusätzlich zwei Wochen vor dem Termin kurz an."
        ),
        "results": (
            "Der Anteil der Termine mit unvollständigen Unterlagen sank innerhalb von "
            "acht Monaten von 46 % auf 18 %. Dadurch werden pro Woche rund 60 Termine "
            "zusätzlich frei."
        ),
        "reuse": (
            "Jede Behörde mit Terminvergabe kann das Vorgehen übernehmen: zuerst die "
            "häufigsten Gründe für Nachforderungen auszählen, dann eine kurze, nach "
            "Anliegen gegliederte Checkliste erstellen und mit der Terminbestätigung "
            "versenden. Unsere Vorlage stellen wir gern zur Verfügung."
        ),
        "contact": "auslaenderbehoerde@erlenstadt.example.org",
        "tags": ["aufenthaltstitel", "terminvorbereitung", "checkliste"],
        "state": "published",
    },
    {
        "language": "de",
        "slug": "pictogram-guide-registration-hagenwald",
        "title": "Piktogramm-Leitfaden für die Wohnsitzanmeldung",
        "summary": (
            "Ein Faltblatt mit Piktogrammen erklärt Schritt für Schritt, wie die "
            "Anmeldung im Bürgeramt abläuft – verständlich auch für Menschen mit "
            "geringen Deutschkenntnissen."
        ),
        "service_area": "other",
        "country": "DE",
        "municipality": fictional_municipality("DE", 2, "de"),
        "department": "Einwohneramt – Bürgeramt Mitte",
        "stage": 3,
        "challenge": (
            "Viele aus dem Ausland zugezogene Menschen kamen ohne "
            "Wohnungsgeberbestätigung oder mit dem falschen Formular ins Bürgeramt. "
            "Die Erklärungen am Schalter kosteten viel Zeit und wurden trotzdem oft "
            "nicht verstanden. Die vorhandenen mehrsprachigen Infoblätter deckten nicht "
            "alle Sprachen ab, und manche Kundinnen und Kunden können kaum lesen."
        ),
        "what_was_done": (
            "Im Mentoring-Tandem mit einem Kollegen aus dem Sozialamt haben wir ein "
            "Faltblatt mit sechs Schritten entwickelt: Termin buchen, "
            "Wohnungsgeberbestätigung beim Vermieter holen, Ausweisdokumente einpacken, "
            "Termin wahrnehmen, Meldebescheinigung entgegennehmen, Bescheinigung sicher "
            "aufbewahren. Jeder Schritt ist mit einem Piktogramm und wenigen Wörtern in "
            "Einfacher Sprache dargestellt. Vor dem Druck haben wir den Entwurf mit zwölf "
            "Teilnehmenden eines Integrationskurses getestet und drei Symbole "
            "überarbeitet. Das Faltblatt liegt in Gemeinschaftsunterkünften, bei "
            "Migrationsberatungsstellen und am Infotresen aus."
        ),
        "results": (
            "Der Anteil der Vorsprachen ohne Wohnungsgeberbestätigung ging in den ersten "
            "drei Monaten von etwa 30 % auf 12 % zurück. Die Beschäftigten am Infotresen "
            "berichten von deutlich kürzeren Erklärgesprächen."
        ),
        "reuse": (
            "Das Prinzip lässt sich auf jede Dienstleistung mit festem Ablauf übertragen, "
            "etwa die Beantragung eines Personalausweises oder die Vormerkung für einen "
            "Kita-Platz. Entscheidend ist der Test mit der Zielgruppe vor dem Druck; die "
            "Piktogramme geben wir auf Anfrage weiter."
        ),
        "contact": "buergeramt.mitte@hagenwald.example.org",
        "tags": ["anmeldung", "piktogramme", "einfache sprache"],
        "state": "published",
    },
    # ------------------------------------------------------------------
    # Spanish (published)
    # ------------------------------------------------------------------
    {
        "language": "es",
        "slug": "informe-arraigo-cita-acompanada-puerto-almendro",
        "title": "Revisión previa de la documentación para el informe municipal de arraigo",
        "summary": (
            "El servicio municipal revisa por teléfono la documentación antes de la cita "
            "para el informe de arraigo, de modo que las personas solicitantes llegan con "
            "todo preparado y el informe se tramita en una sola visita."
        ),
        "service_area": "permits",
        "country": "ES",
        "municipality": fictional_municipality("ES", 1, "es"),
        "department": "Servicio Municipal de Atención a la Inmigración",
        "stage": 4,
        "challenge": (
            "El informe de arraigo que emite el ayuntamiento es imprescindible para que "
            "muchas personas extranjeras puedan regularizar su situación, pero más de la "
            "mitad de las solicitudes llegaban incompletas. Solía faltar el certificado "
            "de empadronamiento histórico o la documentación sobre vínculos familiares, "
            "y cada requerimiento retrasaba el informe varias semanas.\n\n"
            "Las personas afectadas tenían que volver a pedir permiso en el trabajo o "
            "desplazarse de nuevo desde otros barrios."
        ),
        "what_was_done": (
            "Dentro del programa de mentoría Q-SER, y con el apoyo de una mentora de otro "
            "ayuntamiento, rediseñamos la cita previa. Ahora, al reservar la cita, la "
            "persona recibe una lista de documentos adaptada a su caso y, una semana "
            "antes, una técnica del servicio la llama para repasar qué tiene y qué le "
            "falta, con mediación intercultural en árabe, wólof, urdu o francés cuando "
            "hace falta. Además, el certificado de empadronamiento histórico se solicita "
            "de oficio al Padrón municipal, sin que la persona tenga que pedirlo."
        ),
        "results": (
            "En el primer semestre, el 84 % de los informes se tramitó en una sola visita, "
            "frente al 41 % del año anterior. El plazo medio de emisión bajó de 38 a 15 "
            "días."
        ),
        "reuse": (
            "Cualquier servicio que emita informes o certificados con muchos requisitos "
            "puede adoptar la llamada de revisión previa y la consulta de oficio a otros "
            "registros municipales. Conviene empezar analizando los motivos de "
            "requerimiento más frecuentes de los últimos meses."
        ),
        "contact": "inmigracion@puertoalmendro.example.org",
        "tags": ["extranjería", "arraigo", "cita previa", "mentoría"],
        "state": "published",
    },
    # ------------------------------------------------------------------
    # Spanish (in moderation)
    # ------------------------------------------------------------------
    {
        "language": "es",
        "slug": "primera-semana-acompanada-servicios-sociales-olmedal",
        "title": "Primera semana acompañada para profesionales que se incorporan al centro de servicios sociales",
        "summary": (
            "Cada trabajadora o trabajador social que se incorpora al centro pasa su "
            "primera semana en pareja con una compañera con experiencia en la atención a "
            "personas migrantes y refugiadas."
        ),
        "service_area": "social_care",
        "country": "ES",
        "municipality": fictional_municipality("ES", 2, "es"),
        "department": "Centro de Servicios Sociales Comunitarios Zona Norte",
        "stage": 1,
        "challenge": (
            "En nuestro centro hay mucha rotación: el último año se incorporaron cinco "
            "profesionales con contrato temporal, la mayoría sin experiencia previa con "
            "población migrante. Desde el primer día atendían solos casos complejos, como "
            "el empadronamiento sin domicilio fijo, el acceso al ingreso mínimo vital sin "
            "NIE o las solicitudes de protección internacional, y se producían "
            "derivaciones erróneas y retrasos."
        ),
        "what_was_done": (
            "Organizamos una primera semana acompañada: la persona recién incorporada "
            "comparte agenda con una compañera veterana, observa las entrevistas los dos "
            "primeros días y, a partir del tercero, las conduce ella con la compañera "
            "presente. Al final de cada jornada dedican media hora a repasar los casos y "
            "una guía breve de recursos del barrio (entidades sociales, mediación "
            "intercultural, asesoría jurídica). Después, la pareja mantiene una reunión "
            "quincenal de mentoría durante los tres primeros meses."
        ),
        "results": (
            "Las tres profesionales que se han incorporado con este sistema no han tenido "
            "ninguna derivación devuelta por error y valoran la experiencia con una media "
            "de 9 sobre 10. Todavía estamos recogiendo datos sobre los tiempos de respuesta."
        ),
        "reuse": (
            "Puede aplicarse en cualquier servicio de atención directa con rotación de "
            "personal; basta con reducir la agenda de la persona veterana durante esa "
            "semana. Compartimos la guía de recursos como plantilla para adaptarla a "
            "cada zona."
        ),
        "contact": "ss.zonanorte@olmedal.example.org",
        "tags": ["acogida de personal", "mentoría", "trabajo social"],
        "state": "in_moderation",
    },
    # ------------------------------------------------------------------
    # Greek (changes requested)
    # ------------------------------------------------------------------
    {
        "language": "el",
        "slug": "multilingual-leaflet-nurseries-anemopoli",
        "title": "Πολύγλωσσο φυλλάδιο για την εγγραφή στους παιδικούς σταθμούς",
        "summary": (
            "Σύντομο φυλλάδιο σε πέντε γλώσσες εξηγεί στους γονείς πρόσφυγες και "
            "μετανάστες τα βήματα και τα δικαιολογητικά για την εγγραφή στους δημοτικούς "
            "παιδικούς σταθμούς."
        ),
        "service_area": "education",
        "country": "GR",
        "municipality": fictional_municipality("GR", 2, "el"),
        "department": "Τμήμα Παιδικών και Βρεφονηπιακών Σταθμών",
        "stage": 3,
        "challenge": (
            "Οι αιτήσεις για τους δημοτικούς παιδικούς σταθμούς υποβάλλονται "
            "ηλεκτρονικά, μέσα σε συγκεκριμένη προθεσμία κάθε καλοκαίρι. Πολλές "
            "οικογένειες προσφύγων δεν γνώριζαν την προθεσμία ή δεν είχαν έτοιμα τα "
            "δικαιολογητικά, όπως βεβαίωση εργασίας ή βιβλιάριο εμβολίων, και έχαναν "
            "τη θέση."
        ),
        "what_was_done": (
            "Συντάξαμε φυλλάδιο τεσσάρων σελίδων με τα βήματα της αίτησης, τις "
            "ημερομηνίες και τα δικαιολογητικά, στα ελληνικά, αγγλικά, αραβικά, φαρσί "
            "και γαλλικά. Το φυλλάδιο μοιράστηκε στο ΚΕΜ, στο Κέντρο Κοινότητας και στις "
            "δομές φιλοξενίας της περιοχής. Ο μέντορας της ομάδας πρότεινε να "
            "οργανωθούν και ραντεβού υποστήριξης για την ηλεκτρονική αίτηση, κάτι που "
            "δεν έχει γίνει ακόμη."
        ),
        "results": (
            "Φέτος υποβλήθηκαν περισσότερες αιτήσεις από οικογένειες προσφύγων σε σχέση "
            "με πέρσι, αλλά δεν έχουμε ακόμη ακριβή στοιχεία."
        ),
        "reuse": (
            "Άλλοι δήμοι μπορούν να προσαρμόσουν το φυλλάδιο αλλάζοντας τις ημερομηνίες και τα στοιχεία επικοινωνίας."
        ),
        "contact": "paidikoi.stathmoi@anemopoli.example.org",
        "tags": ["παιδικοί σταθμοί", "εγγραφές", "πολύγλωσσο υλικό"],
        "state": "changes_requested",
    },
]
