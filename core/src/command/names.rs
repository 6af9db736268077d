//! Every command's name in French and English, its other spellings, the order help lists
//! them in, and whether it is for moderators.

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
}

/// Every spelling of every command: (name, French, English, other aliases).
pub(super) const NAMES: &[(CommandName, &str, &str, &[&str])] = &[
    (CommandName::Help, "aide", "help", &["start", "aides"]),
    (CommandName::Need, "besoin", "need", &["demande", "request"]),
    (CommandName::Offer, "offre", "offer", &["propose"]),
    (CommandName::Invite, "inviter", "invite", &[]),
    (CommandName::Join, "rejoindre", "join", &[]),
    (CommandName::Accept, "accepter", "accept", &["confirmer", "confirm", "oui", "yes"]),
    (CommandName::Decline, "refuser", "decline", &["non", "no"]),
    (CommandName::Rematch, "retablir", "restore", &["rétablir"]),
    (CommandName::Reply, "repondre", "reply", &["répondre", "ecrire", "écrire", "write"]),
    (CommandName::Share, "partager", "share", &[]),
    (CommandName::EndRelay, "terminer", "end", &["finir"]),
    (CommandName::Time, "temps", "time", &["heures", "hours"]),
    (CommandName::Balance, "solde", "balance", &[]),
    (CommandName::Alert, "alerte", "alert", &[]),
    (CommandName::Announce, "annonce", "announce", &[]),
    (CommandName::Publish, "publier", "publish", &[]),
    (CommandName::Withdraw, "retirer", "withdraw", &[]),
    (CommandName::CorrectCredit, "corriger", "correct", &[]),
    (CommandName::Done, "fait", "done", &[]),
    (CommandName::Thanks, "merci", "thanks", &[]),
    (CommandName::StillOpen, "ouvert", "reopen", &["rouvrir"]),
    (CommandName::Close, "fermer", "close", &[]),
    (CommandName::Renew, "renouveler", "renew", &[]),
    (CommandName::Mine, "mes", "mine", &["moi", "me"]),
    (CommandName::Place, "lieu", "place", &["ville", "city"]),
    (CommandName::Language, "langue", "language", &["lang"]),
    (CommandName::Report, "signaler", "report", &[]),
    (CommandName::MyData, "mes-donnees", "my-data", &["mes-données"]),
    (CommandName::DeleteMe, "supprimer-compte", "delete-me", &[]),
    (CommandName::OnBehalf, "pour", "for", &[]),
    (CommandName::Warn, "avertir", "warn", &[]),
    (CommandName::Suspend, "suspendre", "suspend", &[]),
    (CommandName::Ban, "bannir", "ban", &[]),
    (CommandName::Lift, "lever", "unban", &["unsuspend", "lift"]),
    (CommandName::Reports, "signalements", "reports", &[]),
    (CommandName::Take, "prendre", "take", &[]),
    (CommandName::Resolve, "resoudre", "resolve", &["résoudre"]),
    (CommandName::Dismiss, "classer", "dismiss", &[]),
    (CommandName::Hide, "masquer", "hide", &[]),
    (CommandName::Stats, "stats", "stats", &["statistiques", "statistics"]),
    (CommandName::Undelivered, "envois", "undelivered", &["non-remis"]),
    (CommandName::Resend, "relancer", "resend", &[]),
    (CommandName::Audit, "journal", "audit", &[]),
    (CommandName::Revoke, "revoquer", "revoke", &["révoquer"]),
    (CommandName::WithdrawInvites, "retirer-parrainage", "withdraw-invites", &[]),
    (CommandName::RestoreInvites, "rendre-parrainage", "restore-invites", &[]),
    (CommandName::Link, "lier", "link", &[]),
    (CommandName::Unlink, "delier", "unlink", &["délier"]),
    (CommandName::Vouch, "parrainer", "vouch", &["recommander"]),
    (CommandName::Apply, "candidater", "apply", &[]),
    (CommandName::Candidates, "candidats", "candidates", &[]),
    (CommandName::Record, "fiche", "record", &["membre", "member"]),
    (CommandName::Approve, "approuver", "approve", &[]),
    (CommandName::Reject, "rejeter", "reject", &[]),
    (CommandName::Held, "arrivees", "held", &["arrivées"]),
    (CommandName::Adopt, "adopter", "adopt", &[]),
    (CommandName::SetRole, "role", "role", &["rôle"]),
    (CommandName::Config, "config", "config", &["configuration", "reglages", "settings"]),
];

impl CommandName {
    /// "Usage: /besoin TEXT — …", in a language: its line in `/aide` and the menus.
    pub fn usage(self, lang: Lang) -> String {
        let id = format!("usage-{}", self.word(Lang::En));
        catalog::text(lang, &id, &[("cmd", format!("/{}", self.word(lang)).into())])
    }

    /// Every command, in the order help lists them.
    pub fn all() -> impl Iterator<Item = CommandName> {
        NAMES.iter().map(|(name, ..)| *name)
    }

    /// The command's name in a language, without the slash.
    pub fn word(self, lang: Lang) -> &'static str {
        let (_, fr, en, _) =
            NAMES.iter().find(|(name, ..)| *name == self).copied().unwrap_or((self, "aide", "help", &[]));
        match lang {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }

    /// Finds a command by any of its spellings; `_` stands for `-` (Telegram's menus allow
    /// no hyphen: `/mes_donnees`).
    pub(super) fn lookup(word: &str) -> Option<CommandName> {
        let word = word.replace('_', "-");
        let word = word.as_str();
        NAMES
            .iter()
            .find(|(_, fr, en, aliases)| *fr == word || *en == word || aliases.contains(&word))
            .map(|(name, ..)| *name)
    }

    /// Whether only moderators may use it (help lists these apart).
    pub fn is_moderation(self) -> bool {
        matches!(
            self,
            CommandName::Ban
                | CommandName::Audit
                | CommandName::WithdrawInvites
                | CommandName::RestoreInvites
                | CommandName::Candidates
                | CommandName::Record
                | CommandName::Approve
                | CommandName::Reject
                | CommandName::Held
                | CommandName::Adopt
                | CommandName::Warn
                | CommandName::Suspend
                | CommandName::Lift
                | CommandName::Reports
                | CommandName::Take
                | CommandName::Resolve
                | CommandName::Dismiss
                | CommandName::Hide
                | CommandName::Stats
                | CommandName::SetRole
                | CommandName::Config
                | CommandName::Undelivered
                | CommandName::Resend
                | CommandName::CorrectCredit
                | CommandName::Announce
                | CommandName::Publish
                | CommandName::Withdraw
        )
    }
}
