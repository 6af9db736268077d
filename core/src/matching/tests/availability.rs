//! When a helper is free and what they hand over: a day an offer turns down ("pas dispo le
//! vendredi", "sauf le dimanche"), a time refused after it ("le soir je peux pas"), a day a
//! request says only; a thing wanted for good, a thing asked of help at a distance, and a
//! length of time that is no child's age.

use super::*;

#[test]
fn a_day_an_offer_turns_down_is_not_asked_of_it() {
    let request = "Qqn pour garder mes deux filles vendredi soir ? On est invités à un mariage.";
    for offer in [
        "Je fais du baby-sitting le week-end. Pas dispo le vendredi.",
        "Baby-sitting tous les soirs sauf le vendredi.",
        "I can babysit in the evenings, except Fridays.",
        "I babysit evenings and weekends. Not available on Fridays (choir practice).",
    ] {
        assert!(!fits(request, offer), "{offer}");
    }
    assert!(fits(request, "Je fais du baby-sitting le soir, pas dispo le mardi."));
    assert!(fits(request, "Je fais du baby-sitting le vendredi soir et le samedi."));
}

#[test]
fn a_time_refused_right_after_it_is_turned_down() {
    let mornings = "Je conduis mes enfants à l'école tous les matins, il me reste une place. Le soir par contre je peux pas, je finis tard.";
    assert!(!fits("Qqn pourrait ramener mon fils de l'école le soir ? Je finis à 19h.", mornings));
    assert!(fits("Qqn pourrait emmener mon fils à l'école le matin ? Je commence à 7h.", mornings));
    // A student busy with classes during the week is free only at the weekend.
    let student =
        "Student here, happy to help you carry furniture when you move. Sat/Sun only, I have classes during the week.";
    assert!(!fits("I'm moving on Wednesday afternoon, could someone help carry a sofa and a bed?", student));
    assert!(fits("I'm moving on Saturday, could someone help carry a sofa and a bed?", student));
}

#[test]
fn a_day_given_back_or_not_yet_is_no_day_turned_down() {
    let request = "Qqn pour garder mes deux filles dimanche soir ?";
    assert!(fits(request, "Baby-sitting le soir. Pas dispo le week-end, sauf le dimanche."));
    assert!(fits(request, "Baby-sitting le soir, tous les jours sauf le mercredi. Dimanche ça me va."));
    assert!(!fits(request, "Baby-sitting le soir, tous les jours sauf le dimanche."));
    assert!(!fits(request, "Baby-sitting le soir. Indisponible le dimanche."));
    // A class on one day, and a clause apart, turn down no other day.
    assert!(fits(request, "Étudiante, je fais du baby-sitting le soir. J'ai cours, le week-end je suis dispo."));
    // Free from a day on is no day turned down.
    assert!(fits(request, "Baby-sitting le soir. Pas dispo avant dimanche, je rentre de vacances."));
    // A free day is not refused, nor is a day given in part.
    assert!(fits(request, "Baby-sitting le soir. Le dimanche je ne travaille pas."));
}

#[test]
fn children_minded_are_not_undone_by_someone_else_in_another_sentence() {
    let offer = "Je peux aller chercher vos enfants à l'école à 16h30 et les garder chez moi jusqu'à 18h30. Pas le mercredi, je m'occupe de ma voisine âgée.";
    assert!(fits("Qqn pour récupérer mon fils à l'école à 16h30 le mardi et le garder un peu ?", offer));
}

#[test]
fn a_day_a_request_says_only_is_the_day_asked() {
    let wednesdays = "J'ai une remorque, je peux emmener vos déchets verts à la déchetterie le mercredi après-midi.";
    assert!(!fits(
        "Qqn pour emmener des tailles de haie à la déchetterie ? Samedi seulement, je travaille toute la semaine.",
        wednesdays
    ));
    assert!(fits("Qqn pour emmener des tailles de haie à la déchetterie mercredi ?", wednesdays));
    assert!(!fits(
        "Qqn pour emmener des tailles de haie à la déchetterie ? Uniquement le samedi, je travaille toute la semaine.",
        wednesdays
    ));
    // Someone else's day is not the day asked.
    assert!(fits(
        "L'aide-ménagère vient seulement le samedi. Qqn pour emmener des tailles de haie à la déchetterie ?",
        wednesdays
    ));
}

#[test]
fn a_thing_wanted_for_good_is_not_met_by_a_loan() {
    let lent = "Je prête un rehausseur et un lit parapluie pour les vacances, vous me les rendez après.";
    assert!(!fits("Qqn aurait un rehausseur dont il n'a plus besoin ? Le nôtre est cassé.", lent));
    assert!(!fits("Je cherche un rehausseur à acheter ou récupérer, pas à emprunter.", lent));
    assert!(fits("Qqn pourrait me prêter un rehausseur pour le week-end ?", lent));
    // A gift asked is not a loan either.
    let bike = "Je prête mon vélo pour la journée, à rendre le soir.";
    assert!(!fits("Qqn me donnerait un vélo pour ma fille ?", bike));
    assert!(fits("Qqn me prêterait un vélo pour ma fille samedi ?", bike));
}

#[test]
fn a_thing_is_not_handed_over_at_a_distance() {
    // (What an offer says of second-hand things reads as a thing sold: only its place tells.)
    let second_hand = "Je vous aide en visio à choisir un frigo d'occasion : quoi regarder, les pièges du bon coin.";
    assert!(!fits_from("Qqn donne ou vend pas cher un frigo ? Le nôtre a lâché.", "Lyon", second_hand, "Lyon"));
    let advice = "Je vous conseille en visio pour choisir un frigo ou un lave-linge d'occasion : quoi regarder, les pièges à éviter.";
    assert!(fits_from("Je dois changer de frigo, qqn pour me conseiller sur quoi choisir ?", "Lyon", advice, "Lyon"));
}

#[test]
fn a_thing_named_inside_a_lot_is_not_the_lot() {
    let lot = "Vends lot de puériculture : baignoire, stérilisateur, biberons. Pas de tire-lait.";
    assert!(!fits("Qqn vendrait un tire-lait électrique d'occasion ?", lot));
    assert!(fits("Qqn vendrait une baignoire bébé d'occasion ?", lot));
}

#[test]
fn a_length_of_time_is_no_childs_age() {
    let from_three = "Baby-sitting le samedi soir, enfants à partir de 3 ans. Je ne garde pas les bébés.";
    assert!(!fits("Qqn pour garder notre fils de 10 mois samedi soir ? C'est pour nos 10 ans de mariage.", from_three));
    assert!(fits("Qqn pour garder notre fils de 4 ans samedi soir ? C'est pour nos 10 ans de mariage.", from_three));
}

#[test]
fn a_childs_thing_is_no_help_to_an_adult() {
    let kids = "Je prête le matériel de ski de mes enfants : skis 100 et 120 cm, chaussures du 28 au 34, casques.";
    assert!(!fits("Qqn prêterait des skis adulte et des chaussures en 43 pour une semaine ?", kids));
    assert!(fits("Qqn prêterait des skis pour mon fils de 8 ans pour une semaine ?", kids));
}

#[test]
fn someone_who_comes_is_not_a_call() {
    let calls = "Appels de convivialité par téléphone : je vous appelle une ou deux fois par semaine pour discuter.";
    assert!(!fits_from(
        "Ma mère est seule à l'hôpital, qqn pourrait venir lui rendre visite de temps en temps ?",
        "Lyon",
        calls,
        "Lyon"
    ));
    assert!(fits_from(
        "Ma mère est seule, qqn pourrait l'appeler de temps en temps pour discuter ?",
        "Lyon",
        calls,
        "Lyon"
    ));
    // "Pourrait venir" asks someone to come, "venir en aide" only for help.
    let it_help = "Aide informatique à distance, par téléphone : mails, imprimante, smartphone.";
    assert!(!fits_from("Qqn pourrait venir en fin de journée installer mon imprimante ?", "Lyon", it_help, "Lyon"));
    assert!(fits_from("Qqn pourrait me venir en aide pour installer mon imprimante ?", "Lyon", it_help, "Lyon"));
    // A visitor who also calls still comes.
    let visits = "Je rends visite aux personnes seules de mon quartier, et je peux aussi vous appeler.";
    assert!(fits_from(
        "Ma mère est seule à l'hôpital, qqn pourrait venir lui rendre visite de temps en temps ?",
        "Lyon",
        visits,
        "Lyon"
    ));
}

#[test]
fn a_sale_posted_as_a_request_asks_nothing() {
    let given = "Je donne un fauteuil roulant pliant, très bon état, à venir chercher.";
    assert!(!fits("Je vends le fauteuil roulant de mon père, état neuf, prix à débattre.", given));
    assert!(!fits("I'm selling my late father's wheelchair, as new, price negotiable.", given));
    assert!(fits("Qqn donnerait un fauteuil roulant ? Mon père ne peut plus marcher.", given));
}

#[test]
fn what_an_offer_turns_down_by_name_is_not_asked_of_it() {
    let hand_sewing = "Je montre en visio les bases de la couture à la main : boutons, ourlets. Pas de machine, je ne connais pas les machines.";
    assert!(!fits_from(
        "J'ai reçu une machine à coudre, qqn pour m'apprendre à m'en servir ?",
        "Lyon",
        hand_sewing,
        "Lyon"
    ));
    assert!(fits_from("Qqn pour m'apprendre à coudre un bouton ?", "Lyon", hand_sewing, "Lyon"));
    // A word the offer names in what it offers is not turned down with something else.
    let taxes =
        "Je vous aide pour votre déclaration de revenus. Je ne fais pas les déclarations URSSAF des entreprises.";
    assert!(fits("Qqn pour m'aider à remplir ma déclaration d'impôts ?", taxes));
}
