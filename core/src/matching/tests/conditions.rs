//! An offer's conditions read from plain phrasing: the hours it gives, what it says it is not
//! ("non assermentée"), whom only it is for.

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
    // A request's own hours are its author's: a flight at dawn is no night ride asked.
    let dawn = "Je peux emmener qqn à l'aéroport, même tôt le matin.";
    assert!(fits("J'ai un vol à 6h15, qqn pourrait m'y déposer à l'aéroport vers 4h45 ?", dawn));
}
