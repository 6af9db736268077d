//! What matching reads of a post ([`Analysis`]): the needs it names, in focus or in passing,
//! and what refines a match (context, shape, mode, denials, possessions, conditions, ages).
//! It is kept in the database with each open post, so a start reads the board back.

use super::thesaurus::{ConceptId, Hit};
use super::{Mode, Shape, ages};
use crate::model::Category;

/// What a text says, as far as matching cares.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Analysis {
    /// Needs it names (or the help that meets them), in text order.
    pub needs: Vec<Hit>,
    /// For whom, when, with what: refines a match, never makes one.
    pub context: Vec<Hit>,
    /// Content words the thesaurus does not know (folded, singular).
    pub words: Vec<String>,
    /// The kind of help (lend, give, ride…), from the words that say it.
    pub category: Category,
    /// What shape of help its focus names: a thing to lend or give, a service (a skill, time,
    /// a ride, a room), both, or neither said.
    pub shape: Shape,
    /// The topic of its first need, for statistics (`other` when none).
    pub topic: String,
    /// What its focus says of learning and doing: "cours de piano" is about learning,
    /// "accorder mon piano" about doing.
    pub mode: Mode,
    /// Needs an offer says it does not meet ("pas de chats", "no electrics"), unless it
    /// offers them elsewhere: a request that names one is not for it.
    pub denied: Vec<ConceptId>,
    /// A request that wants help on the spot ("en présentiel", "pas en visio"): help at a
    /// distance does not meet it, unless the offer comes too ("je rends visite…").
    pub in_person: bool,
    /// Says its trip is made every day ("tous les matins", "covoit quotidien").
    pub regular: bool,
    /// Says its trip is made every week ("toutes les semaines", "tous les vendredis").
    pub weekly: bool,
    /// An offer that helps now and then only ("ponctuellement"): no help every week.
    pub occasional: bool,
    /// An offer that says it teaches nothing ("je donne pas de cours"): no one who wants to
    /// learn is sent to it. A request that says it needs no lessons ("pas besoin de cours")
    /// is sent to no class.
    pub no_lessons: bool,
    /// What a request says its author has ("on a le camion, il nous manque des bras"): an
    /// offer that does not bring it may still help.
    pub possessed: Vec<ConceptId>,
    /// Words an offer turns down that the thesaurus does not know ("pas pour les pros, gîtes
    /// ou restos"): a request that names one is not for it.
    pub denied_words: Vec<String>,
    /// Byte spans an offer turns down after naming them ("Long trips (Bordeaux, Nantes) are
    /// too much for me"): no destination it goes to.
    pub refused: Vec<(usize, usize)>,
    /// What an offer asks whoever takes it to have ("il faut un attelage").
    pub conditions: Vec<ConceptId>,
    /// What a request's author says they have none of ("ma voiture n'a pas d'attelage").
    pub lacking: Vec<ConceptId>,
    /// Languages a request wants its helper to speak ("someone who speaks Arabic to come
    /// with my neighbour"): not the need, but an offer must name them.
    pub required_languages: Vec<ConceptId>,
    /// The ages it names ("pour mon fils de 8 ans"), read with the rest (on every core when a
    /// whole board is read at start).
    pub ages: ages::Ages,
}

impl Analysis {
    /// Whether `span` lies inside a phrase of context ("arrivés en hébergement d'urgence",
    /// "j'ai cours l'après-midi"): a word there says where someone is, not what help is.
    pub(super) fn in_context_phrase(&self, span: (usize, usize)) -> bool {
        self.context.iter().any(|hit| hit.surface.contains(' ') && hit.span.0 <= span.0 && span.1 <= hit.span.1)
    }
}
