//! Company and talk: a visit and a call are different help, a topic of talk is no help
//! offered, and words read "word for word" stay within one stretch of a sentence.

use super::*;

/// An offer of calls to lonely people, made from another city.
const CALLS: &str = "Vous vous sentez seul(e) ? Je peux vous appeler une ou deux fois par semaine pour papoter, \
                     j'adore parler cuisine, jardinage et séries. Tout se fait par téléphone ☎️";

#[test]
fn company_offered_at_a_distance_is_a_call_not_a_visit() {
    // Whoever accepts a call is sent to it…
    assert!(fits_from(
        "Je suis veuve, je ne vois personne de la semaine. Juste qqn avec qui bavarder un peu, même au téléphone.",
        "Rodez",
        CALLS,
        "Tulle"
    ));
    assert!(fits_from(
        "My dad lives alone and barely talks to anyone. Would someone ring him now and then for a chat?",
        "Rodez",
        CALLS,
        "Tulle"
    ));
    // …not whoever needs someone at the door, nor an animal to check on.
    assert!(!fits_from(
        "Mon père (88 ans) tourne en rond depuis que maman est partie, qqn pourrait passer le voir pour une belote ?",
        "Rodez",
        CALLS,
        "Tulle"
    ));
    assert!(!fits_from(
        "Away for a week: could someone check on my mare in her field every day? Hay, water, rugs.",
        "Rodez",
        CALLS,
        "Tulle"
    ));
    // A visitor in town still visits.
    assert!(fits_in(
        "Mon père (88 ans) tourne en rond depuis que maman est partie, qqn pourrait passer le voir pour une belote ?",
        "Je rends visite aux personnes âgées isolées : un café, une belote, une balade.",
        "Rodez"
    ));
}

#[test]
fn a_phone_named_alone_or_refused_asks_for_no_call() {
    let listener = "Je propose un temps d'écoute par téléphone le soir, pour celles et ceux qui ont besoin de parler.";
    assert!(!fits_from(
        "Ma grand-mère se sent seule, qqn pourrait passer la voir pour jouer aux cartes ? Elle entend mal, le téléphone c'est compliqué.",
        "Amiens",
        listener,
        "Lille"
    ));
}

#[test]
fn what_an_offer_likes_to_talk_about_is_no_help_offered() {
    let calls = analyze_post(PostKind::Offer, CALLS, &Place::Unknown);
    let topic = |hit: &Hit| THESAURUS.concepts[usize::from(hit.concept)].topic.as_str();
    assert!(calls.needs.iter().filter(|hit| hit.focus).all(|hit| !matches!(topic(hit), "food" | "gardening")));
    assert!(!fits_from("Qqn pourrait venir désherber mon potager ?", "Rodez", CALLS, "Tulle"));
    // A language spoken is still one.
    assert!(fits(
        "Qqn pour parler anglais avec mon fils avant son départ ?",
        "Retraitée anglaise, j'aime parler anglais avec les jeunes qui veulent pratiquer."
    ));
}

#[test]
fn someone_to_chat_with_in_a_language_wants_practice_not_an_ear() {
    let ear = "Je propose des appels réguliers par téléphone pour celles et ceux qui ont besoin de parler à quelqu'un.";
    let practice = "I'd love to find someone to chat with in French once a week, my French is still bad.";
    assert!(!fits_from(practice, "Nevers", ear, "Tulle"));
    assert!(fits(practice, "Je propose de la conversation en français pour les étrangers qui veulent progresser."));
}

#[test]
fn words_read_word_for_word_do_not_run_over_a_break() {
    // "parler à qqn" (the tokenizer drops "à") across an emoji or a full stop.
    let listener = "Je propose une écoute bienveillante par téléphone pour qui a besoin de parler à qqn.";
    assert!(!fits_from(
        "Mon fils part en Angleterre et il n'ose pas parler 😅 qqn pourrait papoter un peu avec lui en anglais ?",
        "Agen",
        listener,
        "Lille"
    ));
    assert!(fits_from("Je me sens seule, j'ai besoin de parler à qqn le soir.", "Agen", listener, "Lille"));
    // "Big or small, all dogs" names no small dogs only: a Labrador's walk is for it.
    assert!(fits(
        "Could anyone walk my labrador at lunchtime a few days a week?",
        "I can walk your dog on weekdays around lunchtime. Big or small, all dogs welcome."
    ));
    // A time or an abbreviation breaks nothing: "catch the 6:35 TGV" is a trip to the station.
    let station = THESAURUS.concept_id("station_airport");
    let trip = analyze("I need to catch the 6:35 TGV next Tuesday, is anyone driving that way?");
    assert!(trip.context.iter().any(|hit| Some(hit.concept) == station));
}

#[test]
fn a_name_a_contact_line_or_a_visitor_who_also_calls_are_read_as_such() {
    // "Je m'appelle Jeanne" asks for no call.
    assert!(!fits_from(
        "Je m'appelle Jeanne, je me sens seule depuis l'hiver, qqn pourrait passer me voir ?",
        "Rodez",
        CALLS,
        "Tulle"
    ));
    // A visitor who can also call still visits in town.
    assert!(fits_from(
        "Mon père (88 ans) tourne en rond, qqn pourrait passer le voir pour une belote ?",
        "Rodez",
        "Je rends visite aux personnes âgées isolées pour une belote, et je peux aussi vous appeler pour papoter \
         par téléphone.",
        "Rodez"
    ));
}
