//! Everyday words with a second sense: a "prise de rendez-vous" is no socket, a "stage de foot"
//! no internship, a flat tyre no flat to rent. Each request below says the word in its everyday
//! sense and must not reach an offer of the concept the word also names; the last test keeps
//! the needs those words do name.

use super::*;

/// (request, offer it must not reach). Each pair matched before the thesaurus was mended.
const OTHER_SENSE: &[(&str, &str)] = &[
    (
        "Qqn pour m'aider à prendre rendez-vous ? La prise de rendez-vous en ligne est impossible",
        "Électricien retraité, je change vos prises et interrupteurs.",
    ),
    (
        "Je cherche qqn pour garder mes enfants, selon mon emploi du temps",
        "J'aide à rédiger CV et lettres de motivation.",
    ),
    ("Could someone help me book a doctor's appointment online?", "I'm giving away a box of children's books."),
    (
        "Ma machine à laver fait du bruit à l'essorage, qqn peut regarder ?",
        "Médiatrice bénévole, j'aide à régler les conflits de voisinage.",
    ),
    ("Can someone clean my windows? I can't reach them anymore", "I fix Windows laptops and remove viruses."),
    (
        "Mon fils cherche un stage de foot pour les vacances",
        "J'aide les collégiens à trouver leur stage en entreprise.",
    ),
    ("Qqn a un bon tuyau pour trouver un appart pas cher ?", "Plombier retraité, je répare les fuites et les tuyaux."),
    ("Qqn pour nettoyer la cage d'escalier de mon immeuble ?", "Je garde vos lapins et vos hamsters, cage comprise."),
    ("Qqn pour aider une femme enceinte à porter ses courses ?", "Je prête ma sono et mes enceintes pour vos fêtes."),
    ("Qqn pour aider ma fille enceinte à porter ses courses ?", "Je prête ma sono et mes enceintes pour vos fêtes."),
    (
        "We have ants in the kitchen, does anyone know how to get rid of them?",
        "I help with paperwork and forms, ANTS and CAF included.",
    ),
    ("My bike has a flat, can anyone help?", "Looking for a flatmate? I rent a room in my flat."),
    ("Qqn pourrait m'aider à faire un arbre généalogique ?", "Élagueur, je taille vos arbres."),
    ("Qqn a des livres pour enfants à donner ?", "Je livre vos courses à domicile."),
    (
        "J'ai perdu la clé de ma cave, qqn pourrait m'ouvrir ?",
        "Je peux garder vos clés et relever votre courrier pendant vos vacances.",
    ),
    (
        "Qqn pour sortir mes poubelles le mardi soir ? L'infirmière passe le matin mais elle ne fait pas ça.",
        "Infirmière à la retraite, je fais vos pansements à domicile.",
    ),
];

#[test]
fn a_word_said_in_its_everyday_sense_names_no_other_need() {
    let wrong: Vec<&(&str, &str)> = OTHER_SENSE.iter().filter(|(request, offer)| fits(request, offer)).collect();
    assert!(wrong.is_empty(), "matched on a word's other sense: {wrong:#?}");
}

#[test]
fn the_needs_those_words_name_still_fit() {
    let pairs = [
        (
            "La prise de ma cuisine ne marche plus, qqn pour la changer ?",
            "Électricien retraité, je change vos prises et interrupteurs.",
        ),
        ("Je cherche une chambre pour septembre", "Je loue une chambre meublée dans mon appartement."),
        (
            "Ma mère ne peut plus prendre sa douche seule, qqn pour l'aider le matin ?",
            "Auxiliaire de vie, j'aide à la toilette et à la douche.",
        ),
        ("Need a lift to the airport on Sunday", "I give lifts to the station and the airport in my car."),
        (
            "Qqn pour aider mon fils à réviser le bac de français ?",
            "Étudiante en lettres, j'aide les lycéens à préparer le bac de français.",
        ),
        ("Mon fils cherche un stage de 3e", "J'aide les collégiens à trouver leur stage en entreprise."),
        ("Besoin d'enceintes pour l'anniversaire de ma fille", "Je prête ma sono et mes enceintes pour vos fêtes."),
        (
            "Je me sens très isolée depuis mon veuvage, qqn pour discuter ?",
            "Je rends visite aux personnes seules pour discuter un moment.",
        ),
        (
            "Qqn pour cuisiner pour ma mère qui sort de l'hôpital ?",
            "Je cuisine des repas pour les personnes isolées du quartier.",
        ),
        ("Ma machine à laver Samsung fuit, qqn s'y connaît ?", "Je répare les machines à laver et les lave-vaisselle."),
        ("Could someone clean my windows? I can't reach them anymore", "I do housework: cleaning floors and windows."),
        (
            "Qqn pour m'aider à isoler les combles de ma maison ?",
            "J'aide à poser l'isolation des combles, j'ai l'habitude.",
        ),
        ("I need a flat in Lille from September", "I rent a flat in Lille, one bedroom, from September."),
        ("Anyone got a saw I could borrow this weekend?", "I lend my tools: a saw, a drill and a ladder."),
        (
            "Je pars trois semaines, qqn pourrait garder un double de mes clés et relever le courrier ?",
            "Je peux garder vos clés et relever votre courrier pendant vos vacances.",
        ),
        (
            "J'ai perdu mes clés de voiture vers la gare, qqn les a trouvées ?",
            "J'ai trouvé un trousseau de clés rue de la gare.",
        ),
        ("Je cherche qqn pour m'apprendre à cuisiner", "Je donne des cours de cuisine le samedi."),
        ("Qqn aurait des livres pour enfants à donner ?", "Je donne des livres pour enfants."),
        (
            "Qqn pour sortir mes poubelles le mardi soir ?",
            "Je sors les poubelles de mes voisins âgés, sortir les bacs c'est rien.",
        ),
        (
            "My mum lives alone and would love a friendly call now and then",
            "Friendly phone calls for people who live alone, once or twice a week.",
        ),
    ];
    let lost: Vec<&(&str, &str)> = pairs.iter().filter(|(request, offer)| !fits(request, offer)).collect();
    assert!(lost.is_empty(), "no longer met: {lost:#?}");
}
