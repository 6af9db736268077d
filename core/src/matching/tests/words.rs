//! Words of the domain the thesaurus reads: seedlings, an internet box, a herd, a court
//! hearing, a certificate of conformity, the languages families speak, French for the bac.

use super::*;

#[test]
fn seedlings_given_are_a_vegetable_gardens_not_watering() {
    let giver = "Au printemps je donne mes plants en trop (tomates, courgettes, poivrons), passez au jardin.";
    assert!(fits("Qqn aurait des plants de tomates ou de courgettes en trop ? J'ai raté mes semis.", giver));
    assert!(!fits("Qqn pourrait arroser mes plantes vertes pendant mes vacances ?", giver));
}

#[test]
fn an_internet_box_is_internet() {
    let helper = "Je peux venir chez vous installer votre box (ADSL, 4G, satellite), régler le wifi.";
    assert!(fits(
        "Orange nous a envoyé une box 4G mais le voyant reste rouge. Qqn pourrait venir nous l'installer ?",
        helper
    ));
}

#[test]
fn taking_control_of_a_computer_is_no_socket() {
    let remote = "Aide informatique à distance, par téléphone ou prise en main (AnyDesk) : mails, démarches en ligne.";
    assert!(!fits(
        "Qqn connaît un électricien pour remettre le tableau aux normes ? Les prises ne sont pas reliées à la terre.",
        remote
    ));
}

#[test]
fn a_herd_to_tend_wants_a_farm_hand() {
    let farmer = "Retraité agricole, si vous êtes hospitalisé je peux venir soigner vos bêtes (vaches, volailles) : donner à manger, traire, surveiller.";
    assert!(fits(
        "Mon père se fait opérer. Il faudrait qqn pour passer matin et soir : foin, eau, surveiller les vêlages qui commencent.",
        farmer
    ));
    assert!(!fits("Qqn pourrait nourrir mes deux chats pendant une semaine ?", farmer));
}

#[test]
fn alterations_are_no_dressmaking_turned_down() {
    let seamstress = "Couturière, je fais les petites retouches : ourlets, fermetures éclair. Je ne fais pas de création de vêtements sur mesure.";
    assert!(fits("Qqn pourrait me faire l'ourlet de mon pantalon de costume avant jeudi ?", seamstress));
    assert!(!fits("Je cherche qqn pour me coudre une robe de A à Z, j'ai le patron et le tissu.", seamstress));
}

#[test]
fn a_court_hearing_wants_a_lawyer_not_advice() {
    let adviser = "Juriste retraitée, je donne des conseils juridiques par téléphone : conflits de voisinage, bornage. Je ne suis pas avocate : je ne représente personne au tribunal.";
    assert!(!fits(
        "Mon voisin m'a assigné au tribunal, audience le 12. Il me faut un avocat pour me représenter, qqn connaît ?",
        adviser
    ));
    assert!(fits(
        "Mon voisin a déplacé la clôture sur mon terrain, quels sont mes droits ? Qqn pour me conseiller ?",
        adviser
    ));
}

#[test]
fn french_for_newcomers_is_no_help_with_the_bac() {
    let fle =
        "Je donne des cours de français par visio aux anglophones installés en France : débutants ou perfectionnement.";
    assert!(!fits(
        "Ma fille est en 1ère, elle passe le bac de français en juin et elle est perdue en commentaire de texte. Qqn pourrait l'aider ?",
        fle
    ));
    assert!(fits("We just moved here and I'd love French lessons, even by video. Anyone?", fle));
}

#[test]
fn a_certificate_of_conformity_wants_a_qualified_professional() {
    let handy = "Électricien de formation, je dépanne pour les petits trucs : changer une prise, un interrupteur. Je ne délivre ni attestation ni certificat de conformité.";
    assert!(!fits(
        "Enedis ne met pas le compteur en service sans l'attestation de conformité Consuel. Qqn connaît un électricien habilité qui peut signer l'attestation ?",
        handy
    ));
    assert!(fits("Ma prise de la cuisine ne marche plus, qqn pour la changer ?", handy));
    let retired = "Retired electrician, I can fix sockets and lights for neighbours.";
    assert!(!fits("The insurer wants a certified electrician for my new sockets.", retired));
    assert!(!fits("Could an electrician sign off the wiring of my new sockets for the insurer?", retired));
    assert!(fits("A socket in my kitchen stopped working, could someone fix it?", retired));
}

#[test]
fn a_move_out_inspection_is_no_dispute_and_an_uncles_drives_are_his() {
    let adviser = "Juriste retraitée, je donne des conseils par téléphone sur le logement : bail, caution, charges.";
    assert!(!fits(
        "Je déménage mardi, l'état des lieux de sortie est à 14h. Il me faudrait 2 paires de bras le matin pour charger le camion.",
        adviser
    ));
    assert!(fits(
        "J'ai rendu les clés il y a 4 mois, ma proprio refuse de me rendre les 800€ alors que l'état des lieux était nickel. J'ai des recours ?",
        adviser
    ));
    let driver = "Je propose d'emmener les personnes à leurs rendez-vous médicaux : hôpital, clinique, kiné. Uniquement pour les rdv médicaux.";
    assert!(!fits(
        "C'est mon oncle qui conduit ma mère à ses rdv à l'hôpital mais il n'a pas le temps de m'apprendre. Qqn avec une voiture à double commande pourrait me donner des heures de conduite ?",
        driver
    ));
    // What the uncle does is his, up to the clause's end.
    let sitter = "Je garde vos chats pendant vos absences, passages matin et soir.";
    assert!(!fits(
        "C'est mon oncle qui conduit ma mère à ses rdv à l'hôpital. Qqn pourrait garder mon chat ce week-end ?",
        driver
    ));
    assert!(fits(
        "C'est mon oncle qui conduit ma mère à ses rdv à l'hôpital. Qqn pourrait garder mon chat ce week-end ?",
        sitter
    ));
    assert!(fits("Mon oncle qui m'emmenait est malade, qqn pour m'emmener à mes rdv à l'hôpital ?", driver));
}

#[test]
fn a_language_to_learn_wants_a_teacher_of_it() {
    let club = "Bénévole au club devoirs, j'aide les enfants du primaire en lecture, écriture et maths.";
    assert!(!fits(
        "My kids want to learn to read and write Arabic properly. Is anyone offering Arabic lessons for children?",
        club
    ));
    // Nor is "c'est du chinois" a language to learn.
    let maths = "Je donne des cours de maths aux collégiens et lycéens, jusqu'à la terminale.";
    assert!(fits(
        "Mon fils est en 1ère et il coule en spé maths, les suites c'est du chinois pour lui. On n'a pas les moyens des cours payants. Qqn pourrait l'aider ?",
        maths
    ));
}

#[test]
fn an_interpreter_of_one_language_is_no_help_in_another() {
    let portuguese =
        "Je traduis et j'explique vos courriers pour les personnes lusophones : CAF, impôts. Traduction informelle.";
    assert!(!fits(
        "Mon père ne parle que tamoul, il doit voir un cardiologue. Qqn parle tamoul et pourrait l'accompagner et traduire ?",
        portuguese
    ));
    let tamil = "Je parle tamoul et français, j'accompagne aux rendez-vous médicaux pour traduire.";
    assert!(fits(
        "Mon père ne parle que tamoul, il doit voir un cardiologue. Qqn parle tamoul et pourrait l'accompagner et traduire ?",
        tamil
    ));
}

#[test]
fn help_with_french_is_no_english_tutors() {
    let english = "I'm an Erasmus student, I'd love to help kids practise their English: English homework, reading stories in English.";
    assert!(!fits(
        "Our kids are struggling at school because everything is in French. Someone who could help them with their French homework and reading?",
        english
    ));
    assert!(fits("My son needs help with his English homework, anyone?", english));
}

#[test]
fn a_school_run_on_foot_and_a_check_up_at_the_maternity_ward() {
    let walker = "Retraitée, je propose d'accompagner des enfants à pied à l'école le matin, du lundi au vendredi. Pas le soir par contre.";
    assert!(fits(
        "Je reprends le travail lundi et je pars à 8h, l'école ouvre à 8h20. Qqn pourrait accompagner mes enfants à pied le matin ?",
        walker
    ));
    let driver = "J'ai une voiture, je conduis les personnes à leurs rendez-vous médicaux : maternité, pédiatre, hôpital. Uniquement pour les rdv médicaux.";
    assert!(fits(
        "I'm 34 weeks pregnant and have my monitoring appointment at the maternity ward on Thursday. Could someone drive me there?",
        driver
    ));
}

#[test]
fn what_a_verb_makes_is_offered() {
    let seamstress = "Couturière amatrice, je fais les petites retouches et je peux coudre des déguisements pour enfants (carnaval, kermesse).";
    assert!(fits(
        "Ma fille veut être un renard pour le carnaval. Je ne sais pas coudre... Qqn pourrait m'aider à lui faire un déguisement ?",
        seamstress
    ));
}

#[test]
fn a_ceiling_light_and_a_kit_to_put_together() {
    let electrician = "Électricien de formation, je peux changer une prise, un interrupteur, poser un luminaire.";
    assert!(fits(
        "J'ai acheté une jolie suspension pour la chambre de mon bébé mais il y a juste des fils qui sortent du plafond. Qqn pourrait me la poser ?",
        electrician
    ));
    let assembler = "Dispo pour monter vos meubles en kit (lit bébé, commode, armoire), j'ai la visseuse.";
    assert!(fits(
        "Le lit à barreaux et la commode sont arrivés en 150 pièces et je ne peux plus me baisser. Qqn pour m'aider à monter tout ça ?",
        assembler
    ));
}

#[test]
fn a_french_proofreader_reads_no_english_thesis() {
    let proofreader = "Ex-prof de français, je relis et corrige vos textes en français : courriers, CV, mémoires. Uniquement en français.";
    assert!(!fits(
        "I'm finishing my master's thesis (in English) and I need someone to proofread it for grammar. Can anyone help?",
        proofreader
    ));
    assert!(fits("Je finis mon mémoire de master, qqn pourrait le relire pour corriger les fautes ?", proofreader));
}
