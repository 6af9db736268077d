//! Matching rules, without a database: what it understands, where it reaches, when it stays
//! silent.

use super::thesaurus::THESAURUS;
use super::*;
use crate::model::{PostKind, PostState};

fn post(id: i64, author: i64, kind: PostKind, text: &str, place: Place) -> Post {
    Post {
        id,
        community_id: 1,
        author_id: author,
        kind,
        category: infer_category(text),
        topic: "other".to_owned(),
        text: text.to_owned(),
        place,
        state: PostState::Open,
        created_at: 0,
        updated_at: 0,
        on_behalf_of: None,
    }
}

fn local(city: &str) -> Place {
    Place::Local(city.to_owned())
}

/// Whether an offer fits a request in another city: the offer's place is read from its text
/// ("en visio" reaches everywhere), as the service does.
fn fits_from(request: &str, request_city: &str, offer: &str, offer_city: &str) -> bool {
    let request = post(1, 1, PostKind::Request, request, local(request_city));
    let offer = post(2, 2, PostKind::Offer, offer, infer_place(PostKind::Offer, offer, Some(offer_city)));
    !best_offers(&request, &[offer], MAX_RESULTS).is_empty()
}

/// Whether an offer fits a request, both in `city`.
fn fits_in(request: &str, offer: &str, city: &str) -> bool {
    let request = post(1, 1, PostKind::Request, request, local(city));
    let offer = post(2, 2, PostKind::Offer, offer, local(city));
    !best_offers(&request, &[offer], MAX_RESULTS).is_empty()
}

fn fits(request: &str, offer: &str) -> bool {
    fits_in(request, offer, "Lyon")
}

mod asides;
mod availability;
mod conditions;
mod everyday;
mod limits;
mod reading;
mod senses;
mod situations;
mod talk;
mod words;

#[test]
fn understands_how_members_write() {
    let pairs = [
        // accents, case, punctuation, emoji
        ("qui peut REPARER mon velo ?? 🙏", "Je répare les vélos"),
        // elisions and plurals, verb forms
        ("Quelqu'un prête une perceuse ?", "je prête mes perceuses"),
        ("I need someone lending a ladder", "I lend my stepladder"),
        // typos on longer words
        ("besoin d'une perseuse", "Je prête ma perceuse"),
        ("cherche babysiting samedi", "je fais du baby-sitting le week-end"),
        // compound and hyphenated words
        ("une perceuse-visseuse pour ce week-end", "je prête ma visseuse"),
        ("vide-grenier dimanche, il me faut une tonnelle", "je prête un barnum pour vos vide greniers"),
        // synonyms across both languages
        ("Quelqu'un aurait un rétroprojecteur ?", "Je prête mon vidéoprojecteur"),
        ("Quelqu'un aurait une scie ?", "Je prête ma scie sauteuse"),
        ("mon lave-linge est en panne", "je répare les machines à laver"),
        ("Need a pressure washer", "je prête un nettoyeur haute pression"),
        // a need and the skill that meets it
        ("mon chauffe-eau fuit", "je fais de la plomberie"),
        ("je n'arrive pas à remplir ma déclaration d'impôts", "aide aux démarches en ligne et impôts"),
        ("ma voisine âgée a besoin d'aide pour ses courses", "je fais les courses de mes voisins"),
        ("mon fils bloque en maths en 4e", "soutien scolaire en mathématiques collège"),
        // paraphrases: a need reaches the skill that meets it
        ("Quelqu'un pour les leçons de mon fils en 6e ?", "Soutien scolaire en maths et français pour collégiens"),
        ("Personne pour emmener ma mère à ses dialyses", "J'accompagne en voiture aux rendez-vous médicaux"),
        ("Mon propriétaire garde ma caution, que faire ?", "Conseils juridiques sur le logement et les baux"),
        ("qui peut garder mon chat pendant les vacances", "cat sitting, j'adore les chats"),
        (
            "Qqn pour garder mes 2 enfants (3 et 6 ans) samedi soir ? On a un mariage",
            "Étudiante avec BAFA, je garde bébés et enfants le soir et le week-end.",
        ),
        (
            "Qqn va à la gare demain soir ? J'ai une grosse valise",
            "Trajets vers la gare ou l'aéroport, dispo en soirée",
        ),
        (
            "Ma mère doit aller en dialyse 3 matins par semaine. Qqn pourrait l'emmener ?",
            "Retraitée avec voiture : j'accompagne aux rdv médicaux (hôpital, labo).",
        ),
        ("Mon fils de 4 ans parle très peu, la crèche s'inquiète", "Orthophoniste, je conseille les parents en visio."),
        (
            "Mes voisins font la fête toutes les nuits, comment gérer ça ?",
            "Médiateur, j'aide à régler les conflits de voisinage.",
        ),
        (
            "Mon père voudrait apprendre à lire ses mails et prendre rdv sur Doctolib",
            "Initiation informatique pour seniors : mails, Doctolib.",
        ),
    ];
    for (request, offer) in pairs {
        assert!(fits(request, offer), "{request:?} should fit {offer:?}");
    }
}

#[test]
fn stays_silent_when_only_the_kind_of_help_or_the_context_is_shared() {
    let pairs = [
        ("Quelqu'un prête une tondeuse ?", "Je prête ma scie sauteuse"),
        ("qui peut garder mes enfants samedi", "je peux garder votre chien samedi"),
        ("Je cherche un violon pour mon fils", "Je donne des vêtements pour enfants"),
        ("cours de maths pour ma fille", "cours de piano pour enfants"),
        ("qui peut réparer mon vélo", "je répare les machines à coudre"),
        ("je donne un canapé", "récupération de données sur disque dur"),
        ("aide pour faire les courses", "cours d'anglais"),
        // siblings under one broad concept are different help
        ("Qqn a une scie sauteuse à prêter ?", "Je prête ma scie circulaire"),
        ("il me faut une tronçonneuse", "je prête une scie"),
        ("qqn pour tondre ma pelouse ?", "je taille vos haies et vos arbres fruitiers"),
        ("Je cherche un kiné pour ma rééducation", "Infirmière, je fais les pansements à domicile"),
        ("mon imprimante ne marche plus", "je dépanne vos PC sous Windows"),
        ("qui peut garder mon chien ?", "je garde vos chats pendant les vacances"),
        ("Besoin d'aide en maths pour mon fils en 3e", "Prof d'anglais, je donne des cours aux collégiens"),
    ];
    for (request, offer) in pairs {
        assert!(!fits(request, offer), "{request:?} should not fit {offer:?}");
    }
}

#[test]
fn a_lend_in_lyon_does_not_help_in_marseille_but_online_help_helps_anywhere() {
    let request = post(1, 1, PostKind::Request, "Quelqu'un aurait une perceuse ?", local("Marseille"));
    let offers = [
        post(2, 2, PostKind::Offer, "Je prête ma perceuse", local("Lyon")),
        post(3, 3, PostKind::Offer, "Je prête ma perceuse", local("marseille 8e")),
    ];
    let found = best_offers(&request, &offers, 5);
    assert_eq!(found.iter().map(|s| s.post_id).collect::<Vec<_>>(), vec![3]);
    assert!(found[0].reasons.contains(&Reason::SamePlace("Marseille".into())), "{:?}", found[0].reasons);

    let request = post(1, 1, PostKind::Request, "I want to improve my English", local("Lille"));
    let offer = post(
        2,
        2,
        PostKind::Offer,
        "Cours d'anglais en visio",
        infer_place(PostKind::Offer, "Cours d'anglais en visio", Some("Brest")),
    );
    let found = best_offers(&request, &[offer], 5);
    assert_eq!(found.len(), 1);
    assert!(found[0].reasons.contains(&Reason::Online));
}

#[test]
fn adjacent_communes_and_arrondissements_are_near() {
    assert!(fits_pair("besoin d'un escabeau", "Paris 11e", "je prête un escabeau", "Boulogne-Billancourt"));
    assert!(fits_pair("besoin d'un escabeau", "Schiltigheim", "je prête un escabeau", "Strasbourg"));
    assert!(!fits_pair("besoin d'un escabeau", "Paris", "je prête un escabeau", "Strasbourg"));
}

fn fits_pair(request: &str, request_place: &str, offer: &str, offer_place: &str) -> bool {
    let request = post(1, 1, PostKind::Request, request, local(request_place));
    let offer = post(2, 2, PostKind::Offer, offer, local(offer_place));
    !best_offers(&request, &[offer], 5).is_empty()
}

#[test]
fn says_why_in_the_members_words() {
    let request = post(1, 1, PostKind::Request, "Quelqu'un aurait une scie ?", local("Rennes"));
    let offer = post(2, 2, PostKind::Offer, "Je prête ma scie sauteuse", local("Rennes"));
    let found = best_offers(&request, &[offer], 5);
    let reasons: Vec<String> = found[0].reasons.iter().map(ToString::to_string).collect();
    assert_eq!(reasons, vec!["scie ~ scie sauteuse", "Rennes"]);
}

#[test]
fn never_ones_own_post_and_at_most_the_limit() {
    let request = post(1, 1, PostKind::Request, "besoin d'une scie", local("Rennes"));
    let mut offers = vec![post(2, 1, PostKind::Offer, "je prête une scie", local("Rennes"))];
    offers.extend((3..12).map(|id| post(id, id, PostKind::Offer, "scies à prêter", local("Rennes"))));
    let found = best_offers(&request, &offers, MAX_RESULTS);
    assert_eq!(found.len(), MAX_RESULTS);
    assert!(found.iter().all(|scored| scored.post_id != 2));
}

#[test]
fn a_new_offer_finds_the_open_requests_it_fits() {
    let offer = post(9, 9, PostKind::Offer, "Je prête ma ponceuse", local("Dijon"));
    let requests = [
        post(1, 1, PostKind::Request, "Besoin d'une ponceuse ce week-end", local("Dijon")),
        post(2, 2, PostKind::Request, "Besoin d'une ponceuse", local("Nancy")),
        post(3, 3, PostKind::Request, "Besoin d'une ponceuse", Place::Online),
    ];
    let found = fitting_requests(&offer, &requests, 5);
    assert_eq!(found.iter().map(|s| s.post_id).collect::<Vec<_>>(), vec![1]);
    let online = post(9, 9, PostKind::Offer, "Cours de ponçage en visio", Place::Online);
    assert_eq!(fitting_requests(&online, &requests, 5).len(), 3, "online help reaches every request");
}

#[test]
fn the_index_adds_and_removes_posts() {
    let mut matcher = Matcher::new();
    let request = post(1, 1, PostKind::Request, "une échelle svp", local("Tours"));
    matcher.insert(&post(2, 2, PostKind::Offer, "je prête une échelle", local("Tours")));
    matcher.insert(&post(3, 3, PostKind::Offer, "échelle à prêter", local("Joué-lès-Tours")));
    assert_eq!(matcher.best_for(&request, 5).len(), 2);
    matcher.remove(2);
    assert_eq!(matcher.best_for(&request, 5).iter().map(|s| s.post_id).collect::<Vec<_>>(), vec![3]);
    assert_eq!(matcher.len(), 1);
}

#[test]
fn unknown_vocabulary_falls_back_to_shared_words() {
    assert!(fits("qui aurait un theremine à prêter", "je prête mon theremine"));
    assert!(!fits("qui aurait un theremine à prêter", "je prête mon didgeridoo"));
    // Between two services, one shared word is mostly chance; two agree.
    assert!(!fits("Qqn fait Lyon → Grenoble vendredi ? Je cherche une place", "Dog sitting at my place"));
    assert!(fits("Des séances d'étirements pas chères ?", "Séances d'étirements au parc le dimanche"));
}

#[test]
fn a_means_of_contact_is_how_help_is_given_not_what_it_is() {
    let lawyer = "Juriste, conseils gratuits sur le bail par mail ou téléphone.";
    let listener = "A listening ear for new parents. Phone or video.";
    for offer in [lawyer, listener] {
        assert_eq!(infer_place(PostKind::Offer, offer, Some("Lyon")), Place::Online, "{offer}");
        assert!(!fits("Écran de téléphone cassé, qqn pour le changer ?", offer), "{offer}");
    }
    // A phone named on its own, or as the thing to set up, is still the need.
    assert!(fits("Qqn pour configurer mon téléphone ?", "Je vous aide à configurer votre téléphone."));
    assert!(
        !analyze_post(PostKind::Request, "Je n'arrive pas à utiliser WhatsApp et les SMS", &Place::Unknown)
            .needs
            .is_empty()
    );
}

#[test]
fn a_landlord_in_the_story_is_no_question_of_housing_law() {
    let lawyer = "Juriste en droit du logement : bail, caution non rendue, état des lieux, préavis.";
    assert!(!fits("Mon évier est bouché et le proprio répond pas, qqn s'y connaît ?", lawyer));
    assert!(!fits("My toilet keeps running and the landlord isn't answering. Anyone handy?", lawyer));
    assert!(fits("Mon proprio refuse de me rendre ma caution, qqn pour me conseiller ?", lawyer));
    // "Je les dépose chez vous" is no deposit.
    assert!(!fits(
        "Mon proprio garde mon dépôt de garantie, des conseils ?",
        "Je fais vos courses et je les dépose chez vous."
    ));
}

#[test]
fn infers_place_category_and_topic() {
    assert_eq!(infer_place(PostKind::Offer, "Aide en visio", Some("Lyon")), Place::Online);
    assert_eq!(infer_place(PostKind::Offer, "Je prête une scie", Some("Lyon")), local("Lyon"));
    assert_eq!(infer_place(PostKind::Offer, "Je prête une scie", None), Place::Unknown);
    assert_eq!(infer_place(PostKind::Offer, "J'ai perdu mon téléphone à la gare", Some("Lyon")), local("Lyon"));
    assert_eq!(infer_place(PostKind::Offer, "Aide aux démarches par téléphone", Some("Lyon")), Place::Online);
    // "En ligne" after a procedure says how it is done, not where the help comes from.
    let form = "Je vous aide à faire la déclaration d'impôts en ligne, chez vous.";
    assert_eq!(infer_place(PostKind::Offer, form, Some("Lyon")), local("Lyon"));
    assert_eq!(infer_place(PostKind::Offer, "Cours d'anglais en ligne", Some("Lyon")), Place::Online);
    let request = "Ma déclaration en ligne me fait peur";
    assert_eq!(
        infer_place(PostKind::Request, request, Some("Lille")),
        local("Lille"),
        "a request stays where its author is"
    );
    assert_eq!(infer_category("Je prête ma scie"), Category::Lend);
    assert_eq!(infer_category("Je donne un canapé"), Category::Give);
    assert_eq!(infer_category("Covoiturage vers Lyon"), Category::Ride);
    assert_eq!(analyze("Je prête ma scie sauteuse").topic, "tools");
    assert_eq!(analyze("bonjour à tous").topic, "other");
}

#[test]
fn stems_that_collide_stay_apart() {
    assert!(!fits("je donne des habits", "récupération de données"));
    assert!(!fits("aide pour les courses", "cours de guitare"));
}

#[test]
fn a_broad_need_fits_a_narrower_offer_but_a_broad_offer_does_not_meet_a_narrow_need() {
    assert!(fits("je cherche des meubles pour mon appartement", "je donne un canapé"));
    assert!(!fits("qui peut monter une armoire", "je donne un canapé"));
    // A broad grouping is for statistics: helping with CAF files is no tax return.
    assert!(!fits("ma déclaration d'impôts me fait peur", "j'aide pour les dossiers CAF"));
    assert!(!fits("je cherche une tronçonneuse", "je prête une scie"));
}

#[test]
fn what_a_post_asks_or_offers_is_its_focus_not_every_word_it_names() {
    // Where the author works, whom a helper once was: context, never the need.
    let request = "Bonjour, je suis prof de maths. Je cherche une chambre pour deux semaines.";
    assert!(!fits(request, "Cours de maths pour collégiens"));
    assert!(fits(request, "Chambre à louer chez l'habitant"));
    // Focus is read by sentence: a role in a sentence of its own stays context.
    let offer = "Ancienne infirmière à la retraite. Je propose de promener vos chiens le week-end.";
    assert!(!fits("Je cherche une infirmière pour mes pansements", offer));
    assert!(fits("qqn pour promener mon chien ?", offer));
    // When the asking sentence names nothing ("qqn s'y connaît ?"), the story is the need.
    assert!(fits("Mon chauffe-eau fuit depuis hier. Qqn s'y connaît ?", "je fais de la plomberie"));
    // A post without any cue is focus throughout.
    assert!(fits("Perceuse", "Perceuse à prêter"));
    let analysis = analyze("Je travaille en intérim. Qqn pourrait m'héberger quelques nuits ?");
    let focused: Vec<&str> = analysis
        .needs
        .iter()
        .filter(|hit| hit.focus)
        .map(|hit| THESAURUS.concepts[usize::from(hit.concept)].id.as_str())
        .collect();
    assert_eq!(focused, ["shelter"]);
}

#[test]
fn a_thing_to_borrow_is_not_met_by_a_service_around_it() {
    assert!(!fits("Qqn prête un vélo une semaine ?", "Je répare les vélos"));
    assert!(!fits("qui peut réparer mon frigo ?", "Je donne un frigo"));
    assert!(fits("cours de maths pour mon fils en 4e", "je donne des cours de maths"));
    assert!(fits("Besoin d'une remorque pour emmener des gravats", "Je prête une remorque"));
    assert!(fits("qui peut réparer mon vélo ?", "Je répare les vélos"));
}

#[test]
fn a_city_named_in_a_post_is_a_place_not_a_need_except_for_a_ride() {
    let analysis = analyze("Un coup de main à Nantes pour un truc bizarre ?");
    assert!(!analysis.words.iter().any(|word| word.starts_with("nante")), "{:?}", analysis.words);
    assert!(analysis.words.iter().any(|word| word == "bizarre"));
    assert!(!fits("Qqn connaît un bon resto à Nantes ?", "Visites guidées de Nantes"));
    assert!(fits("Covoit Lyon-Grenoble lundi matin ?", "Je vais à Grenoble tous les lundis en voiture"));
}

#[test]
fn common_short_words_are_not_read_as_typos() {
    assert!(analyze("une longue attente").needs.is_empty(), "longue is no typo of langue");
    assert!(!fits("ma taille de pantalon a changé", "je taille vos haies"));
    // Nor is a real word a letter away from a known one: a shoe size is no paint job.
    let painter = "Je fais vos travaux de peinture intérieure.";
    assert!(!fits("Qqn aurait des bottes de pluie pointure 38 pour ma fille ?", painter));
    assert!(fits("Qqn pour m'aider à repeindre, la peintture du salon s'écaille ?", painter));
}

#[test]
fn words_that_share_only_a_stem_with_a_term_are_other_words() {
    let doctor = "Médecin généraliste à la retraite, je réponds à vos questions de santé.";
    assert!(!fits("En général je me débrouille, mais là qqn pourrait m'aider à porter mon frigo ?", doctor));
    let hiker = "Je fais une randonnée tous les dimanches, venez marcher avec moi.";
    assert!(!fits("Pas grave si c'est le soir : qqn pour monter mon armoire ?", hiker));
    let pillows = "Je donne deux oreillers neufs.";
    assert!(!fits("Besoin d'une oreille attentive, je traverse une période difficile.", pillows));
    let tuner = "J'accorde les pianos, prix d'ami.";
    assert!(!fits("D'accord pour payer l'essence : qqn m'emmène à la gare samedi ?", tuner));
}

#[test]
fn sync_follows_the_store() {
    let mut matcher = Matcher::new();
    let request = post(1, 1, PostKind::Request, "une échelle svp", local("Tours"));
    let a = post(2, 2, PostKind::Offer, "je prête une échelle", local("Tours"));
    let b = post(3, 3, PostKind::Offer, "échelle à prêter", local("Tours"));
    let mut read = 0;
    matcher.sync(&[a.clone(), b.clone()], |_| None, |_, _| read += 1);
    assert_eq!(read, 2, "both read");
    assert_eq!(matcher.best_for(&request, 5).len(), 2);
    matcher.sync(std::slice::from_ref(&b), |_| None, |_, _| read += 1);
    assert_eq!(read, 2, "nothing new to read");
    assert_eq!(matcher.best_for(&request, 5).iter().map(|s| s.post_id).collect::<Vec<_>>(), vec![3]);
    assert_eq!(matcher.len(), 1);
}

#[test]
fn sync_uses_the_analyses_kept_and_reads_only_the_others() {
    let mut matcher = Matcher::new();
    let request = post(1, 1, PostKind::Request, "une échelle svp", local("Tours"));
    let ladder = post(2, 2, PostKind::Offer, "je prête une échelle", local("Tours"));
    let drill = post(3, 3, PostKind::Offer, "je prête ma perceuse", local("Tours"));
    // The drill's kept analysis says "ladder": proof that it is used instead of the text.
    let kept = analyze_post(PostKind::Offer, &ladder.text, &ladder.place);
    let mut made = Vec::new();
    matcher.sync(
        &[ladder.clone(), drill.clone()],
        |post| (post.id == drill.id).then(|| kept.clone()),
        |id, analysis| {
            made.push((id, analysis));
        },
    );
    assert_eq!(made.iter().map(|(id, _)| *id).collect::<Vec<_>>(), vec![2], "only the ladder is read");
    assert_eq!(made[0].1, kept);
    let found: Vec<i64> = matcher.best_for(&request, 5).iter().map(|s| s.post_id).collect();
    assert_eq!(found, vec![2, 3]);
}

#[test]
fn an_analysis_kept_reads_back_the_same() {
    let texts = include_str!("../../../../tests/eval/third-author/offers.jsonl")
        .lines()
        .map(|line| (PostKind::Offer, line))
        .chain(
            include_str!("../../../../tests/eval/third-author/requests.jsonl").lines().map(|l| (PostKind::Request, l)),
        );
    let mut count = 0;
    for (kind, line) in texts {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        let text = value["text"].as_str().unwrap_or_default();
        let analysis = analyze_post(kind, text, &local("Lyon"));
        assert_eq!(stored::decode(&stored::encode(&analysis)).as_ref(), Some(&analysis), "{text}");
        count += 1;
    }
    // Rare fields too: ages, a denial, a refused span, a condition.
    let rare: Vec<Analysis> = [
        "Je garde les 3-10 ans, pas de chats. Long trips (Bordeaux) are too much",
        "Je prête ma remorque, il faut un attelage.",
    ]
    .iter()
    .map(|text| analyze_post(PostKind::Offer, text, &local("Tours")))
    .collect();
    assert!(!rare[0].ages.ranges.is_empty() && !rare[0].denied.is_empty() && !rare[0].refused.is_empty());
    assert!(!rare[1].conditions.is_empty(), "{:?}", rare[1]);
    for analysis in rare {
        assert_eq!(stored::decode(&stored::encode(&analysis)), Some(analysis));
    }
    assert!(count > 100, "only {count} texts");
    assert_eq!(stored::decode(b"{\"needs\": 3}"), None, "what cannot be read is read again");
    assert_eq!(stored::decode(b""), None);
}

#[test]
fn a_category_hashtag_names_the_category_in_either_language() {
    assert_eq!(tagged_category("je peux aider en maths #tutorat"), Some(Category::Mentoring));
    assert_eq!(tagged_category("#Hébergement une chambre pour deux nuits"), Some(Category::Room));
    assert_eq!(tagged_category("a spare room #lodging."), Some(Category::Room));
    assert_eq!(tagged_category("une perceuse #urgent"), None);
    assert_eq!(infer_category("une perceuse #don"), Category::Give, "the author's word beats the guess");
}

#[test]
fn languages_and_translation() {
    let translator = "Bilingue arabe-français, je traduis vos courriers et documents.";
    // The other language is the need: a letter in Arabic reaches someone who reads Arabic.
    assert!(fits("Quelqu'un pourrait m'aider à lire des papiers, tout est en arabe ?", translator));
    // French is only one end of a translation: no French grammar from a translator.
    assert!(!fits("J'ai besoin d'aide en grammaire pour le DELF, l'écrit surtout.", translator));
    // Two languages that differ never meet.
    assert!(!fits("Quelqu'un pourrait traduire une lettre du portugais ?", translator));
    // Asking for a translation wants a translator, not a conversation partner.
    assert!(!fits(
        "Qqn pour m'aider à traduire mon mémoire en anglais ?",
        "Native English speaker, happy to do English conversation practice."
    ));
    // A translator translates; someone who wants lessons in a language wants a teacher.
    let german = "Je traduis bénévolement vos documents allemand → français.";
    assert!(!fits("Qqn pour donner des cours d'allemand à mon fils en 4e ?", german));
    assert!(fits("Qqn pourrait traduire un courrier en allemand ?", german));
    // Nor does a French class proofread a thesis.
    let class = "Bénévole, je donne des cours de français à des adultes étrangers débutants.";
    assert!(!fits("Qqn pourrait relire mon mémoire de master et corriger l'orthographe ?", class));
    assert!(fits("Je suis débutante en français, des cours pour adultes ?", class));
    // A German shepherd speaks no German.
    assert!(!fits(
        "Looking for someone to look after my German shepherd for 2 weeks.",
        "Native German speaker, happy to help with German homework."
    ));
}

#[test]
fn stems_are_read_in_the_posts_language() {
    // The French stem of "carrière" is the English stem of "carry": a pension record is no move.
    assert!(!fits(
        "Il manque des années sur mon relevé de carrière, je ne sais pas quoi envoyer à la caisse.",
        "I can help you move house and carry heavy boxes."
    ));
    assert!(fits(
        "Mon relevé de carrière est incomplet, qui s'y connaît ?",
        "Je vous aide pour votre dossier retraite."
    ));
}

#[test]
fn one_appliance_is_not_another() {
    let gives = "Je donne un micro-ondes et une bouilloire, tout fonctionne.";
    assert!(!fits("Mon frigo est mort, quelqu'un donnerait un réfrigérateur ?", gives));
    assert!(fits("Quelqu'un aurait un micro-ondes à donner ?", gives));
    let repairs = "Je répare le petit électroménager : aspirateur, grille-pain, cafetière.";
    assert!(fits("Mon aspirateur ne s'allume plus, qui pourrait le réparer ?", repairs));
    assert!(!fits("Mon lave-linge fuit, qui pourrait le réparer ?", repairs));
    // Nor is one piece of baby or kitchen gear another.
    assert!(!fits("Lit parapluie à emprunter, 10 jours 🙏", "Je prête une chaise haute et un siège auto."));
    assert!(fits("Lit parapluie à emprunter, 10 jours 🙏", "Je prête un lit bébé pliant."));
    assert!(!fits("Appareil à raclette à prêter svp ?", "Je prête mon robot pâtissier."));
    assert!(fits("Appareil à raclette à prêter svp ?", "Je prête mon appareil à raclette."));
}

#[test]
fn what_a_post_asks_is_read_from_its_own_cues() {
    // Who the author is, before the comma, is not what they offer.
    let walker = "Ancienne infirmière, je propose de promener vos chiens le week-end.";
    assert!(!fits("Je cherche une infirmière pour mes pansements", walker));
    assert!(fits("Qqn pour promener mon chien ?", walker));
    // A possessive opens a clause about the need itself: the dog stays the need.
    assert!(fits("Mon chien a besoin de sortir, qqn dispo ?", walker));
    // What a requester gives back is not what they need.
    let request = "Ma haie déborde chez la voisine. Qqn pourrait m'aider ? Je peux offrir le café et un gâteau.";
    assert!(!fits(request, "Je fais des gâteaux d'anniversaire sur commande."));
    assert!(fits(request, "Je taille vos haies, j'ai mon taille-haie."));
}

#[test]
fn a_complement_or_an_example_is_not_a_need_of_its_own() {
    // "dans l'informatique" says which internship, not a computer problem.
    assert!(!fits("Mon fils de 3e cherche un stage d'observation dans l'informatique.", "Je dépanne vos ordinateurs."));
    // A bag of clothes gives clothes.
    assert!(fits("Des vêtements pour bébé, qqn en a ?", "Je donne un sac de vêtements bébé."));
    // Where a driver takes you is not a care they give.
    let driver = "Je peux vous conduire en voiture à vos rendez-vous médicaux (hôpital, kiné, dentiste).";
    assert!(!fits("Je cherche un kiné pour mon genou", driver));
    assert!(fits("Qqn pour m'emmener à l'hôpital mardi ?", driver));
    // An example of the same topic stays a need: reading, in homework help.
    assert!(fits("Mon fils en CE1 a du mal à lire, qqn pour l'aider ?", "Aide aux devoirs : lecture, calcul."));
}

#[test]
fn a_task_is_not_met_by_a_thing_given_or_lent() {
    let sofa = "Je donne un canapé 3 places, à enlever au 2e sans ascenseur.";
    assert!(!fits("Qqn pour m'aider à monter un canapé au 2e ?", sofa));
    assert!(fits("Quelqu'un donnerait un canapé ?", sofa));
    // Nor by a tool lent: "qqn pour tondre" asks for someone to mow.
    assert!(!fits("Quelqu'un pour tondre ma pelouse ?", "Tondeuse à prêter"));
    assert!(fits("Quelqu'un aurait une tondeuse à prêter ?", "Tondeuse à prêter"));
    assert!(fits("Quelqu'un pour tondre ma pelouse ?", "Je tonds les pelouses des voisins."));
    // And a thing to borrow is not asked of a helper who says they do not lend theirs.
    let gardener = "Je viens tailler vos haies. J'ai mes outils (taille-haie) mais je ne les prête pas.";
    assert!(!fits("Qqn a un taille-haie à prêter ? Je fais ma haie moi-même.", gardener));
    assert!(fits("Qqn pour tailler ma haie ?", gardener));
    // A helper who lends a tool and also does the work offers a hand.
    assert!(fits("Qqn pour tailler ma haie samedi ?", "Je taille les haies et je prête ma tronçonneuse."));
    // What the asker can do themselves is no task: "je peux me déplacer".
    assert!(fits("Qqn aurait des habits de naissance ? Je peux me déplacer.", "Je donne des vêtements bébé."));
}

#[test]
fn lessons_name_how_a_need_is_met_not_a_need() {
    let homework = "J'aide les collégiens en maths et français, devoirs et méthodologie.";
    assert!(!fits("Qqn pourrait me donner des leçons de piano ?", homework));
    assert!(fits("Qqn pour du soutien scolaire en maths pour ma fille ?", homework));
}

#[test]
fn learning_a_skill_is_not_having_the_work_done() {
    assert!(!fits("Qqn pour accorder mon piano ?", "Cours de piano pour enfants débutants."));
    assert!(!fits("Qqn pour m'apprendre la pâtisserie ?", "Je fais des gâteaux d'anniversaire sur commande."));
    assert!(!fits("Je voudrais apprendre à coudre, qqn donne des cours ?", "Couturière, je fais vos ourlets."));
    // An offer that says both fits either; school subjects and languages are learnt either way.
    assert!(fits(
        "Ma machine à coudre fait des nœuds, qui peut la réparer ?",
        "I fix sewing machines and teach sewing."
    ));
    assert!(fits("Qqn pourrait aider ma fille à préparer son oral d'anglais ?", "Prof d'anglais, je donne des cours."));
    assert!(!fits(
        "Cherche accordeur de piano, le mien a souffert du déménagement.",
        "Prof de piano, je donne des cours aux débutants."
    ));
    // A class for beginners is no help to an advanced player, nor the other way round.
    let beginners = "Je donne des cours de guitare pour grands débutants.";
    assert!(!fits("Mon fils cherche un prof de guitare niveau avancé, jazz et impro.", beginners));
    assert!(fits("Je voudrais apprendre la guitare, je suis débutant. Des cours ? Merci d'avance", beginners));
    assert!(fits("Mon fils cherche un prof de guitare niveau avancé.", "Je donne des cours de guitare."));
}

#[test]
fn scores_are_graded_by_how_well_an_offer_meets_the_request() {
    let score = |request: &str, offer: &str| {
        let request = post(1, 1, PostKind::Request, request, local("Lyon"));
        let offer = post(2, 2, PostKind::Offer, offer, local("Lyon"));
        best_offers(&request, &[offer], MAX_RESULTS).first().map_or(0.0, |scored| scored.score)
    };
    let request = "Qqn pour réparer mon lave-linge ?";
    let narrow = score(request, "Je répare les lave-linge.");
    let broad = score(request, "Je répare les lave-linge, les ordinateurs, les serrures et les vélos.");
    assert!(narrow > broad && broad > 0.0, "a helper who does just that fits best: {narrow} {broad}");
    let request = "Je cherche qqn pour réparer mon lave-linge et monter une étagère.";
    let main = score(request, "Je répare les lave-linge.");
    let second = score(request, "Je monte vos meubles en kit.");
    assert!(main > second && second > 0.0, "the first need asked beats the second: {main} {second}");
    assert!(main < 1.0);
}

#[test]
fn a_need_few_posts_name_scores_higher_whichever_way_the_match_runs() {
    let offer = post(1, 1, PostKind::Offer, "Je répare les vélos et les lave-linge.", local("Lyon"));
    let mut requests: Vec<Post> =
        (2..5).map(|id| post(id, id, PostKind::Request, "Qqn pour réparer mon vélo ?", local("Lyon"))).collect();
    requests.push(post(9, 9, PostKind::Request, "Qqn pour réparer mon lave-linge ?", local("Lyon")));
    let found = fitting_requests(&offer, &requests, MAX_RESULTS);
    let score = |id| found.iter().find(|scored| scored.post_id == id).map_or(0.0, |scored| scored.score);
    assert!(score(9) > score(2) && score(2) > 0.0, "{found:?}");
}

#[test]
fn the_index_finds_every_match_a_full_scan_finds() {
    // Posts written by others than the thesaurus's authors, both ways round.
    let read = |jsonl: &str, kind: PostKind, first_id: i64| -> Vec<Post> {
        jsonl
            .lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .enumerate()
            .map(|(at, value)| {
                let text = value["text"].as_str().unwrap_or_default();
                let place = value["location"].as_str().map_or(Place::Unknown, |city| {
                    if city.eq_ignore_ascii_case("online") { Place::Online } else { local(city) }
                });
                let id = first_id + at as i64;
                post(id, id, kind, text, infer_place(kind, text, place_name(&place)))
            })
            .collect()
    };
    let offers = read(include_str!("../../../../tests/eval/third-author/offers.jsonl"), PostKind::Offer, 1);
    let requests = read(include_str!("../../../../tests/eval/third-author/requests.jsonl"), PostKind::Request, 1_000);
    assert!(offers.len() >= 50 && requests.len() >= 100);
    let mut matcher = Matcher::new();
    offers.iter().chain(&requests).for_each(|post| matcher.insert(post));
    let mut found = 0;
    for post in offers.iter().chain(&requests) {
        let indexed = matcher.best_for(post, 50);
        assert_eq!(indexed, matcher.best_by_scanning(post, 50), "{}", post.text);
        found += indexed.len();
    }
    assert!(found > 100, "only {found} matches: the comparison proves little");
}

fn place_name(place: &Place) -> Option<&str> {
    match place {
        Place::Local(city) => Some(city),
        _ => None,
    }
}

#[test]
fn the_story_before_a_request_s_cue_is_not_its_need_unless_the_cue_is_vague() {
    let walker = "Je promène vos chiens le week-end.";
    assert!(!fits("Mon chien vomit depuis ce matin, qqn connaît un véto de garde ?", walker));
    assert!(fits("Je rentre tard du travail, qqn pour sortir mon chien le midi ?", walker));
    let mover = "Je peux porter vos cartons et vos meubles pour un déménagement.";
    assert!(!fits("Je déménage à Lyon la semaine prochaine, quelqu'un a une camionnette à prêter ?", mover));
    assert!(fits(
        "Je déménage à Lyon la semaine prochaine, quelqu'un a une camionnette à prêter ?",
        "Je prête ma camionnette."
    ));
    // "La démarche" points back to the story: the licence is the need, not any paperwork.
    let licence = "Je dois échanger mon permis de conduire marocain, quelqu'un sait comment faire la démarche ?";
    assert!(!fits(licence, "Je peux vous aider pour vos dossiers CAF et vos impôts."));
    assert!(fits(licence, "J'aide pour l'échange de permis étranger et la carte grise."));
    // A request that asks only broadly is read whole: its examples say what it needs.
    assert!(fits("Je refais ma cuisine, qqn prête des outils ? perceuse, scie...", "Je prête ma perceuse-visseuse."));
    // Whom the help is for still counts: a class for adults is no help in 5e.
    assert!(!fits("Ma fille est en 5e, elle a besoin d'aide en maths.", "Cours de maths pour adultes."));
}

#[test]
fn a_ride_offered_for_one_purpose_is_not_a_ride_anywhere() {
    let shopping =
        "Chaque samedi je vais faire mes courses au Carrefour, je peux emmener des personnes dans ma voiture.";
    assert!(!fits("Quelqu'un fait le trajet Grenoble-Crolles tous les jours pour le travail ?", shopping));
    assert!(fits("Qqn pour m'emmener faire mes courses samedi ?", shopping));
    let daily = "Covoit quotidien Villeurbanne → Part-Dieu, départ 7h45, 2 places.";
    assert!(!fits("I need a lift to the airport at 5am on Sunday.", daily));
    assert!(fits("Je cherche un covoit tous les matins vers Part-Dieu ?", daily));
    assert!(fits("Covoiturage vers Part-Dieu le matin ?", daily), "a daily trip takes whoever names no purpose");
    // Where a trip starts is not what it is for.
    let weekly = "Je fais Bordeaux -> Toulouse tous les vendredis soir en voiture, 3 places dispo, départ gare St-Jean";
    assert!(fits("Covoit Bordeaux Toulouse ce vendredi ?", weekly));
    // A driver who names no purpose takes anyone anywhere.
    assert!(fits("Qqn pourrait m'emmener à l'aéroport dimanche ?", "Je suis véhiculé, je peux vous conduire."));
}

#[test]
fn a_psychologist_is_no_neighbour_who_listens() {
    let listener = "Bénévole formée à l'écoute active, je propose un temps d'écoute par téléphone.";
    let therapy = "Je pense que c'est une dépression, je voudrais voir un psychologue. Qqn en connaît un ?";
    assert!(!fits(therapy, listener));
    assert!(fits(therapy, "Psychologue, je propose un premier entretien gratuit."));
    // What a request says it does not need is not its need; small words carry "parler à qqn".
    assert!(fits("Période dure. Pas forcément besoin d'un psy, juste de parler à quelqu'un.", listener));
    assert!(!fits("Je parle un peu français, qqn pour m'aider à remplir un formulaire ?", listener));
    // A need as broad as the concept reaches every narrower help, however deep.
    assert!(fits("Je suis en burn out, qqn pour m'aider ?", listener));
}

#[test]
fn english_tasks_sales_and_weekly_trips() {
    // "Who could water my plants" asks for the work, not for lessons.
    let teacher = "Keen gardener: I can teach you how to start a vegetable patch on your balcony.";
    assert!(!fits("Who could water my balcony plants while I'm away for 2 weeks?", teacher));
    assert!(fits("Can anyone walk my dog in the evenings?", "I walk dogs in the evenings."));
    assert!(fits(
        "Looking for someone to practise my spoken English with.",
        "Native English speaker, happy to do English conversation practice, free of charge."
    ));
    // A thing sold is a thing; what one bought is only the story.
    assert!(!fits("On cherche un vélo d'occasion pour notre fille, qqn vend ?", "Je répare les vélos dans ma cour."));
    assert!(fits(
        "On a acheté une imprimante, impossible de la connecter au wifi, qqn pour passer ?",
        "Je viens chez vous installer imprimante et box internet."
    ));
    // A weekly trip home is no commuter's daily ride.
    let daily = "Covoit quotidien Lyon → Grenoble, départ 7h45, 2 places.";
    assert!(!fits("Covoit Lyon → Grenoble le vendredi ? Je rentre voir mes parents toutes les semaines.", daily));
    assert!(fits("Covoit Lyon → Grenoble tous les matins ?", daily));
}

#[test]
fn a_proofreader_teaches_no_language_and_a_translator_is_no_partner_to_speak_with() {
    let proofreader = "Ancienne correctrice, je relis vos mémoires pour l'orthographe.";
    assert!(!fits("Mon mari voudrait apprendre le français, des cours ?", proofreader));
    let translator = "Bilingue allemand-français, je traduis vos courriers allemands.";
    assert!(!fits("Looking for someone to practise German conversation with", translator));
    assert!(fits("Qqn pour traduire un courrier en allemand ?", translator));
}

#[test]
fn what_an_offer_says_before_but_is_who_its_author_is() {
    let electrician = "Je travaille à la CAF en semaine mais ici je propose des petits travaux d'électricité.";
    assert!(!fits("Qqn pour m'aider avec mon dossier CAF ?", electrician));
    assert!(fits("Ma prise de courant grésille, qqn pourrait la changer ?", electrician));
}

#[test]
fn a_phrase_reads_its_words_more_closely_than_the_terms_inside_it() {
    let room = "J'ai une chambre à louer pour un étudiant.";
    assert!(!fits("J'habite en appart et j'aimerais un bout de terrain pour un potager, qqn ?", room));
    let lawyer = "Juriste, conseils gratuits sur le logement : bail, caution, préavis.";
    assert!(!fits("Je cherche une chambre à louer pas chère, qqn ?", lawyer));
    assert!(fits("Mon proprio garde ma caution, qqn pour me conseiller ?", lawyer));
}

#[test]
fn siblings_of_one_trade_do_not_meet() {
    let hedges = "Je taille les haies avec mon taille-haie.";
    assert!(!fits("Qqn pour tailler 3 oliviers ?", hedges));
    assert!(fits("Qqn pour tailler ma haie ?", hedges));
    let nurse = "Infirmière à la retraite, je passe faire des pansements et prendre la tension.";
    assert!(!fits("Qqn pour me faire ma piqûre de vaccin à domicile ?", nurse));
    assert!(fits("Qqn pour refaire mon pansement à domicile ?", nurse));
    let volunteer = "Je traduis bénévolement vos documents allemands.";
    assert!(!fits("Qqn connaît un traducteur assermenté pour mon acte de naissance allemand ?", volunteer));
    let setup = "Je viens installer et configurer box internet, wifi, TV connectée.";
    assert!(!fits("Qqn pour venir fixer ma télé au mur ?", setup));
    let alterations = "Je fais ourlets et petites retouches. Pas de création sur mesure.";
    assert!(!fits("Qqn pourrait me coudre une robe sur mesure ?", alterations));
    let developer = "Web developer, I can help you build a simple website.";
    assert!(!fits(
        "I need help with my titre de séjour renewal, the ANEF website keeps rejecting my documents",
        developer
    ));
}

#[test]
fn minding_a_child_is_childcare() {
    let sitter = "Je récupère vos enfants à la sortie de l'école et je les garde chez moi.";
    assert!(fits("Besoin de qqn pour aller chercher mon fils à l'école et le garder jusqu'à 19h", sitter));
    assert!(fits("Mon fils de 2 ans a la varicelle, quelqu'un pourrait le garder 2-3 jours ?", sitter));
    assert!(!fits("Qqn pourrait garder mon chien, les enfants sont allergiques ?", sitter));
}

#[test]
fn a_country_or_a_nationality_is_no_language() {
    let conversation = "Britannique installée en France, je propose de la conversation en anglais.";
    assert!(!fits("Qqn pourrait relire mon mémoire pour l'orthographe ?", conversation));
    let french = "Je donne des cours de français aux adultes.";
    assert!(!fits("Je dois échanger mon permis marocain contre un permis français, qqn sait comment faire ?", french));
    assert!(fits("Mon mari voudrait apprendre le français, qqn donne des cours ?", french));
}

#[test]
fn a_parenthesis_ends_no_sentence() {
    let party = "Pour vos fêtes je prête : 2 appareils à raclette (8 pers.), 3 tables pliantes et 20 chaises pliantes.";
    assert!(fits("On n'a pas assez de tables ni de chaises pour la fête, qqn pourrait nous en prêter ?", party));
    // ...and a thing to buy is not met by one lent.
    assert!(!fits("Si quelqu'un vend un appareil à raclette d'occasion, je suis preneuse", party));
}

#[test]
fn words_that_name_something_else() {
    let pension =
        "Ancienne agente de la CARSAT, je vous aide pour votre relevé de carrière et votre demande de retraite.";
    assert!(!fits("Notre chat ne supporte pas les pensions, qqn pourrait l'accueillir 3 semaines ?", pension));
    assert!(!fits("Un comptable, même retraité, pourrait m'aider avec la TVA ?", pension));
    assert!(fits("Il me manque des trimestres sur mon relevé de carrière, qqn peut m'aider ?", pension));
    let mechanic = "Mécano du dimanche, je fais vidange, plaquettes et batterie dans ma cour.";
    assert!(!fits("Mon frigo ne fait plus de froid, le moteur tourne, qqn saurait réparer ?", mechanic));
    let cook = "Ancien cuisinier, je propose des ateliers cuisine chez moi. On mange ensemble ce qu'on a préparé.";
    assert!(!fits("Qqn pourrait garder mon chien une semaine ? Il ne mange pas grand-chose.", cook));
    assert!(fits("J'aimerais apprendre à cuisiner des plats simples, qqn pour me montrer ?", cook));
}
