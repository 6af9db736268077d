//! How a post's words are read where the thesaurus alone would misread them: languages spoken
//! or learnt, English cues, denials through lists and complements, days, favours, shapes read
//! where a request asks, and the words that name something else.

use super::*;

#[test]
fn a_language_spoken_beside_another_need_is_how_help_is_given() {
    let recruiter = "Ancienne recruteuse, je relis vos CV et lettres de motivation, en français ou en anglais.";
    // "My French is basic" asks for help with the préfecture, not for a French teacher…
    let permit = "Got a letter from the préfecture about my residence permit and my French is basic. Could someone explain it to me?";
    assert!(!fits(permit, recruiter));
    assert!(fits(permit, "I help English speakers with French admin: préfecture, CAF, letters."));
    // …and a nurse who speaks English is no English conversation partner.
    let conversation = "Native English speaker, I offer relaxed conversation practice over video.";
    assert!(!fits(
        "My dad needs a nurse for his insulin injections at home, someone who speaks English would be great.",
        conversation
    ));
    // A language is still the need when it is learnt, read, written or the only thing named.
    assert!(fits("Anyone to help me practise my English before a job interview?", conversation));
    assert!(fits(
        "Need help writing a formal complaint email in English",
        "I can help you write formal letters and emails in English."
    ));
    assert!(fits(
        "Quelqu'un qui lit l'allemand pourrait m'aider à comprendre un courrier ?",
        "Je traduis vos courriers allemands."
    ));
    assert!(fits("Quelqu'un parle portugais par ici ?", "Je parle portugais et je peux accompagner aux rendez-vous."));
    // A pupil's school subject is a subject.
    assert!(fits(
        "Mon fils est en 5e et il est nul en français, qqn pourrait l'aider ?",
        "Prof retraitée, j'aide les collégiens en français."
    ));
}

#[test]
fn english_cues_need_their_subject_and_can_t_denies() {
    // "Help! Got a letter…" asks; "I help" would offer.
    assert!(fits(
        "Help 🙏 got a letter from the préfecture about my residence permit. Could someone sit with me and explain it?",
        "I help with préfecture appointments and residence permits."
    ));
    // "I can't walk my dog" asks for walks.
    let walker = "I'd love to walk your dog on Saturdays and Sundays, all sizes welcome.";
    assert!(fits("I've had knee surgery and can't walk my dog on weekends, could someone help?", walker));
    // "Selling" is no typo of "spelling".
    assert!(!fits("Anyone selling a cheap projector?", "I correct spelling and grammar in French essays."));
    // "il lit lentement" is about reading, not a bed.
    assert!(fits(
        "Mon petit-fils en CE2 lit encore très lentement, qqn aurait la patience de l'aider ?",
        "Institutrice retraitée, j'aide à la lecture les enfants du CP au CM2."
    ));
}

#[test]
fn what_an_offer_turns_down_reaches_through_its_complement_and_its_audience() {
    // The denial starts on a word the thesaurus does not know and runs through its list.
    let labour = "Juriste en droit du travail, je réponds à vos questions. Je ne traite pas le droit de la famille (divorce, garde d'enfants) ni le pénal.";
    assert!(!fits("Je suis en plein divorce, qqn pourrait m'expliquer mes droits ?", labour));
    assert!(fits(
        "Mon employeur me propose une rupture conventionnelle, qqn s'y connaît en droit du travail ?",
        labour
    ));
    let visits = "Je rends visite aux personnes âgées pour discuter. Je ne fais pas de soins ni d'aide à la toilette.";
    assert!(!fits("Qqn pourrait aider mon père pour la toilette le matin ?", visits));
    // "Pas d'autres animaux" beside cats denies no cat.
    let cats = "Je passe nourrir vos chats pendant vos vacances. Chats uniquement, pas de chiens ni d'autres animaux.";
    assert!(fits("Qqn pourrait passer nourrir nos deux chattes en août ?", cats));
    assert!(!fits("Qqn pourrait passer nourrir mon lapin en août ?", cats));
    // Whom an offer is not for, in words the thesaurus does not know.
    let ironing = "Je repasse votre linge chez moi, pour particuliers seulement. Pas pour les pros, gîtes ou restos.";
    assert!(!fits("Cherche qqn pour repasser les draps de mon gîte, rémunéré.", ironing));
    assert!(fits("Qqn pourrait repasser mes chemises cette semaine ?", ironing));
    // A loan only is no gift.
    let drill = "Je prête ma perceuse. Prêt uniquement, pas de don ni de vente.";
    assert!(!fits("Qqn aurait une perceuse à donner ?", drill));
    assert!(fits("Qqn pourrait me prêter une perceuse ?", drill));
    // An e-bike is a bike, and a bike mechanic may turn it down.
    let mechanic = "I fix bikes in my garage: punctures, brakes, gears. I don't touch e-bike motors or batteries.";
    assert!(!fits("My e-bike battery won't charge anymore, anyone who knows e-bikes?", mechanic));
    assert!(fits("My bike has a puncture, could someone fix it?", mechanic));
}

#[test]
fn days_rides_arms_and_other_everyday_words() {
    // A driver who goes every Friday is no ride on Sunday evening; a weekend agrees with it.
    let friday = "Je fais Clermont → Lyon tous les vendredis vers 18h, 2 places dispo.";
    assert!(!fits_in("Je cherche un covoit Lyon → Clermont le dimanche soir.", friday, "Clermont-Ferrand"));
    assert!(fits_in("Je cherche un covoit pour Lyon vendredi soir.", friday, "Clermont-Ferrand"));
    let gardener = "Jardinier du dimanche, je propose d'aider à démarrer un potager : bêcher, planter, semis.";
    assert!(fits("Un jardinier aurait un samedi pour nous aider à démarrer notre potager ?", gardener));
    // A bike ride is no lift; "a chat" in English is no cat; cleaning the litter is cat care.
    let lift = "Je fais Lyon → Grenoble tous les samedis matin, 3 places dispo.";
    assert!(!fits("Anyone up for Sunday morning bike rides? Road bike, 50-70 km.", lift));
    let walker = "Every morning I walk my old greyhound along the river, happy to have company and a chat.";
    assert!(!fits("On cherche qqn pour accueillir nos deux chattes 10 jours en août.", walker));
    let cleaner = "Je propose un coup de main ménage aux personnes âgées : aspirateur, sols, salle de bain.";
    assert!(!fits("Need someone to feed my cat and clean the litter once a day for 2 weeks.", cleaner));
    // Hands are asked for: boxes lent do not carry a piano.
    let boxes = "Prête cartons de déménagement (une trentaine), papier bulle et un diable.";
    assert!(!fits("Il faut monter un piano au 2e étage samedi, on cherche 3-4 personnes costaudes.", boxes));
    // "Les cartons sont prêts" lends nothing.
    let movers = "Costaud, dispo le week-end pour aider à porter cartons et meubles lors d'un déménagement.";
    assert!(fits(
        "On déménage samedi, le camion est réservé, les cartons sont prêts, il nous manque des bras.",
        movers
    ));
    // "Si des personnes âgées ont besoin…, n'hésitez pas à me contacter" offers.
    let errands = "Je fais mes courses le samedi, je peux faire celles d'une personne âgée du quartier.";
    assert!(!fits(
        "J'ai une voiture et du temps : si des personnes âgées ont besoin qu'on leur fasse leurs courses, n'hésitez pas à me contacter.",
        errands
    ));
    assert!(fits("Si vous pouvez, j'ai besoin de quelqu'un pour faire les courses de ma mère le samedi.", errands));
}

#[test]
fn what_someone_else_offers_or_hands_over_and_other_small_words() {
    // "Mon employeur me propose…" is no offer of the author's; the need is the story.
    let lawyer = "Juriste en droit du travail, je réponds à vos questions : licenciement, rupture conventionnelle.";
    assert!(fits(
        "Mon employeur me propose une rupture conventionnelle. Je ne sais pas combien je dois toucher. Quelqu'un s'y connaît ?",
        lawyer
    ));
    // "Je viens de reprendre un boulot" offers no visit, "devoir rembourser" is no homework.
    let caf = "J'ai travaillé 15 ans à la CAF, je peux vous aider à remplir vos dossiers : APL, prime d'activité, RSA.";
    assert!(fits(
        "Je viens de reprendre un boulot après deux ans de chômage, j'aurais droit à la prime d'activité de la CAF. J'ai peur de devoir tout rembourser. Quelqu'un qui s'y connaît ?",
        caf
    ));
    // "Il vous donne la liste et l'argent" asks for no thing.
    let errands = "Je fais mes courses le samedi, je peux faire celles d'une personne âgée du quartier.";
    assert!(fits(
        "Il faudrait qqn pour faire ses courses une fois par semaine, il vous donne la liste et l'argent.",
        errands
    ));
    // A range of days holds the days between; "pas de bébés" turns down babies, not children.
    let sitter = "Je garde les enfants à partir de 3 ans, en soirée (du lundi au jeudi). Pas de bébés.";
    assert!(fits("Il me faut quelqu'un pour garder mes deux loulous (5 et 8 ans) le mardi soir.", sitter));
    assert!(!fits("Il me faut quelqu'un pour garder mes deux loulous le samedi soir.", sitter));
    assert!(!fits("Qqn pour garder mon bébé de 6 mois mardi soir ?", sitter));
    // Beside a computer, a "portable" is a laptop.
    let pc = "Informaticien, je dépanne vos PC Windows : lenteurs, virus. Pas de Mac ni d'iPhone.";
    assert!(fits(
        "Le portable de ma fille (un HP, sous Windows 10) met 10 minutes à démarrer, qqn pourrait regarder ?",
        pc
    ));
    assert!(!fits("L'écran de mon portable est cassé, qqn sait le changer ?", pc));
    // "Méca" and brakes are car repairs; a pupil's "rédaction" is schoolwork.
    let mechanic = "Ancien mécanicien, je fais les petits travaux sur votre voiture : vidange, plaquettes, batterie.";
    assert!(fits("Ma Clio fait un bruit horrible dès que je freine, qqn qui s'y connaît en méca ?", mechanic));
    let teacher = "Ancienne prof de lettres, j'aide les collégiens en français : rédactions, lecture, méthodo.";
    assert!(fits(
        "Mon fils est en 4e, il a une rédaction à rendre toutes les deux semaines, qqn pourrait l'aider ?",
        teacher
    ));
}

#[test]
fn a_language_someone_speaks_is_no_lesson_but_may_be_required_of_the_helper() {
    let conversation = "Native English speaker, I offer English conversation practice over video.";
    let french = "Bénévole, je donne des cours de français aux adultes débutants.";
    // The author's family speaks English and lacks French: French lessons, not English.
    let husband = "Mon mari parle tigrinya et un peu anglais mais pas français. Il veut absolument apprendre, qqn donne des cours ?";
    assert!(!fits(husband, conversation));
    assert!(fits(husband, french));
    // "Je parle pas un mot d'allemand" lacks German; "practise my spoken English" practises it.
    assert!(fits(
        "Je pars à Berlin et je parle pas un mot d'allemand, qqn pour m'apprendre les bases ?",
        "Cours d'allemand tous niveaux par une Munichoise."
    ));
    assert!(fits("Looking for someone to practise my spoken English with before an interview.", conversation));
    // "Someone who speaks Arabic" to go to the préfecture: the helper must speak it.
    let admin = "Je vous aide pour vos démarches en préfecture : titre de séjour, rendez-vous.";
    let arabic = "Do you know someone who speaks Arabic to come with my neighbour to the préfecture?";
    assert!(!fits(arabic, admin));
    assert!(fits(arabic, "Je parle arabe et je vous aide pour vos démarches en préfecture."));
    // "En fauteuil roulant… le fauteuil se plie" names no armchair.
    assert!(!fits(
        "Mon père est en fauteuil roulant, il faudrait qqn avec une voiture pour l'emmener au kiné (le fauteuil se plie).",
        "Je donne un fauteuil en cuir et un canapé."
    ));
}

#[test]
fn what_an_offer_says_of_its_days_calls_and_limits() {
    // "Uniquement le samedi": the rugby on Sundays is the author's own.
    let movers = "Deux bras dispo pour vos déménagements, je joue au rugby le dimanche. Uniquement le samedi.";
    assert!(!fits("Qqn pour m'aider à déménager dimanche prochain ?", movers));
    assert!(fits("Qqn pour m'aider à déménager samedi prochain ?", movers));
    // "Pas le week-end (petits-enfants obligent)" turns down no child.
    let maths = "Je propose du soutien en maths pour collégiens, les soirs de semaine, pas le week-end (petits-enfants obligent).";
    assert!(fits("Qqn pourrait réviser les maths avec ma fille en 3e une ou deux fois par semaine ?", maths));
    // Video calls the elderly learn to make are no help at a distance.
    let phones = "Je propose aux personnes âgées de passer chez eux pour les aider avec leur smartphone : WhatsApp, faire des visios avec les petits-enfants.";
    assert!(!fits_from("Mon ordi portable est devenu hyper lent, qqn de calé en info ?", "Nantes", phones, "Lyon"));
    let tablet = "J'aide à domicile les personnes pas à l'aise avec le numérique : se servir d'une tablette, faire une visio avec la famille.";
    assert!(fits_from(
        "Qqn pourrait passer chez ma grand-mère lui montrer comment faire un appel vidéo sur sa tablette ?",
        "Ancenis",
        tablet,
        "Ancenis"
    ));
    // "Not a certified teacher, so no exam prep": the TOEIC is an exam.
    let conversation =
        "Happy to do English conversation with adults. I'm not a certified teacher so no exam prep, just conversation.";
    assert!(!fits("Qqn pourrait m'aider à préparer le TOEIC ? Il me faut 785.", conversation));
    // A baby seat "de la naissance à 4 ans" is no booster for an 8-year-old.
    let gear = "Je prête le matériel bébé : poussette, siège auto (de la naissance à 4 ans environ), chaise haute.";
    assert!(!fits("Besoin d'un rehausseur pour ma nièce de 8 ans, qqn en aurait un à prêter ?", gear));
    // Mending a lamp is no wiring; "je rame en maths" is no slow computer; "me dépanner" is a favour.
    let repair_cafe = "Je répare le petit électroménager : grille-pain, bouilloire, aspirateur, lampe, radio.";
    assert!(!fits(
        "Qqn pourrait installer un plafonnier dans mon salon ? Il y a juste deux fils qui pendent.",
        repair_cafe
    ));
    let pc = "Informaticien, je dépanne à distance les PC sous Windows : virus, ordi qui rame.";
    assert!(!fits("Je rame complètement en maths (matrices), partiels dans un mois, qqn pour m'expliquer ?", pc));
    let room = "On a une chambre d'amis qu'on peut prêter pour dépanner quelqu'un entre deux logements.";
    assert!(!fits("La crèche de notre fille est fermée jeudi, qqn pourrait nous dépanner ?", room));
    // Classical guitar may be turned down by an acoustic guitar teacher.
    let guitar =
        "Je donne des cours de guitare acoustique aux débutants. Pas de guitare classique ni de solfège poussé.";
    assert!(!fits("Mon fils prépare le conservatoire en guitare classique, qqn pour le préparer ?", guitar));
    assert!(fits("J'aimerais apprendre la guitare, je suis débutant, qqn donne des cours ?", guitar));
    // A proofreader is no tutor for an oral exam.
    let proofreader = "Correctrice de métier, je relis mémoires et rapports de stage : orthographe, grammaire.";
    assert!(!fits("Ma fille passe l'oral du bac de français, qqn pourrait la faire s'entraîner ?", proofreader));
}

#[test]
fn favours_feeding_and_what_a_requester_has_none_of() {
    // "Qqn pourrait me dépanner ?" after "rien pour percer" asks for the tool.
    assert!(fits("Je n'ai rien pour percer. Qqn pourrait me dépanner quelques jours ?", "Je prête ma perceuse."));
    // Feeding the cats is cat sitting, not a thing given.
    let sitter = "Je passe chez vous nourrir et câliner vos chats pendant vos absences.";
    assert!(fits("Quelqu'un pourrait passer donner à manger à nos deux chattes ?", sitter));
    // "Sans animaux" in passing names no pet an offer turns down; a cat one has does.
    let room = "On a une chambre d'amis pour quelques nuits. Pas d'animaux (notre fille est allergique).";
    assert!(fits(
        "Je suis seule, sans animaux, très discrète. Quelqu'un aurait une chambre pour quelques nuits ?",
        room
    ));
    assert!(!fits("I'm looking for a room for a few nights. I have a small, very calm cat.", room));
    // A virus cleaned off a computer is no housework; "mange" is no manga.
    let pc = "Informaticien, je dépanne les PC sous Windows : virus, pubs, ordi qui rame.";
    assert!(fits("Mon père a un virus sur son ordinateur (Windows), qqn pourrait l'aider à nettoyer tout ça ?", pc));
    let veggie = "Je propose des ateliers pour apprendre à cuisiner sans viande : légumineuses, plats équilibrés.";
    assert!(fits(
        "Ma fille devient végétarienne, qqn pourrait m'apprendre quelques bases pour qu'elle mange équilibré ?",
        veggie
    ));
    // Someone who wants to talk in French wants a partner, not a proofreader.
    let proofreader =
        "Correctrice, je relis vos dossiers de candidature : orthographe, grammaire, en français uniquement.";
    assert!(!fits("Looking for someone to just talk with in French, my French is around B1.", proofreader));
}

#[test]
fn a_denied_item_takes_its_complement_with_it() {
    let seamstress = "Je fais vos ourlets et petites retouches. Pas de robes de mariée ni de tenues de cérémonie.";
    assert!(!fits("Je me marie en septembre et ma robe est trop grande, il faudrait la reprendre.", seamstress));
    assert!(fits("Qqn pourrait faire l'ourlet de mon pantalon ?", seamstress));
    let painter = "Peintre en bâtiment, je repeins vos pièces : murs, plafonds. Intérieur uniquement, pas de façades ni de travaux en hauteur sur échafaudage.";
    assert!(!fits("Cherche qqn pour repeindre les volets et le pignon, il faut monter sur un échafaudage.", painter));
    assert!(fits("Qqn pour m'aider à repeindre mon salon ?", painter));
}

#[test]
fn the_shape_asked_is_read_where_the_request_asks() {
    // "La réparation coûte plus cher… si quelqu'un en donne une": a thing, not a repair.
    let washer = "Je donne un lave-linge 7 kg, il marche très bien. À venir chercher.";
    assert!(fits(
        "Notre machine à laver vient de lâcher, la réparation coûte plus cher qu'elle ne vaut. Si quelqu'un en donne une, on vient la chercher.",
        washer
    ));
    // "15 allers-retours à faire" are the asker's own, not a task for the helper.
    let trailer = "Je prête ma remorque pour la déchetterie. Il faut un attelage sur votre voiture.";
    assert!(fits(
        "J'ai au moins 15 allers-retours de déchetterie à faire avec ma Clio 😅 Quelqu'un aurait une remorque à prêter ?",
        trailer
    ));
    // "Donner un coup de pouce" gives help, not a thing.
    let maths = "Ingénieur, je donne un coup de main en maths aux collégiens : méthode, exercices, brevet.";
    assert!(fits("Mon fils en 3e est largué en maths, quelqu'un pourrait lui donner un coup de pouce ?", maths));
    // A plot of land is met only by land, not by vegetables given.
    let vegetables = "Mon potager déborde chaque été, je donne courgettes et tomates à qui en veut.";
    assert!(!fits("J'aimerais faire un potager, quelqu'un aurait un bout de terrain à partager ?", vegetables));
}

#[test]
fn an_offer_that_only_lends_does_not_do_the_work() {
    let tools =
        "Je prête mes outils de jardin : tondeuse, taille-haie. Je ne viens pas faire le travail, c'est juste du prêt.";
    assert!(!fits(
        "Ma mère a une haie de thuyas qu'il faudrait tailler. Quelqu'un pourrait s'en charger pour elle ?",
        tools
    ));
    assert!(fits("Quelqu'un pourrait me prêter un taille-haie ce week-end ?", tools));
}

#[test]
fn a_room_to_store_things_and_a_garage_to_work_in() {
    let host = "Je peux héberger une personne 1 à 3 nuits dans ma chambre d'amis.";
    assert!(!fits(
        "Does anyone have a spare room or garage where I could store furniture and boxes for 3 months?",
        host
    ));
    let bikes = "I fix bikes in my garage as a hobby: punctures, brakes, gears.";
    assert!(!fits("Does anyone have a garage where I could store furniture for 3 months?", bikes));
    let mechanic = "Retired mechanic here. I can look at your car in my garage: oil change, brake pads.";
    assert!(fits(
        "My car makes a squeaking noise every time I brake. Any car-savvy neighbour? I'll buy the parts of course.",
        mechanic
    ));
}

#[test]
fn the_thesaurus_knows_how_people_name_a_need() {
    // Phrases added from how mutual-aid posts name each need, kept to those that mean it alone.
    assert!(fits("Anyone who could help with grass cutting this weekend?", "Je tonds vos pelouses le samedi."));
    assert!(fits(
        "Our white goods keep breaking down, anyone handy?",
        "Je répare l'électroménager : lave-linge, frigo."
    ));
    assert!(!fits("Qqn pour m'apprendre la peinture à l'huile ?", "Peintre en bâtiment, je repeins vos murs."));
    assert!(!fits(
        "Looking for interview practice before a job interview.",
        "English conversation practice over coffee."
    ));
}

#[test]
fn the_languages_lessons_are_given_in_are_not_their_subject() {
    let pianist = "British piano teacher: free piano lessons for children on Wednesdays. Lessons in English or French.";
    assert!(!fits("Mon fils est en 3e, il est en difficulté en français, qqn pour le faire réviser ?", pianist));
    assert!(fits("Ma fille de 8 ans voudrait apprendre le piano, qqn ?", pianist));
    // One language alone may be the point ("fully in English"): tenth-author's te-r059.
    assert!(fits(
        "Hi! We'd like our little girl to hear more English. Is there anyone who could look after her a couple of mornings a week, in English?",
        "I'm a Canadian mum. I can look after little ones (1 to 5 years old) on weekday mornings, fully in English."
    ));
}

#[test]
fn a_native_speaker_wants_the_other_language() {
    let tutor = "Native English speaker, happy to do English conversation practice over video call, any level.";
    let expat = "British guy, moved here last year. My French is at survival level: anyone fancy conversation practice? \
                 Could be a language exchange, your English for my company 😂";
    assert!(!fits(expat, tutor));
    assert!(fits("My English is rusty before a job interview in London: anyone to practise speaking with?", tutor));
}

#[test]
fn an_online_course_is_no_errand() {
    let driver = "Retraité avec voiture, j'emmène au supermarché, à la poste ou à la pharmacie.";
    let learner =
        "I'm doing an online course but I freeze when I have to speak French. Anyone for a coffee and a chat?";
    assert!(!fits(learner, driver));
}

#[test]
fn cuddles_giving_up_and_where_someone_stays_are_no_shape_nor_place() {
    // "Give them a cuddle" gives nothing; "I always give up" neither.
    let sitters = "Cat lovers: we pop round to feed your cats, change the litter and give them a cuddle. No charge.";
    assert!(fits("On part en août, qqn pourrait passer nourrir nos deux chats une fois par jour ?", sitters));
    let coach = "Ex athletics coach, happy to help beginners get into running, Saturday mornings.";
    assert!(fits("I'd love to start running but on my own I always give up: anyone to coach a beginner?", coach));
    // "Il ne sort plus de chez lui" says where he is; a phone call is welcome.
    let caller = "Bénévole, je propose des appels de convivialité aux personnes seules : un coup de fil pour discuter.";
    assert!(fits(
        "Mon voisin de 88 ans ne sort plus de chez lui. Qqn pourrait passer le voir, ou même juste l'appeler pour discuter ?",
        caller
    ));
    // A workshop that teaches is a service, even when it also lends needles.
    assert!(fits(
        "Qqn pourrait m'apprendre le crochet ? Je suis débutante.",
        "J'anime un atelier tricot et crochet le jeudi : on apprend les points de base. Je peux prêter des aiguilles."
    ));
}

#[test]
fn a_placement_sought_names_its_field_only_as_where() {
    let mechanic = "Mécano amateur, je fais les petites réparations sur vos voitures : vidange, plaquettes, batterie.";
    let placement = "Mon fils de 14 ans, fan de mécanique, doit trouver un stage d'observation : tous les garages ont dit non. \
                     Qqn connaîtrait un garage qui le prendrait ?";
    assert!(!fits(placement, mechanic));
    let writer = "J'aide à rédiger vos lettres et vos courriers administratifs.";
    assert!(fits(
        "Mon ado doit trouver un stage d'observation et n'arrive pas à rédiger sa lettre : qqn pourrait l'aider ?",
        writer
    ));
}

#[test]
fn a_lost_notice_asks_nothing_and_a_seller_who_sells_nothing_sells_nothing() {
    let sitter = "Happy to walk your dog or pop in to feed cats while you're away. No charge.";
    assert!(!fits(
        "PERDU 😿 Chat noir et blanc, collier rouge. Si vous le voyez appelez-moi svp !! Merci de partager",
        sitter
    ));
    assert!(fits("Qqn pourrait passer nourrir mon chat pendant mes vacances ?", sitter));
    let splitter = "J'ai une fendeuse : je viens vous aider à fendre et ranger votre bois. Je ne vends pas de bois, c'est juste de l'aide.";
    assert!(!fits("Looking to buy 5 stères of dry firewood, delivered. Any good local seller?", splitter));
    assert!(fits("Qqn pour m'aider à fendre et ranger mon bois de chauffage samedi ?", splitter));
    // "Je ne prête pas de chaînes" turns down lending, not chains.
    let fitter = "Je peux vous montrer et vous aider à poser vos chaînes. Je ne prête pas de chaînes par contre.";
    assert!(fits("On a acheté des chaînes mais on ne sait pas les installer, qqn pourrait nous montrer ?", fitter));
    assert!(!fits("Qqn pourrait me prêter des chaînes neige pour le week-end ?", fitter));
    // "Impôts en ligne" is how the declaration is done: the helper still comes to the home.
    let clerk =
        "Ancienne secrétaire de mairie, j'aide pour la paperasse : dossiers CAF, impôts en ligne. Je viens chez vous.";
    assert!(!fits_from(
        "Ma mère doit faire sa déclaration d'impôts, qqn pourrait venir l'aider ?",
        "Pontarlier",
        clerk,
        "Gap"
    ));
    assert!(fits_in("Ma mère doit faire sa déclaration d'impôts, qqn pourrait venir l'aider ?", clerk, "Gap"));
}

#[test]
fn what_a_request_says_it_does_not_want_it_does_not_ask() {
    let lonely = analyze_post(
        PostKind::Request,
        "Depuis mon divorce je tourne en rond le soir. Je cherche pas un psy, juste qqn avec qui papoter au tel.",
        &Place::Unknown,
    );
    let named = |id: &str| lonely.needs.iter().any(|hit| THESAURUS.concepts[usize::from(hit.concept)].id == id);
    assert!(!named("psychotherapy") && named("listening"));
    let driver = "Retraité avec une voiture, j'accompagne aux rendez-vous médicaux le mardi et le jeudi.";
    assert!(fits("Ma maman a un rdv d'IRM jeudi 14h30, elle ne conduit plus : qqn pourrait l'y emmener ?", driver));
    let seamstress = "Couturière, je fais les ourlets et les retouches, pas de création sur mesure.";
    assert!(fits(
        "Le pantalon de costume de mon mari est trop long, qqn pour le raccourcir d'ici samedi ?",
        seamstress
    ));
}

#[test]
fn in_a_move_the_fridge_is_carried_not_repaired() {
    let move_day = "Je déménage samedi au 3e sans ascenseur, le camion est réservé. Qqn aurait de quoi monter le frigo \
                    et le lave-linge sans se casser le dos ?";
    assert!(fits(move_day, "Costaud, je donne un coup de main pour porter cartons et meubles lors des déménagements."));
    assert!(!fits(move_day, "Je répare l'électroménager : frigo, lave-linge, lave-vaisselle."));
}

#[test]
fn an_offers_opening_line_says_what_it_teaches() {
    let teacher = "Free guitar lessons for beginners, kids and adults: chords, strumming. I can lend a guitar too.";
    assert!(fits(
        "Mon fils de 11 ans a reçu une guitare, il galère avec les accords : qqn pour lui montrer les bases ?",
        teacher
    ));
}

#[test]
fn an_arrow_between_two_towns_is_a_trip() {
    let commute = "Je fais Ancenis → Nantes du lundi au vendredi, départ 7h15 de la gare. 3 places.";
    assert!(fits("Quelqu'un fait le trajet Ancenis-Nantes en semaine ? Je participerai à l'essence", commute));
    // An arrow between two words that are no towns is no trip.
    let translation = "Traduction Français → Anglais de vos courriers.";
    assert!(!fits("Quelqu'un fait le trajet Ancenis-Nantes en semaine ?", translation));
    // An arrow that points at no town is a bullet.
    let garden = "Je fais Jardin → tonte, taille des haies. Dispo le samedi.";
    assert!(!fits("Quelqu'un fait le trajet Ancenis-Nantes en semaine ?", garden));
}

#[test]
fn what_a_post_names_and_who_its_author_was() {
    // "Impots.gouv" ends no sentence, and "retrouver un mot de passe" is a task offered.
    let online =
        "Aide aux démarches en ligne : créer son compte ameli, impots.gouv, France Travail, retrouver un mot de passe.";
    assert!(fits(
        "Je n'arrive plus à me connecter à mon espace France Travail, j'ai perdu le mot de passe. Qqn peut m'aider ?",
        online
    ));
    // "Je fais 8h-17h" are working hours, nothing given back.
    let walker = "Étudiante, je propose de promener vos chiens en semaine, le midi.";
    assert!(fits(
        "Je fais 8h-17h et ma chienne reste seule toute la journée. Qqn pourrait la sortir le midi ?",
        walker
    ));
    // A former care assistant who listens offers no care.
    let listener =
        "Ancienne aide-soignante, je propose une écoute bienveillante à ceux qui traversent un moment difficile.";
    assert!(!fits("Qqn pourrait m'aider pour la toilette de mon mari le matin ?", listener));
    assert!(fits("Depuis le décès de ma femme je me sens seul, besoin de parler à quelqu'un.", listener));
    // A tree in the garden asks about the tree, not about anything of gardening.
    let vegetables = "Mon potager déborde ! De juillet à septembre je donne courgettes, tomates, haricots verts, salades. À venir chercher chez moi quartier Europe. Pensez à vos sacs.";
    assert!(!fits(
        "Bonjour, il y a un grand sapin de 15 mètres dans mon jardin qui penche vers la maison depuis la tempête, j'ai peur qu'il tombe sur le toit ou chez le voisin. Je suis veuve et je vis avec 900€ de retraite, les devis d'élagueurs sont à 1200€ pour l'abattre. Quelqu'un sait s'il y a des aides pour ça ?",
        vegetables
    ));
    // "Aide aux démarches : CAF, retrouver un mot de passe" offers the password too.
    let papers = "Aide aux démarches : CAF, impôts, retrouver un mot de passe.";
    assert!(fits("J'ai perdu le mot de passe de ma boîte mail, qqn peut m'aider ?", papers));
    // "Son prof dit qu'il faudrait qu'il pratique": practice asked, the teacher quoted.
    let conversation = "Native English speaker, happy to do relaxed English conversation with teenagers. Just talking, no grammar lessons, I'm not a teacher!";
    assert!(fits(
        "Mon fils bloque à l'oral en anglais. Son prof dit qu'il faudrait qu'il pratique avec quelqu'un. Une idée ?",
        conversation
    ));
}

#[test]
fn what_a_request_says_it_needs_nobody_for_or_has_none_of() {
    let maths = "Prof de maths à la retraite, je propose du soutien scolaire en maths pour collégiens.";
    assert!(!fits(
        "Ma fille de 9 ans rêve d'apprendre le piano. Qqn donnerait des cours ? En maths elle a besoin de personne, c'est la musique qui l'intéresse.",
        maths
    ));
    // A plea for a flat that says "pas d'animaux" asks for the flat.
    let dogs = "Je promène et garde les chiens pendant vos absences. Chiens uniquement.";
    assert!(!fits(
        "Je cherche un T2 à louer à partir de novembre. Je suis en CDI, dossier solide, pas d'animaux.",
        dogs
    ));
    // "Besoin de personnes pour porter" still asks.
    let movers = "On est deux étudiants costauds, dispo pour porter cartons et meubles.";
    assert!(fits("Déménagement samedi : besoin de personnes pour porter le canapé.", movers));
    // "Petits et moyens chiens" are dogs.
    let boarding = "Je garde vos petits et moyens chiens chez moi le week-end.";
    assert!(fits("Qqn pourrait garder mon chien samedi et dimanche ?", boarding));
}

#[test]
fn where_relatives_live_is_no_trip() {
    let medical = "J'ai une voiture, j'accompagne les personnes sans véhicule à leurs rendez-vous médicaux (hôpital d'Annonay, kiné, dentiste) en semaine.";
    assert!(fits_in(
        "Ma voisine a un rdv chez l'ophtalmo à l'hôpital d'Annonay mardi 14h. Ses enfants habitent Lyon et travaillent. Qqn pourrait l'emmener ?",
        medical,
        "Annonay"
    ));
    // "Mes enfants résident à Lyon" is no destination either.
    assert!(fits_in(
        "Je dois me rendre à un rendez-vous chez le cardiologue à l'hôpital d'Annonay mardi. Mes enfants résident à Lyon. Quelqu'un pourrait m'y conduire ?",
        medical,
        "Annonay"
    ));
    // Whatever trips a ride names, "peu importe la raison" takes anyone.
    let rodez =
        "Je fais Millau → Rodez tous les mardis, 2 places. Peu importe la raison (rdv, courses, visite), montez !";
    assert!(fits_in("J'ai rdv à la préfecture à Rodez mardi, qqn y va ce jour-là ?", rodez, "Millau"));
}

#[test]
fn what_an_offer_gives_and_when() {
    // "Je donne du soutien" gives a service, not a thing.
    let maths =
        "Prof de maths retraité, je donne du soutien gratuit en maths du collège jusqu'au bac, en visio le soir.";
    assert!(fits(
        "Mon fils est en 1ère spé maths et il décroche complètement. Qqn pourrait l'aider un peu, même en visio le soir ?",
        maths
    ));
    // "Samedi et dimanche uniquement": both days are the only ones.
    let driver = "J'ai une voiture et du temps le week-end (samedi et dimanche uniquement, je travaille en semaine). Je peux vous conduire où vous voulez.";
    assert!(fits("Je ne conduis plus, qqn pourrait m'emmener samedi matin ?", driver));
    assert!(!fits("Qqn pourrait m'emmener voir ma sœur mardi ?", driver));
    // "De temps en temps" gives no time: the vegetables are given.
    let vegetables = "Je donne de temps en temps des légumes de mon potager.";
    assert!(fits("Qqn donnerait des légumes du jardin ?", vegetables));
    // "Mon ancien lit bébé" is a thing given, not a trade.
    let gear = "Je donne mon ancien lit bébé et une poussette.";
    assert!(fits("Je cherche un lit bébé, qqn en donnerait un ?", gear));
}

#[test]
fn news_by_text_message_is_no_help_at_a_distance() {
    let cats = "Je m'occupe de vos chats pendant vos vacances : passage à domicile pour nourrir, litière, câlins et nouvelles par SMS.";
    assert!(!fits_from("Qqn pour nourrir mon chat pendant mes vacances ?", "Abbeville", cats, "Lannion"));
    assert!(fits_from("Qqn pour nourrir mon chat pendant mes vacances ?", "Lannion", cats, "Lannion"));
}

#[test]
fn what_the_author_cannot_do_is_the_need_not_help_given_back() {
    let walker = "Je promène vos chiens le matin ou en fin d'après-midi. Chiens uniquement.";
    assert!(fits(
        "Je me suis fait opérer, je peux pas sortir mon chien pendant un mois. Qqn pourrait le promener ?",
        walker
    ));
    // What the author can do is still given back.
    assert!(!fits("Qqn pourrait m'aider à repeindre ma cuisine ? Je peux promener votre chien en échange.", walker));
}

#[test]
fn the_takers_trip_and_a_trailers_load_are_no_ride_offered() {
    let request = "Je dois aller à la gare le 23 au matin pour mon train. Qqn descend sur Montpellier ce jour-là ?";
    assert!(!fits(
        request,
        "Donne du chêne tombé, 6 stères. Gratuit, faut juste venir le chercher avec votre remorque."
    ));
    assert!(!fits(request, "Je prête ma remorque 750 kg pour un déménagement, la déchetterie, ramener du bois."));
    // The giver who brings it, and the driver who takes people, still do.
    assert!(fits(request, "J'ai une voiture, je peux vous ramener de la gare."));
}

#[test]
fn a_grown_ups_school_days_are_no_pupils_request() {
    let teacher = "Prof d'anglais à la retraite, je donne des cours d'anglais en visio pour les adultes débutants ou qui veulent reprendre : conversation, anglais pour le travail.";
    assert!(fits(
        "Je travaille à la réception d'un hôtel, j'ai fait anglais au collège mais j'ai tout oublié. Qqn pourrait me faire pratiquer le soir ?",
        teacher
    ));
    assert!(!fits(
        "Mon fils est au collège, il a besoin de pratiquer l'anglais. Qqn pourrait l'aider le soir ?",
        teacher
    ));
}

#[test]
fn an_offers_question_to_its_reader_names_what_it_offers() {
    let mover =
        "Besoin de bras pour un déménagement ? Je viens porter cartons et meubles le samedi. J'ai pas de camion.";
    assert!(fits(
        "Je déménage samedi, j'ai loué un camion mais on est que 2. Qui peut venir donner un coup de main le matin ?",
        mover
    ));
    // What an offer's author asks for themselves is still no help offered.
    assert!(!fits(
        "Qqn pour garder mon chat ?",
        "Je garde vos enfants le mercredi. Qqn aurait une cage pour mon chat à me prêter ?"
    ));
}

#[test]
fn a_clause_after_a_colon_is_no_list_of_examples() {
    let driver = "Je fais déjà le taxi pour mes enfants le mercredi. J'ai 2 places de libre + rehausseurs : je peux emmener vos enfants à leurs activités du mercredi (piscine, judo, foot).";
    assert!(fits(
        "Ma fille a judo le mercredi à 14h et je travaille. Qqn pour l'emmener à l'aller ? Elle a son rehausseur.",
        driver
    ));
}

#[test]
fn where_the_requester_is_is_no_destination() {
    let driver = "J'ai une voiture. Je peux accompagner les personnes à leurs rendez-vous médicaux (spécialiste, kiné) : je conduis, j'attends, je vous ramène.";
    assert!(fits(
        "Ma grand-mère a un rdv chez l'ophtalmo au CHU mardi. Elle ne conduit plus et moi je suis à Paris pour le travail. Qqn pourrait l'y emmener et la ramener ?",
        driver
    ));
}

#[test]
fn elisions_are_read_from_the_text() {
    let request = "Je dois aller à la gare le 23 au matin. Qqn descend sur Montpellier ce jour-là ?";
    // "À venir chercher": the taker comes.
    assert!(!fits(request, "Je donne mon canapé d'angle, il est à venir le chercher sur place."));
    // "L'emmener de la gare" carries someone.
    assert!(fits(request, "J'ai une voiture : ma voisine, je peux l'emmener à la gare et la ramener de la gare."));
    // "J'emmène…" after a colon is a clause, no list of examples.
    let driver = "J'ai 2 places et des rehausseurs : j'emmène vos enfants à leurs activités du mercredi (judo, foot).";
    assert!(fits("Ma fille a judo le mercredi. Qqn pour l'emmener ?", driver));
}
