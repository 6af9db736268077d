//! The public invitation page's facts: what someone invited may learn from a code before they
//! use any of the apps — which community invites them, the first name of who sponsors them,
//! until when, and the invite links the apps made for this invitation. Nothing at all once the
//! code can no longer be used (or never could): a guessed or stale code reveals nothing.

use crate::code;
use crate::model::{Platform, Timestamp};
use crate::ports::StoreError;
use crate::rules;

use super::Service;

/// What the public page of a usable invitation shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicInvitation {
    /// The community's name.
    pub community: String,
    /// The sponsor's first name only (the first word of their name).
    pub sponsor: String,
    /// The code, as the invitee types it.
    pub code: String,
    /// When it stops working.
    pub expires_at: Timestamp,
    /// Whether the invitee will still need vouches once in (several sponsors required).
    pub needs_vouches: bool,
    /// The invite links apps made for this invitation (a Telegram group link, a Discord invite).
    pub links: Vec<(Platform, String)>,
}

/// The longest first name shown.
const FIRST_NAME_CHARS: usize = 40;

/// The first word of a display name, which is all the public page says of a sponsor.
pub fn first_name(display_name: &str) -> String {
    let first = display_name.split_whitespace().next().unwrap_or_default();
    first.chars().take(FIRST_NAME_CHARS).collect()
}

impl Service {
    /// What the public page may show of the invitation `typed` names: `None` when the code is
    /// malformed, unknown, used, revoked or expired, or its sponsor may no longer invite.
    pub async fn public_invitation(&self, typed: &str) -> Result<Option<PublicInvitation>, StoreError> {
        let Some(canonical) = code::normalize(typed) else { return Ok(None) };
        let Some(invitation) = self.store.invitation_by_code(self.community.id, &canonical).await? else {
            return Ok(None);
        };
        // Usable as `/rejoindre` sees it: not used, revoked or expired, and its sponsor still
        // active and allowed to invite.
        let sponsor = self.store.member(invitation.sponsor_id).await?;
        if rules::may_redeem(&invitation, sponsor.as_ref(), self.clock.now()).is_err() {
            return Ok(None);
        }
        let Some(sponsor) = sponsor else { return Ok(None) };
        let links = self.store.links_of_invitation(invitation.id).await?;
        Ok(Some(PublicInvitation {
            community: self.community.name.clone(),
            sponsor: first_name(&sponsor.display_name),
            code: invitation.code,
            expires_at: invitation.expires_at,
            needs_vouches: self.settings().sponsorship.required > 1,
            links,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::first_name;

    #[test]
    fn only_the_first_name_is_shown() {
        assert_eq!(first_name("Marie Dupont"), "Marie");
        assert_eq!(first_name("  Jean-Luc   Picard "), "Jean-Luc");
        assert_eq!(first_name("alice"), "alice");
        assert_eq!(first_name(""), "");
        assert_eq!(first_name(&"é".repeat(100)).chars().count(), 40);
    }
}
