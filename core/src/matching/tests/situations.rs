//! A requester's situation beside the need: a job advertised, help every weekday, what the
//! person helped already has, a room for a few nights, a CV after a dismissal.

use super::*;

#[test]
fn a_job_advertised_is_no_help_asked() {
    let farm = "Exploitation céréalière recherche ouvrier agricole pour la récolte, juillet à octobre. Contrat saisonnier, salaire selon convention, permis tracteur apprécié.";
    let driving = "Je donne des heures de conduite pour passer le permis, avec ma voiture.";
    assert!(!fits(farm, driving));
    // Neighbours who "recrutent des bras" ask for help.
    let mover = "Besoin de bras pour un déménagement ? Je viens porter cartons et meubles le samedi.";
    assert!(fits("On recrute des bras pour le déménagement de samedi, qui est dispo ?", mover));
}

#[test]
fn help_every_weekday_is_no_wednesday_helpers() {
    let wednesday =
        "Je peux emmener vos enfants à leurs activités du mercredi (piscine, judo, foot). Mercredi seulement.";
    assert!(!fits(
        "Je commence à 7h30 tous les jours. Qqn pourrait emmener mes deux garçons à l'école le matin du lundi au vendredi ?",
        wednesday
    ));
    // Help on named days, every week, may take a helper free on one of them ("les mardis ou
    // les jeudis").
    let monday = "Je garde vos enfants le lundi après l'école.";
    assert!(fits("Qqn pourrait garder mes enfants les lundis ou les jeudis après l'école ?", monday));
    // A time already covered is not asked: "le soir j'ai la garderie ça va".
    let mornings =
        "Je propose d'accompagner des enfants à pied à l'école le matin, du lundi au vendredi. Pas le soir par contre.";
    assert!(fits(
        "Qqn pourrait accompagner mes enfants à pied le matin du lundi au vendredi ? Le soir j'ai la garderie ça va.",
        mornings
    ));
    assert!(fits(
        "Qqn pourrait accompagner mes enfants à pied le matin du lundi au vendredi ? Le soir ils vont à la garderie.",
        mornings
    ));
}

#[test]
fn what_the_person_helped_has_and_a_leak_to_look_at() {
    let visitor = "Visites de convivialité : je rends visite aux personnes seules pour discuter, jouer aux cartes. Je ne fais pas de soins ni de ménage.";
    assert!(fits(
        "Ma maman a 88 ans et vit seule. Elle a une aide-ménagère 2h par semaine et l'infirmière passe, mais elle ne voit personne pour parler. Qqn pourrait lui rendre visite ?",
        visitor
    ));
    let plumber = "Petite plomberie : joint qui fuit, siphon bouché, changement de mitigeur. Plombier à la retraite.";
    assert!(fits(
        "J'ai une fuite sous l'évier depuis hier, ça goutte au niveau du siphon, qqn du SEL pourrait passer voir ? Je rends en grains.",
        plumber
    ));
}

#[test]
fn a_room_for_a_few_nights_a_market_walk_and_a_cv_after_a_dismissal() {
    let host = "Chambre d'amis dispo pour dépanner 1 à 3 nuits max. Pas de location longue durée.";
    assert!(fits(
        "Mon mari est hospitalisé en urgence, je voudrais rester près de lui. Quelqu'un aurait une chambre pour me dépanner ?",
        host
    ));
    let walker = "Je peux accompagner une personne âgée faire son marché le samedi matin, porter le panier.";
    assert!(fits(
        "Ma mère aime aller au marché le samedi mais elle a peur de tomber. Qqn pourrait l'accompagner le samedi matin ?",
        walker
    ));
    let adviser = "Aide à la rédaction de CV et lettres de motivation, préparation aux entretiens. Ex-conseillère RH.";
    assert!(fits(
        "Je cherche du travail depuis 6 mois après un licenciement. Mon CV est nul et je sais pas faire les lettres de motivation. Qqn pourrait m'aider à les refaire ?",
        adviser
    ));
}

#[test]
fn a_club_a_leak_and_a_question_ask_what_they_say() {
    // Picking a child up at the after-school club asks that evening.
    let mornings = "Je garde vos enfants le matin avant l'école. Pas le soir par contre.";
    assert!(!fits("Qqn pourrait récupérer mon fils à la garderie le soir ?", mornings));
    // "Il y a une fuite" is no leak the author has sorted.
    let no_plumbing = "Je fais les petits travaux de bricolage : étagères, tringles. Pas de plomberie.";
    assert!(!fits("Il y a une fuite sous mon évier, qqn pourrait réparer ?", no_plumbing));
    // An offer's question that asks for its author offers nothing.
    let sitter = "Je garde vos enfants le mercredi. Quelqu'un aurait une remorque à prêter ?";
    assert!(!fits("Qqn pourrait me prêter une remorque samedi ?", sitter));
    // Where a requester is summoned is a destination; where they are is not.
    let local = "Je fais des trajets dans Rennes et autour : gare, courses, rdv médicaux.";
    assert!(!fits("Je suis convoquée à Nantes lundi pour un entretien, qqn y va ?", local));
}
