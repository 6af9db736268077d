//! Plain phrasing read right: an offer's hours, what it says it is not or will not do, whom
//! only it takes; a flatmate, what is awaited, a loan given back, a gift that no shop meets;
//! and the kinds of help of care (a guide, a carers' group, an adapted vehicle).

use super::*;

#[test]
fn a_clock_time_names_its_part_of_the_day() {
    let evenings = "Je monte vos meubles en kit (IKEA, Conforama, etc.) avec mes propres outils. En semaine seulement, à partir de 18h, pas le week-end.";
    assert!(!fits("Je suis dispo uniquement le matin : qqn pourrait m'aider à monter un lit IKEA mardi ?", evenings));
    assert!(fits("Qqn pourrait m'aider à monter une armoire IKEA mardi en fin de journée ?", evenings));
    // Until an hour holds the hours before it; a commuter leaves and comes back.
    let after_school =
        "Je récupère vos enfants à la sortie de l'école et je les garde chez moi jusqu'à 19h en semaine.";
    assert!(fits("Qqn pour aller chercher mon fils à l'école à 16h30 et le garder un peu ?", after_school));
    let commuter = "Je fais Vichy → Clermont-Ferrand du lundi au vendredi (je bosse à la Pardieu), départ 7h15, retour vers 17h30.";
    assert!(fits_in(
        "Qqn fait la route vers Clermont-Ferrand le matin ? Je commence un stage lundi.",
        commuter,
        "Vichy"
    ));
    assert!(!fits("Qqn pour garder mon fils le matin pendant les vacances ?", after_school));
    // A request's own hours are its author's (a flight, a shift): they say no time asked.
    let evenings_only = "Je peux emmener qqn à l'aéroport, le soir uniquement.";
    assert!(fits("J'ai un vol à 6h15, qqn pourrait m'y déposer à l'aéroport vers 4h45 ?", evenings_only));
}

#[test]
fn what_an_offer_says_it_is_not_is_turned_down() {
    // "Non" before a term, or inside it, denies it.
    let plain = "Traduction de documents de l'arabe vers le français. Attention : traduction non assermentée, pas valable pour la préfecture.";
    assert!(!fits(
        "La préfecture me demande une traduction assermentée de mon diplôme en arabe. Qqn peut la faire ?",
        plain
    ));
    assert!(!fits("Besoin d'un traducteur assermenté pour l'arabe", "Traductions de l'arabe, non assermentées."));
    assert!(fits("Qqn pourrait traduire une lettre en arabe pour ma voisine ?", plain));
    // ("Non francophones, à partir du niveau A2" denies no level.)
    let conversation = "Conversation en français en visio pour adultes non francophones, à partir du niveau A2.";
    assert!(fits("My French is around B1, looking for someone to just talk with in French online.", conversation));
    // An offer may turn down going with someone.
    let lawyer =
        "Juriste en droit du travail, je réponds à vos questions par téléphone. Je n'accompagne pas aux prud'hommes.";
    assert!(!fits("J'ai peur d'aller aux prud'hommes seul, qqn pourrait m'accompagner à l'audience ?", lawyer));
    assert!(fits("Mon patron ne me paie pas mes heures sup, qqn s'y connaît en droit du travail ?", lawyer));
}

#[test]
fn a_level_and_a_procedure_are_variants() {
    let intermediate =
        "Cours de FLE en petit groupe le soir pour adultes de niveau A2-B1. Pas de grands débutants pour l'instant.";
    assert!(!fits(
        "Je connais seulement « bonjour » en français, je cherche des cours le soir pour commencer de zéro.",
        intermediate
    ));
    assert!(fits("Je cherche des cours de français le soir, j'ai un niveau A2 à l'oral.", intermediate));
    let permits =
        "Je donne un coup de main pour les dossiers de titre de séjour. Je ne m'occupe pas des demandes d'asile.";
    assert!(!fits("Mon cousin veut demander l'asile, qqn sait remplir le dossier OFPRA ?", permits));
    assert!(fits("Qqn pour m'aider à renouveler mon titre de séjour ?", permits));
}

#[test]
fn a_proofreader_is_no_tutor_for_a_pupil() {
    let proofreader =
        "Je corrige par mail vos lettres de motivation et courriers formels en français (orthographe, tournures, ton).";
    assert!(!fits(
        "Qqn pourrait aider mon fils en français ? Il est en 4e, les dictées sont une catastrophe.",
        proofreader
    ));
    assert!(!fits("Je cherche des cours de français le soir pour commencer de zéro.", proofreader));
    assert!(fits("Qqn pourrait corriger les fautes de ma lettre de motivation ?", proofreader));
    // A pupil's letter for a placement is a text to proofread.
    let letters = "Ancienne prof de français, je vous aide à rédiger CV, lettres de motivation, lettres de demande de stage, relecture orthographe.";
    assert!(fits(
        "Mon ado (3e) doit trouver un stage d'observation et n'arrive pas à rédiger sa lettre, qqn pourrait l'aider ?",
        letters
    ));
}

#[test]
fn a_flatmate_and_what_is_awaited_are_no_needs() {
    let room = "Retraitée, je loue une chambre meublée chez moi à un étudiant pour un loyer modéré. Logement intergénérationnel.";
    assert!(!fits(
        "Mon coloc est en L2 de physique et il galère en mécanique quantique, qqn pourrait lui donner des cours ?",
        room
    ));
    assert!(fits("Je cherche une coloc ou une chambre pour la rentrée, budget 350 €.", room));
    let nights =
        "Je peux héberger un étudiant quelques nuits (canapé-lit), en attendant son logement. Maximum une semaine.";
    assert!(!fits("Je cherche une chambre pour toute l'année universitaire, budget max 350 €.", nights));
    assert!(fits("Qqn aurait un canapé pour 3 nuits en attendant que mon studio soit libre ?", nights));
}

#[test]
fn a_workshop_teaches_and_a_loan_is_given_back() {
    // "On ne répare pas à ta place" says how the help is given, not that repairs are refused.
    let workshop = "Atelier vélo participatif le mercredi : outils et conseils pour apprendre à réparer toi-même ton vélo. On ne répare pas à ta place.";
    assert!(fits(
        "Ma chaîne de vélo saute sans arrêt, j'aimerais apprendre à la réparer moi-même. Il y a un atelier ?",
        workshop
    ));
    assert!(!fits(
        "Qqn pourrait réparer mon vélo ? Je n'ai pas le temps de m'en occuper.",
        "Je ne répare pas les vélos."
    ));
    // Whoever says they will give a thing back borrows it.
    let laptops = "Notre asso prête des ordinateurs portables aux étudiants pendant les examens, jusqu'à un mois.";
    assert!(fits(
        "Mon ordi a rendu l'âme avant les partiels, qqn pourrait m'en dépanner un ? Je le rends début juin.",
        laptops
    ));
    let bikes = "Je prête 3 vélos de ville (avec antivol et lumières) à des étudiants pour le semestre.";
    assert!(fits("slt, qqn aurait un biclou à me passer jusqu'à l'été ? j'en prendrai soin promis", bikes));
    // (A bike's lights are no party lights.)
    assert!(!fits("On organise les 30 ans de ma sœur, qqn prête des lumières pour la fête ?", bikes));
}

#[test]
fn a_need_said_by_its_symptom_or_its_cost() {
    let screens = "Je répare les smartphones : changement d'écran, batterie, connecteur de charge.";
    assert!(fits("Mon tel est tombé, la vitre est en miettes et le tactile ne répond plus. Qqn de doué ?", screens));
    let commuter = "Je pars tous les jours de Montferrand vers 4h40 pour Ladoux, je peux prendre 2 personnes. Participation essence libre.";
    assert!(fits("Poste du matin à Ladoux qui démarre à 5h, pas de bus ni de permis. Qqn fait la route ?", commuter));
}

#[test]
fn a_gift_asked_is_not_met_by_a_shop() {
    let shop = "Ressourcerie solidaire : meubles d'occasion remis en état à petits prix (armoires, lits, matelas neufs sous emballage).";
    assert!(!fits("Quelqu'un donne un matelas ? Je dors par terre et ce mois-ci je ne peux rien payer.", shop));
    assert!(fits("Qqn vend un matelas pas cher ? Le mien est fichu.", shop));
    assert!(fits("Quelqu'un donne un matelas ?", "Je donne un matelas 140, à venir chercher."));
}

#[test]
fn when_only_the_author_is_free_and_what_a_paper_is_not_valid_for() {
    let monday = "Permanence juridique gratuite pour les personnes étrangères le lundi de 14h à 17h : titres de séjour, recours contre une OQTF.";
    assert!(!fits(
        "J'ai reçu une OQTF. Je travaille du lundi au vendredi, je suis libre seulement le samedi. Qqn peut m'aider pour le recours ?",
        monday
    ));
    // Someone else's free days are not the author's.
    let thursday =
        "Je fais mes courses le jeudi matin, je peux faire celles des personnes qui ne peuvent pas se déplacer.";
    assert!(fits(
        "Jambe cassée, ma fille ne peut venir que le week-end. Qqn pour m'aider pour les courses ?",
        thursday
    ));
    let plain = "Traduction de documents de l'arabe vers le français, pas valable pour la préfecture ni les dossiers officiels.";
    assert!(!fits("Mon cousin veut demander l'asile, qqn sait remplir le dossier à la préfecture ?", plain));
}

#[test]
fn whom_only_an_offer_takes_and_where_it_will_not_go() {
    let seniors = "Je propose de l'aide aux courses pour les personnes âgées isolées. Uniquement pour les seniors (plus de 70 ans).";
    assert!(!fits(
        "I'm a 22-year-old student, I sprained my ankle. Could someone do some grocery shopping for me?",
        seniors
    ));
    assert!(fits("Ma mère a 82 ans et ne sort plus, qqn pourrait faire ses courses ?", seniors));
    let written = "Bilingual English/French, I translate medical documents by email. Written documents only, I can't come to appointments.";
    assert!(!fits(
        "My French isn't good enough. Could someone come with us and translate during the consultation?",
        written
    ));
    assert!(fits("Could someone translate my wife's discharge letter from English into French?", written));
    // Beside a ride, a "fauteuil" is a wheelchair.
    let driver = "Chauffeur bénévole pour vos rendez-vous médicaux, pour les personnes qui montent seules en voiture. Pas de transport de fauteuil.";
    assert!(fits(
        "Qqn pourrait m'emmener à mon rendez-vous médical jeudi ? Je me débrouille pour monter en voiture.",
        driver
    ));
    assert!(!fits("Qqn pourrait transporter mon fauteuil roulant et m'emmener à l'hôpital jeudi ?", driver));
}

#[test]
fn a_question_that_opens_on_a_denial_is_the_readers_lack() {
    let guide =
        "Pas à l'aise avec internet ? Je vous guide au téléphone pour prendre un rdv sur Doctolib. Patience garantie.";
    assert!(fits(
        "Ma grand-mère doit prendre rdv chez le dermato, tout se fait sur internet et elle est perdue devant l'écran.",
        guide
    ));
}

#[test]
fn care_has_its_own_kinds_of_help() {
    // A group for carers is no one-to-one help; guiding a blind person is no ride.
    let cafe =
        "Café des aidants un jeudi par mois : les aidants familiaux se retrouvent avec une psychologue pour échanger.";
    assert!(fits(
        "Je m'occupe de mon mari atteint de Parkinson, j'aimerais rencontrer d'autres personnes qui vivent la même chose.",
        cafe
    ));
    let guide =
        "Guide voyant : j'accompagne à pied les personnes aveugles ou malvoyantes à leurs rendez-vous médicaux.";
    assert!(fits(
        "Je suis non-voyant depuis peu, qqn pourrait m'accompagner à pied à mon rendez-vous chez l'ORL lundi ?",
        guide
    ));
    let strolls = "Je propose d'accompagner les personnes en fauteuil roulant pour des sorties : parc, bords du Rhône, marché. Je pousse le fauteuil.";
    assert!(fits(
        "My son is paraplegic and I can't always push him. Could someone take him for a stroll now and then?",
        strolls
    ));
    let doorbells = "Électricien à la retraite, j'installe des sonnettes lumineuses pour malentendants.";
    assert!(fits("Ma mère n'entend plus du tout quand on sonne. Qqn pour installer une solution ?", doorbells));
    // Building a ramp is no ramp lent.
    let ramps = "Menuisier amateur : je fabrique et pose des rampes d'accès en bois sur mesure pour fauteuil roulant.";
    assert!(!fits("Qqn aurait une rampe amovible à prêter pour le week-end ? On reçoit mon oncle en fauteuil.", ramps));
    // An adapted vehicle asked is met only by one offered.
    let driver = "Je vous emmène à vos rendez-vous médicaux avec ma voiture.";
    assert!(!fits(
        "Mon oncle doit rester dans son fauteuil électrique, qqn a un véhicule TPMR pour sa dialyse ?",
        driver
    ));
    assert!(fits(
        "Mon oncle doit rester dans son fauteuil électrique, qqn a un véhicule TPMR pour sa dialyse ?",
        "J'ai un véhicule TPMR avec rampe, je vous emmène à vos rendez-vous médicaux."
    ));
}
