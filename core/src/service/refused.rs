//! Sanctions a platform refused for good (the bot lacks the right in a group, the person is
//! out of its reach): the dispatcher parks them, and moderators hear of it at once, where and
//! why, with the command that tries again, rather than finding it later in `/envois`; and
//! a hidden post's message a platform would not let the bot remove.

use crate::catalog;
use crate::command::CommandName;
use crate::model::{OutboxMessage, OutgoingBody};
use crate::ports::{ParkedListener, StoreError};

use super::Service;

/// A sanction a platform refused for good (the bot lacks the right in a group, the person is
/// out of its reach): moderators hear of it at once, where and why, with the command that
/// tries again once it is fixed. Anything else parked waits in `/envois`.
#[async_trait::async_trait]
impl ParkedListener for Service {
    async fn parked(&self, message: &OutboxMessage, why: &str) {
        let action = match message.message.body {
            OutgoingBody::Ban => "ban",
            OutgoingBody::Unban => "unban",
            OutgoingBody::Restrict { .. } => "restrict",
            OutgoingBody::Unrestrict => "unrestrict",
            OutgoingBody::Remove => "remove",
            _ => return,
        };
        if let Err(error) = self.tell_refused_sanction(message, action, why).await {
            tracing::warn!(%error, message = message.id, "could not tell moderators of a refused sanction");
        }
    }
}

impl Service {
    async fn tell_refused_sanction(&self, message: &OutboxMessage, action: &str, why: &str) -> Result<(), StoreError> {
        let to = &message.message.to;
        let member = match self.store.account(self.community.id, to).await? {
            Some(account) => self.store.member(account.member_id).await?,
            None => None,
        };
        let now = self.clock.now();
        let mut changes = Vec::new();
        for moderator in self.store.moderators(self.community.id).await? {
            let lang = moderator.lang;
            let name = member.as_ref().map_or_else(|| to.user_id.clone(), |member| member.display_name.clone());
            let args = [
                ("action", action.into()),
                ("name", name.into()),
                ("platform", to.platform.as_str().into()),
                ("error", why.into()),
                ("resend", format!("/{} {}", CommandName::Resend.word(lang), message.id).into()),
            ];
            let text = catalog::text(lang, "sanction-refused", &args);
            changes.extend(
                self.private_message(&moderator, format!("refused:{}:{}", message.id, moderator.id), text, now).await?,
            );
        }
        self.commit(changes).await
    }
}

impl Service {
    /// A hidden post's own message that its platform would not let the bot remove (no right
    /// to delete others' messages there): moderators are told, to remove it by hand.
    pub(super) async fn source_kept(&self, removal: &crate::model::Outgoing, post: &str) -> Result<(), StoreError> {
        let now = self.clock.now();
        let mut changes = Vec::new();
        for moderator in self.store.moderators(self.community.id).await? {
            let args = [("id", post.into()), ("platform", removal.to.platform.as_str().into())];
            let text = catalog::text(moderator.lang, "hide-source-kept", &args);
            let key = format!("kept:{}:{}", removal.key, moderator.id);
            changes.extend(self.private_message(&moderator, key, text, now).await?);
        }
        self.commit(changes).await
    }
}
