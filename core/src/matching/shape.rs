//! The shape of help a post names (a thing lent or given, a service, a task) and its mode
//! (learning the skill or having the work done): read from its focus, compared before any
//! concept makes a match.

/// Whether a post is about learning a skill or having the work done, as its focus says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mode {
    /// "des cours", "m'apprendre", "beginners".
    pub learning: bool,
    /// "je répare", "qqn pour tondre", "sur mesure".
    pub doing: bool,
}

impl Mode {
    /// Whether posts of these modes may fit: not one only about learning and the other only
    /// about doing.
    pub fn agrees(self, other: Mode) -> bool {
        let learns_only = |mode: Mode| mode.learning && !mode.doing;
        let does_only = |mode: Mode| mode.doing && !mode.learning;
        !(learns_only(self) && does_only(other) || does_only(self) && learns_only(other))
    }
}

/// The shape of help a post names, read from its focus: "je prête ma scie" is a thing,
/// "je répare les vélos" a service. A request for a thing is not met by a service around the
/// same object (a bike to borrow is not a bike repair), nor a service by a thing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Shape {
    /// Lending ("prêter", "emprunter").
    pub lend: bool,
    /// Giving ("donner", "give away"), unless it gives a hand or lessons.
    pub give: bool,
    /// A skill, time, a ride, a room.
    pub service: bool,
    /// An offer that says it lends or gives nothing ("je ne les prête pas"): a request for a
    /// thing is not for it.
    pub no_thing: bool,
    /// A task someone is asked to do ("qqn pour monter un canapé", "qqn pour tondre"): it asks
    /// for a hand, which neither a thing given away nor a tool lent is.
    pub task: bool,
    /// Buying or selling ("qqn vend ?", "d'occasion"): a thing to buy is not met by one lent.
    pub buy: bool,
    /// A request for a thing to keep ("pour de bon", "pendant les deux ans"): not met by one lent.
    pub keep: bool,
    /// An offer that only lends, and does not come to do the work ("c'est juste du prêt").
    pub no_service: bool,
    /// An offer that sells, and neither gives nor lends ("meubles d'occasion à petits prix").
    pub sells_only: bool,
}

impl Shape {
    /// Whether a thing is lent or given, rather than a hand ("je donne des cours").
    pub(super) fn thing(self) -> bool {
        self.lend || (self.give && !self.service)
    }

    /// Whether help of this shape can meet a need of that one: either says nothing of its
    /// shape, or both name a thing, or both a service; a thing to buy is met only by an offer
    /// that gives or sells, and a gift asked by none that only sells.
    pub fn meets(self, need: Shape) -> bool {
        let said = |shape: Shape| shape.thing() || shape.service;
        if need.task && self.thing() && !self.service || need.thing() && self.no_thing && !self.thing() {
            return false;
        }
        // The work asked for ("qqn pour me les fixer au mur") is not done by an offer that
        // only lends.
        if need.task && !need.lend && !need.give && self.no_service {
            return false;
        }
        // A thing to buy, to keep or to be given is not met by one lent ("qqn donnerait un
        // vélo ?" is no bike for the day).
        if (need.buy || need.keep || (need.give && !need.lend)) && self.lend && !self.give {
            return false;
        }
        // "Quelqu'un donne un matelas ? Je ne peux rien payer" is not met by a shop, however cheap.
        if need.give && !need.buy && !need.lend && self.sells_only {
            return false;
        }
        // A thing to borrow ("je la rends dimanche") is not asked of whom gives theirs away
        // for good.
        if need.lend && !need.give && !need.service && self.give && !self.lend {
            return false;
        }
        // "Is anyone selling a second-hand piano?" wants a thing, whatever lessons its story
        // names: no service alone meets it, nor an offer that neither gives nor sells
        // ("tonte de pelouse, je viens avec ma tondeuse").
        if need.buy && !need.task && !self.thing() && !self.buy {
            return false;
        }
        !said(self) || !said(need) || (self.thing() && need.thing()) || (self.service && need.service)
    }
}
