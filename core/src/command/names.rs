//! The command table: every command's name in French and English, its other spellings, the
//! order help lists them in, what it takes, who it is for and where it answers. One row per
//! command; the parser, `/aide`, the apps' menus and the service read it.

use crate::catalog;
use crate::model::Lang;

/// The commands by name, for usage messages and help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommandName {
    /// `/aide`.
    Help,
    /// `/besoin`.
    Need,
    /// `/offre`.
    Offer,
    /// `/inviter`.
    Invite,
    /// `/rejoindre`.
    Join,
    /// `/accepter`.
    Accept,
    /// `/refuser`.
    Decline,
    /// `/retablir`.
    Rematch,
    /// `/repondre`.
    Reply,
    /// `/partager`.
    Share,
    /// `/terminer`.
    EndRelay,
    /// `/temps`.
    Time,
    /// `/solde`.
    Balance,
    /// `/annonce`.
    Announce,
    /// `/alerte`.
    Alert,
    /// `/publier`.
    Publish,
    /// `/retirer`.
    Withdraw,
    /// `/corriger`.
    CorrectCredit,
    /// `/fait`.
    Done,
    /// `/merci`.
    Thanks,
    /// `/ouvert`.
    StillOpen,
    /// `/fermer`.
    Close,
    /// `/renouveler`.
    Renew,
    /// `/mes`.
    Mine,
    /// `/lieu`.
    Place,
    /// `/langue`.
    Language,
    /// `/bannir`.
    Ban,
    /// `/journal`.
    Audit,
    /// `/revoquer`.
    Revoke,
    /// `/retirer-parrainage`.
    WithdrawInvites,
    /// `/rendre-parrainage`.
    RestoreInvites,
    /// `/lier`.
    Link,
    /// `/delier`.
    Unlink,
    /// `/parrainer`.
    Vouch,
    /// `/candidater`.
    Apply,
    /// `/candidats`.
    Candidates,
    /// `/membre`.
    Record,
    /// `/approuver`.
    Approve,
    /// `/rejeter`.
    Reject,
    /// `/arrivees`.
    Held,
    /// `/adopter`.
    Adopt,
    /// `/avertir`.
    Warn,
    /// `/suspendre`.
    Suspend,
    /// `/lever`.
    Lift,
    /// `/signaler`.
    Report,
    /// `/signalements`.
    Reports,
    /// `/prendre`.
    Take,
    /// `/resoudre`.
    Resolve,
    /// `/classer`.
    Dismiss,
    /// `/masquer`.
    Hide,
    /// `/role`.
    SetRole,
    /// `/config`.
    Config,
    /// `/stats`.
    Stats,
    /// `/mes-donnees`.
    MyData,
    /// `/supprimer-compte`.
    DeleteMe,
    /// `/pour`.
    OnBehalf,
    /// `/envois`.
    Undelivered,
    /// `/relancer`.
    Resend,
    /// `/tableau`.
    Dashboard,
}

/// One command's facts, which the parser, `/aide`, the Telegram menus, Discord's registration
/// and the service all read: one row each in [`COMMANDS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    /// The command.
    pub name: CommandName,
    /// Its French name.
    pub fr: &'static str,
    /// Its English name.
    pub en: &'static str,
    /// Its other spellings.
    pub aliases: &'static [&'static str],
    /// What follows its name.
    pub takes: Takes,
    /// What else is true of it.
    pub traits: &'static [Trait],
}

/// What follows a command's name, in the shape of its usage line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Takes {
    /// Nothing.
    Nothing,
    /// A number (a post, a proposal, a report…).
    Number,
    /// A number, then words.
    NumberThenText,
    /// Words.
    Text,
}

/// What may be true of a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trait {
    /// For moderators (help lists these apart; menus show them to groups' administrators).
    Moderation,
    /// Typed in groups too (the groups' menus show it).
    InGroups,
    /// Its answer is for the member's eyes only: typed in a group, it is answered privately.
    AnsweredPrivately,
    /// Typed in a group, its answer announces a post there (a request, an offer).
    Announces,
    /// Its number is one of the member's own posts (an app may offer them to pick from).
    OwnPost,
}

/// A row of [`COMMANDS`].
const fn row(
    name: CommandName,
    fr: &'static str,
    en: &'static str,
    aliases: &'static [&'static str],
    takes: Takes,
    traits: &'static [Trait],
) -> Facts {
    Facts { name, fr, en, aliases, takes, traits }
}

/// Every command, in the order help lists them.
#[rustfmt::skip]
pub const COMMANDS: &[Facts] = {
    use CommandName::*;
    use Takes::*;
    use Trait::*;
    &[
        row(Help, "aide", "help", &["start", "aides"], Text, &[InGroups]),
        row(Need, "besoin", "need", &["demande", "request"], Text, &[InGroups, Announces]),
        row(Offer, "offre", "offer", &["propose"], Text, &[InGroups, Announces]),
        row(Invite, "inviter", "invite", &[], Text, &[]),
        row(Join, "rejoindre", "join", &[], Text, &[]),
        row(Accept, "accepter", "accept", &["confirmer", "confirm", "oui", "yes"], Number, &[]),
        row(Decline, "refuser", "decline", &["non", "no"], NumberThenText, &[]),
        row(Rematch, "retablir", "restore", &["rétablir"], Number, &[]),
        row(Reply, "repondre", "reply", &["répondre", "ecrire", "écrire", "write"], NumberThenText, &[AnsweredPrivately]),
        row(Share, "partager", "share", &[], Number, &[AnsweredPrivately]),
        row(EndRelay, "terminer", "end", &["finir"], Number, &[AnsweredPrivately]),
        row(Time, "temps", "time", &["heures", "hours"], NumberThenText, &[]),
        row(Balance, "solde", "balance", &[], Nothing, &[AnsweredPrivately]),
        row(Alert, "alerte", "alert", &[], Text, &[]),
        row(Announce, "annonce", "announce", &[], Text, &[Moderation]),
        row(Publish, "publier", "publish", &[], Number, &[Moderation]),
        row(Withdraw, "retirer", "withdraw", &[], Number, &[Moderation]),
        row(CorrectCredit, "corriger", "correct", &[], NumberThenText, &[Moderation]),
        row(Done, "fait", "done", &[], Number, &[OwnPost]),
        row(Thanks, "merci", "thanks", &[], Number, &[OwnPost]),
        row(StillOpen, "ouvert", "reopen", &["rouvrir"], Number, &[OwnPost]),
        row(Close, "fermer", "close", &[], Number, &[OwnPost]),
        row(Renew, "renouveler", "renew", &[], Number, &[OwnPost]),
        row(Mine, "mes", "mine", &["moi", "me"], Nothing, &[InGroups, AnsweredPrivately]),
        row(Place, "lieu", "place", &["ville", "city"], Text, &[]),
        row(Language, "langue", "language", &["lang"], Text, &[]),
        row(Report, "signaler", "report", &[], NumberThenText, &[InGroups]),
        row(MyData, "mes-donnees", "my-data", &["mes-données"], Nothing, &[]),
        row(DeleteMe, "supprimer-compte", "delete-me", &[], Text, &[]),
        row(OnBehalf, "pour", "for", &[], Text, &[]),
        row(Warn, "avertir", "warn", &[], Text, &[Moderation]),
        row(Suspend, "suspendre", "suspend", &[], Text, &[Moderation]),
        row(Ban, "bannir", "ban", &[], Text, &[Moderation]),
        row(Lift, "lever", "unban", &["unsuspend", "lift"], Text, &[Moderation]),
        row(Reports, "signalements", "reports", &[], Nothing, &[Moderation, AnsweredPrivately]),
        row(Take, "prendre", "take", &[], Number, &[Moderation]),
        row(Resolve, "resoudre", "resolve", &["résoudre"], NumberThenText, &[Moderation]),
        row(Dismiss, "classer", "dismiss", &[], NumberThenText, &[Moderation]),
        row(Hide, "masquer", "hide", &[], NumberThenText, &[Moderation]),
        row(Stats, "stats", "stats", &["statistiques", "statistics"], Text, &[Moderation, AnsweredPrivately]),
        row(Undelivered, "envois", "undelivered", &["non-remis"], Nothing, &[Moderation, AnsweredPrivately]),
        row(Resend, "relancer", "resend", &[], Number, &[Moderation]),
        row(Audit, "journal", "audit", &[], Text, &[Moderation, AnsweredPrivately]),
        row(Revoke, "revoquer", "revoke", &["révoquer"], Text, &[]),
        row(WithdrawInvites, "retirer-parrainage", "withdraw-invites", &[], Text, &[Moderation]),
        row(RestoreInvites, "rendre-parrainage", "restore-invites", &[], Text, &[Moderation]),
        row(Link, "lier", "link", &[], Text, &[]),
        row(Unlink, "delier", "unlink", &["délier"], Text, &[]),
        row(Vouch, "parrainer", "vouch", &["recommander"], Text, &[]),
        row(Apply, "candidater", "apply", &[], Nothing, &[]),
        row(Candidates, "candidats", "candidates", &[], Nothing, &[Moderation, AnsweredPrivately]),
        row(Record, "fiche", "record", &["membre", "member"], Text, &[Moderation, AnsweredPrivately]),
        row(Approve, "approuver", "approve", &[], Number, &[Moderation]),
        row(Reject, "rejeter", "reject", &[], Number, &[Moderation]),
        row(Held, "arrivees", "held", &["arrivées"], Nothing, &[Moderation, AnsweredPrivately]),
        row(Adopt, "adopter", "adopt", &[], Text, &[Moderation]),
        row(SetRole, "role", "role", &["rôle"], Text, &[Moderation]),
        row(Config, "config", "config", &["configuration", "reglages", "settings"], Text, &[Moderation, AnsweredPrivately]),
        row(Dashboard, "tableau", "dashboard", &["tableau-de-bord"], Text, &[Moderation]),
    ]
};

impl CommandName {
    /// "Usage: /besoin TEXT — …", in a language: its line in `/aide` and the menus.
    pub fn usage(self, lang: Lang) -> String {
        let id = format!("usage-{}", self.word(Lang::En));
        catalog::text(lang, &id, &[("cmd", format!("/{}", self.word(lang)).into())])
    }

    /// Every command, in the order help lists them.
    pub fn all() -> impl Iterator<Item = CommandName> {
        COMMANDS.iter().map(|facts| facts.name)
    }

    /// The command's name in a language, without the slash.
    pub fn word(self, lang: Lang) -> &'static str {
        let facts = self.facts();
        match lang {
            Lang::Fr => facts.fr,
            Lang::En => facts.en,
        }
    }

    /// Finds a command by any of its spellings; `_` stands for `-` (Telegram's menus allow
    /// no hyphen: `/mes_donnees`).
    pub(super) fn lookup(word: &str) -> Option<CommandName> {
        let word = word.replace('_', "-");
        let word = word.as_str();
        COMMANDS
            .iter()
            .find(|facts| facts.fr == word || facts.en == word || facts.aliases.contains(&word))
            .map(|facts| facts.name)
    }

    /// Whether only moderators may use it (help lists these apart).
    pub fn is_moderation(self) -> bool {
        self.has(Trait::Moderation)
    }

    /// This command's row in [`COMMANDS`].
    pub fn facts(self) -> &'static Facts {
        COMMANDS.iter().find(|facts| facts.name == self).unwrap_or(&COMMANDS[0])
    }

    /// Whether its row says so.
    pub fn has(self, what: Trait) -> bool {
        self.facts().traits.contains(&what)
    }
}
