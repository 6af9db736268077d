//! The rules as plain functions over domain types: who may act, whether a code can be
//! redeemed, what a "yes" or a "no" means in the help loop. No store, no clock: callers pass
//! what the rule needs, so every rule is tested without a database.

use crate::catalog;
use crate::model::{
    AccountRef, BarredAccount, Invitation, Lang, Match, MatchState, Member, MemberId, MemberStatus, Platform, Post,
    PostKind, PostState, Role, Timestamp,
};
use crate::settings::Sponsorship;

pub use crate::refusal::Refusal;

/// How many recent decisions on held joins say how long moderators usually take.
pub const TYPICAL_WAIT_SAMPLE: usize = 20;

/// How long moderators usually take to settle a held join, in seconds: the median of the
/// last decisions, once there are three (fewer say nothing usual).
pub fn typical_wait(settled: &[crate::model::HeldJoin]) -> Option<i64> {
    let mut waits: Vec<i64> =
        settled.iter().filter_map(|held| Some((held.settled_at? - held.created_at).max(0))).collect();
    if waits.len() < 3 {
        return None;
    }
    waits.sort_unstable();
    Some(waits[waits.len() / 2])
}

/// A wait as a newcomer reads it, rounded up: `quelques minutes`, `environ 3 heures`,
/// `environ 2 jours`.
pub fn wait_in_words(lang: Lang, seconds: i64) -> String {
    let (id, count) = if seconds <= 900 {
        ("wait-minutes", 0)
    } else if seconds <= 86_400 {
        ("wait-hours", (seconds + 3_599) / 3_600)
    } else {
        ("wait-days", (seconds + 86_399) / 86_400)
    };
    catalog::text(lang, id, &[("count", count.into())])
}

/// Whether a member is still on trial: sponsored members for their first days; founders,
/// moderators and admins never.
pub fn on_trial(member: &Member, now: Timestamp, sponsorship: &Sponsorship) -> bool {
    member.sponsor_id.is_some() && !member.role.can_moderate() && now < member.joined_at + sponsorship.trial
}

/// Whether a member may create an invitation now, given the invitations they created during
/// the current period (oldest first); returns how many remain after this one.
pub fn may_invite(
    member: &Member,
    recent: &[Invitation],
    now: Timestamp,
    sponsorship: &Sponsorship,
) -> Result<u32, Refusal> {
    may_act(member)?;
    if on_trial(member, now, sponsorship) {
        return Err(Refusal::OnTrial { until: member.joined_at + sponsorship.trial });
    }
    if let Some(reason) = &member.invite_block {
        return Err(Refusal::InvitesWithdrawn(reason.clone()));
    }
    let used = u32::try_from(recent.len()).unwrap_or(u32::MAX);
    if used >= sponsorship.quota {
        // One becomes available when the invitation that puts them at the quota leaves the period.
        let index = recent.len().saturating_sub(sponsorship.quota as usize);
        let oldest = recent.get(index).map_or(now, |invitation| invitation.created_at);
        return Err(Refusal::QuotaExhausted { quota: sponsorship.quota, renews_at: oldest + sponsorship.period });
    }
    Ok(sponsorship.quota - used - 1)
}

/// The platforms that make a native invite for a new invitation, lazily (a Discord guild
/// holds at most 1,000 invites): those the sponsor's note names ("pour Léa, sur Discord"),
/// else the one they wrote from (none more from Matrix, which invites by id), else (from the
/// console or an app without links) every one.
/// A platform that invites an account by id (Matrix) is asked whenever there is a note, where
/// its adapter looks for an id.
pub fn invite_platforms(native: &[Platform], from: Platform, note: Option<&str>) -> Vec<Platform> {
    let named: Vec<Platform> = note
        .into_iter()
        .flat_map(|note| note.split(|c: char| !c.is_alphanumeric()))
        .filter_map(|word| Platform::parse(&word.to_lowercase()))
        .collect();
    let links = native.iter().copied().filter(|platform| !platform.invites_by_id());
    let links: Vec<Platform> = match () {
        _ if native.iter().any(|platform| named.contains(platform)) => {
            links.filter(|platform| named.contains(platform)).collect()
        }
        _ if native.contains(&from) && !from.invites_by_id() => vec![from],
        // Written from an app that invites an account by id (Matrix): that app's invite (or
        // the code) serves; another app's link only when the note names it.
        _ if native.contains(&from) => Vec::new(),
        _ => links.collect(),
    };
    let by_id = native.iter().copied().filter(|platform| platform.invites_by_id() && note.is_some());
    links.into_iter().chain(by_id).collect()
}

/// How long a helper has to answer an ask before it counts as left unanswered.
pub const ANSWER_WITHIN: i64 = 3 * 86_400;

/// How far back the asks a helper left unanswered are counted.
pub const UNANSWERED_WINDOW: i64 = 30 * 86_400;

/// A helper's load is counted over a week.
const WEEK: i64 = 7 * 86_400;

/// How many asks left unanswered lately make a helper one to ask last.
pub const UNANSWERED_TO_SLOW: usize = 2;

/// What a helper's recent asks say: how many this week (their load), and how many in the
/// last month they left unanswered past [`ANSWER_WITHIN`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HelperRecord {
    /// Asks in the last seven days.
    pub this_week: usize,
    /// Asks of the last thirty days still unanswered after three days.
    pub unanswered: usize,
}

impl HelperRecord {
    /// How far back a record reads: the week of the load and the month of unanswered asks.
    pub const READS_SINCE: i64 = if UNANSWERED_WINDOW > WEEK { UNANSWERED_WINDOW } else { WEEK };

    /// Reads a helper's record from their matches (those of the last [`Self::READS_SINCE`]
    /// seconds are enough).
    pub fn of(helper: MemberId, matches: &[Match], now: Timestamp) -> Self {
        let asked = matches.iter().filter(|m| m.helper_id == helper);
        let mut record = HelperRecord::default();
        for m in asked {
            if m.created_at >= now - WEEK {
                record.this_week += 1;
            }
            let old_enough = m.created_at <= now - ANSWER_WITHIN && m.created_at >= now - UNANSWERED_WINDOW;
            if old_enough && m.state == MatchState::Asked {
                record.unanswered += 1;
            }
        }
        record
    }

    /// Whether they are asked only when the responsive helpers are not enough.
    pub fn is_slow(&self) -> bool {
        self.unanswered >= UNANSWERED_TO_SLOW
    }
}

/// Whether a helper may be asked about a request: a mentoring request (`#tutorat`) that says
/// its requester is a minor (`#mineur`, `#minor`) goes only to mentors who have been members
/// for `min_age` seconds at least, when the community sets such a rule (`mentor_min_days`).
pub fn may_mentor(helper: &Member, request: &Post, min_age: i64, now: Timestamp) -> bool {
    let minor = request.text.split_whitespace().any(|word| {
        let tag = crate::matching::fold(word.trim_end_matches(|c: char| !c.is_alphanumeric()));
        matches!(tag.as_str(), "#mineur" | "#mineure" | "#minor")
    });
    request.category != crate::model::Category::Mentoring || !minor || now - helper.joined_at >= min_age
}

/// The other side of a relay `member` writes in: the match must be theirs, confirmed by both
/// sides, not ended, and about a request not finished.
pub fn relay_partner(member: MemberId, found: &Match, request: &Post) -> Result<MemberId, Refusal> {
    let partner = match member {
        _ if member == found.requester_id => found.helper_id,
        _ if member == found.helper_id => found.requester_id,
        _ => return Err(Refusal::UnknownMatch(found.id)),
    };
    let finished =
        matches!(request.state, PostState::Done | PostState::Closed | PostState::Expired | PostState::Hidden);
    if found.state != MatchState::Confirmed || found.relay_closed_at.is_some() || finished {
        return Err(Refusal::RelayNotOpen(found.id));
    }
    Ok(partner)
}

/// Whether `voucher` may vouch for `candidate`, who already has `vouchers`.
pub fn may_vouch(
    voucher: &Member,
    candidate: &Member,
    vouchers: &[MemberId],
    now: Timestamp,
    sponsorship: &Sponsorship,
) -> Result<(), Refusal> {
    may_act(voucher)?;
    if on_trial(voucher, now, sponsorship) {
        return Err(Refusal::OnTrial { until: voucher.joined_at + sponsorship.trial });
    }
    if let Some(reason) = &voucher.invite_block {
        return Err(Refusal::InvitesWithdrawn(reason.clone()));
    }
    if candidate.id == voucher.id {
        return Err(Refusal::SelfVouch);
    }
    if candidate.status != MemberStatus::Candidate {
        return Err(Refusal::NotACandidate(candidate.display_name.clone()));
    }
    if vouchers.contains(&voucher.id) {
        return Err(Refusal::AlreadyVouched(candidate.display_name.clone()));
    }
    Ok(())
}

/// How many more vouches a candidate needs.
pub fn vouches_missing(vouchers: &[MemberId], sponsorship: &Sponsorship) -> u32 {
    sponsorship.required.saturating_sub(u32::try_from(vouchers.len()).unwrap_or(u32::MAX))
}

/// Whether `actor` may revoke an invitation: its sponsor or a moderator, while unused.
pub fn may_revoke(actor: &Member, invitation: &Invitation) -> Result<(), Refusal> {
    if invitation.sponsor_id != actor.id && !actor.role.can_moderate() {
        return Err(Refusal::NotYourInvitation);
    }
    if invitation.used_by.is_some() || invitation.revoked_at.is_some() {
        return Err(Refusal::CannotRevoke);
    }
    Ok(())
}

/// A member may act only when active.
pub fn may_act(member: &Member) -> Result<(), Refusal> {
    match member.status {
        MemberStatus::Active => Ok(()),
        MemberStatus::Candidate => Err(Refusal::Candidate),
        MemberStatus::Suspended => Err(Refusal::Suspended),
        MemberStatus::Banned => Err(Refusal::Banned),
        MemberStatus::Erased => Err(Refusal::NotMember),
    }
}

/// Data rights (`/mes-donnees`, `/supprimer-compte`) do not depend on standing: a candidate,
/// a suspended or a banned member may read and erase what is stored about them.
pub fn may_use_data_rights(member: &Member) -> Result<(), Refusal> {
    match member.status {
        MemberStatus::Erased => Err(Refusal::NotMember),
        _ => Ok(()),
    }
}

/// What stands for an account once its banned owner erased their data: SHA-256 over a salt
/// drawn for that account and the account itself, in hex. Someone holding the digest cannot
/// read the account back; an account that comes back is recognised by hashing it again.
pub fn account_digest(salt: &str, account: &AccountRef) -> String {
    use sha2::{Digest, Sha256};
    use std::fmt::Write;
    let mut hasher = Sha256::new();
    // Separators, so that no two (platform, user id) pairs hash the same bytes.
    hasher.update(salt.as_bytes());
    hasher.update(b"\0");
    hasher.update(account.platform.as_str().as_bytes());
    hasher.update(b"\0");
    hasher.update(account.user_id.as_bytes());
    let mut hex = String::with_capacity(64);
    for byte in hasher.finalize() {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// Whether an account is one of an erased banned person's.
pub fn is_barred(barred: &[BarredAccount], account: &AccountRef, now: Timestamp) -> bool {
    bar(barred, account, now).is_some()
}

/// The bar that still holds `account` out, if any (see [`is_barred`]).
pub fn bar<'a>(barred: &'a [BarredAccount], account: &AccountRef, now: Timestamp) -> Option<&'a BarredAccount> {
    barred.iter().find(|entry| {
        entry.until.is_none_or(|until| until > now) && account_digest(&entry.salt, account) == entry.digest
    })
}

/// The other side of a proposal must still be in good standing for the loop to go on.
pub fn partner_available(partner: &Member) -> Result<(), Refusal> {
    if partner.status == MemberStatus::Active { Ok(()) } else { Err(Refusal::PartnerUnavailable) }
}

/// Moderation commands need a moderator or admin in good standing.
pub fn may_moderate(member: &Member) -> Result<(), Refusal> {
    may_act(member)?;
    if member.role.can_moderate() { Ok(()) } else { Err(Refusal::NotModerator) }
}

/// Admin commands (roles, settings) need an admin in good standing.
pub fn may_configure(member: &Member) -> Result<(), Refusal> {
    may_act(member)?;
    if member.role == Role::Admin { Ok(()) } else { Err(Refusal::NotAdmin) }
}

/// Whether `actor` may lift `target`'s suspension or ban.
pub fn may_lift(actor: &Member, target: &Member) -> Result<(), Refusal> {
    may_moderate(actor)?;
    if actor.id == target.id {
        return Err(Refusal::SelfSanction);
    }
    if !matches!(target.status, MemberStatus::Suspended | MemberStatus::Banned) {
        return Err(Refusal::NotSanctioned(target.display_name.clone()));
    }
    Ok(())
}

/// Whether one more warning suspends: `earlier` warnings since the last suspension, and a
/// community threshold (0: warnings never suspend).
pub fn warning_suspends(earlier: usize, threshold: u32) -> bool {
    threshold > 0 && earlier + 1 >= threshold as usize
}

/// Whether `actor` may sanction `target`.
pub fn may_sanction(actor: &Member, target: &Member) -> Result<(), Refusal> {
    may_moderate(actor)?;
    if actor.id == target.id {
        return Err(Refusal::SelfSanction);
    }
    if target.role.can_moderate() && actor.role != Role::Admin {
        return Err(Refusal::TargetOutranks);
    }
    if target.status == MemberStatus::Banned {
        return Err(Refusal::AlreadyBanned);
    }
    Ok(())
}

/// Whether an invitation can be redeemed now, given its sponsor.
pub fn may_redeem(invitation: &Invitation, sponsor: Option<&Member>, now: Timestamp) -> Result<(), Refusal> {
    if invitation.used_by.is_some() {
        return Err(Refusal::CodeUsed);
    }
    if invitation.revoked_at.is_some() {
        return Err(Refusal::CodeRevoked);
    }
    if now >= invitation.expires_at {
        return Err(Refusal::CodeExpired);
    }
    match sponsor {
        Some(sponsor) if sponsor.status == MemberStatus::Active && sponsor.invite_block.is_none() => Ok(()),
        _ => Err(Refusal::SponsorNotActive),
    }
}

/// What a "yes" (`/accepter N`) from `actor` does to a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Acceptance {
    /// The helper offers to help; the requester must now confirm.
    HelperAccepts,
    /// The requester confirms: both consented, contacts are exchanged.
    RequesterConfirms,
}

/// What a "no" (`/refuser N`) from `actor` does to a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Declining {
    /// The helper cannot help this time.
    HelperDeclines,
    /// The requester does not take up the helper's offer.
    RequesterDeclines,
}

/// Reads a "yes": only the asked helper, then only the requester after the helper's yes.
/// Contacts are revealed only on [`Acceptance::RequesterConfirms`], which needs the helper's yes first.
pub fn acceptance(actor: MemberId, found: &Match, request: &Post) -> Result<Acceptance, Refusal> {
    if actor != found.helper_id && actor != found.requester_id {
        return Err(Refusal::UnknownMatch(found.id));
    }
    if !request.state.is_open() {
        return Err(Refusal::PostFinished(request.id));
    }
    match found.state {
        MatchState::Asked if actor == found.helper_id => Ok(Acceptance::HelperAccepts),
        MatchState::Accepted if actor == found.requester_id => Ok(Acceptance::RequesterConfirms),
        _ => Err(Refusal::MatchNotWaiting(found.id)),
    }
}

/// Reads a "no".
pub fn declining(actor: MemberId, found: &Match) -> Result<Declining, Refusal> {
    if actor != found.helper_id && actor != found.requester_id {
        return Err(Refusal::UnknownMatch(found.id));
    }
    match found.state {
        MatchState::Asked if actor == found.helper_id => Ok(Declining::HelperDeclines),
        MatchState::Accepted if actor == found.requester_id => Ok(Declining::RequesterDeclines),
        _ => Err(Refusal::MatchNotWaiting(found.id)),
    }
}

/// How a requester closes the loop on their request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closing {
    /// Met.
    Done,
    /// Met, and the helper is thanked.
    Thanks,
    /// Not met yet: open again.
    StillOpen,
    /// Withdrawn (by its author or a moderator).
    Close,
}

/// The state a post moves to when closed this way, after checking who may do it.
pub fn close(actor: &Member, post: &Post, how: Closing) -> Result<PostState, Refusal> {
    let is_author = actor.id == post.author_id;
    let may = is_author || (how == Closing::Close && actor.role.can_moderate());
    if !may {
        return Err(Refusal::NotYourPost(post.id));
    }
    if how != Closing::Close && post.kind != PostKind::Request {
        return Err(Refusal::NotARequest(post.id));
    }
    match (how, post.state) {
        (_, PostState::Done | PostState::Closed | PostState::Expired) => Err(Refusal::PostFinished(post.id)),
        (Closing::Done | Closing::Thanks, _) => Ok(PostState::Done),
        (Closing::StillOpen, _) => Ok(PostState::Open),
        (Closing::Close, _) => Ok(PostState::Closed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{CommandName, ParseError};
    use crate::model::{Category, Place};

    #[test]
    fn an_erased_banned_account_is_recognised_by_its_digest_only() {
        let account = AccountRef::new(Platform::Telegram, "43");
        let digest = account_digest("00ff", &account);
        assert_eq!(digest.len(), 64);
        assert_ne!(digest, account_digest("0100", &account), "each salt hashes apart");
        let barred =
            [BarredAccount { community_id: 1, member_id: 2, salt: "00ff".into(), digest, barred_at: 0, until: None }];
        assert!(is_barred(&barred, &account, 0));
        assert!(!is_barred(&barred, &AccountRef::new(Platform::Discord, "43"), 0), "another platform's 43");
        assert!(!is_barred(&barred, &AccountRef::new(Platform::Telegram, "430"), 0));
        // A suspension's bar ends with it.
        let suspended = [BarredAccount { until: Some(100), ..barred[0].clone() }];
        assert!(is_barred(&suspended, &account, 99));
        assert!(!is_barred(&suspended, &account, 100));
    }

    #[test]
    fn data_rights_do_not_depend_on_standing() {
        for status in [MemberStatus::Active, MemberStatus::Candidate, MemberStatus::Suspended, MemberStatus::Banned] {
            assert_eq!(may_use_data_rights(&member(2, Role::Member, status)), Ok(()), "{status}");
        }
        assert_eq!(may_use_data_rights(&member(2, Role::Member, MemberStatus::Erased)), Err(Refusal::NotMember));
    }

    #[test]
    fn only_established_mentors_are_matched_with_a_minor() {
        let mut mentor = member(2, Role::Member, MemberStatus::Active);
        mentor.joined_at = 1_000;
        let mut request = Post {
            category: Category::Mentoring,
            text: "#tutorat aide en maths pour ma fille #Mineure.".into(),
            ..request(PostState::Open)
        };
        let month = 30 * 86_400;
        assert!(!may_mentor(&mentor, &request, month, 1_000 + month - 1), "too new");
        assert!(may_mentor(&mentor, &request, month, 1_000 + month));
        assert!(may_mentor(&mentor, &request, 0, 1_000), "no rule");
        request.text = "#tutorat aide en maths".into();
        assert!(may_mentor(&mentor, &request, month, 1_000), "not for a minor");
        request.text = "#mineur une perceuse".into();
        request.category = Category::Lend;
        assert!(may_mentor(&mentor, &request, month, 1_000), "not mentoring");
    }

    #[test]
    fn native_invites_are_made_where_the_invitee_is_expected() {
        use Platform::{Console, Discord, Matrix, Telegram};
        let native = [Telegram, Matrix, Discord];
        assert_eq!(invite_platforms(&native, Discord, None), vec![Discord], "where the sponsor is");
        assert_eq!(invite_platforms(&native, Telegram, Some("pour Léa")), vec![Telegram, Matrix]);
        assert_eq!(invite_platforms(&native, Telegram, Some("Léa, sur Discord")), vec![Discord, Matrix]);
        assert_eq!(invite_platforms(&native, Console, None), vec![Telegram, Discord], "the console: everywhere");
        assert_eq!(invite_platforms(&native, Matrix, Some("@lea:matrix.org")), vec![Matrix], "a Matrix id");
        assert_eq!(invite_platforms(&native, Matrix, Some("@bob:localhost")), vec![Matrix], "no Telegram link");
        assert_eq!(invite_platforms(&native, Matrix, None), Vec::<Platform>::new(), "the code serves");
        assert_eq!(invite_platforms(&native, Matrix, Some("Léa sur Telegram")), vec![Telegram, Matrix]);
        assert_eq!(invite_platforms(&[Telegram], Discord, None), vec![Telegram], "Discord makes none here");
    }

    fn member(id: MemberId, role: Role, status: MemberStatus) -> Member {
        Member {
            id,
            community_id: 1,
            display_name: format!("m{id}"),
            lang: Lang::Fr,
            place: None,
            role,
            status,
            sponsor_id: None,
            joined_at: 0,
            invite_block: None,
            last_seen_at: 0,
            reminded_at: None,
            inactive_since: None,
            suspended_until: None,
        }
    }

    fn request(state: PostState) -> Post {
        Post {
            id: 10,
            community_id: 1,
            author_id: 1,
            kind: PostKind::Request,
            category: Category::Lend,
            topic: "other".to_owned(),
            text: "une scie".into(),
            place: Place::Local("Rennes".into()),
            state,
            created_at: 0,
            updated_at: 0,
            on_behalf_of: None,
        }
    }

    fn a_match(state: MatchState) -> Match {
        Match {
            id: 5,
            request_id: 10,
            offer_id: 11,
            requester_id: 1,
            helper_id: 2,
            score: 1.0,
            reasons: vec![],
            state,
            created_at: 0,
            updated_at: 0,
            accepted_at: None,
            relay_closed_at: None,
            decline_reason: None,
        }
    }

    fn invitation(used_by: Option<MemberId>, expires_at: Timestamp) -> Invitation {
        Invitation {
            id: 1,
            community_id: 1,
            code: "0000-0000-0000-0000".into(),
            sponsor_id: 1,
            created_at: 0,
            expires_at,
            used_by,
            used_at: used_by.map(|_| 10),
            revoked_at: None,
            note: None,
        }
    }

    #[test]
    fn a_banned_or_suspended_member_can_do_nothing() {
        assert_eq!(may_act(&member(1, Role::Admin, MemberStatus::Banned)), Err(Refusal::Banned));
        assert_eq!(may_act(&member(1, Role::Member, MemberStatus::Suspended)), Err(Refusal::Suspended));
        assert_eq!(may_moderate(&member(1, Role::Admin, MemberStatus::Banned)), Err(Refusal::Banned));
        assert_eq!(may_act(&member(1, Role::Member, MemberStatus::Active)), Ok(()));
    }

    #[test]
    fn only_moderators_sanction_and_not_upwards() {
        let plain = member(1, Role::Member, MemberStatus::Active);
        let moderator = member(2, Role::Moderator, MemberStatus::Active);
        let admin = member(3, Role::Admin, MemberStatus::Active);
        assert_eq!(may_sanction(&plain, &moderator), Err(Refusal::NotModerator));
        assert_eq!(may_sanction(&moderator, &admin), Err(Refusal::TargetOutranks));
        assert_eq!(may_sanction(&moderator, &moderator), Err(Refusal::SelfSanction));
        assert_eq!(may_sanction(&moderator, &plain), Ok(()));
        assert_eq!(may_sanction(&admin, &moderator), Ok(()));
        let banned = member(4, Role::Member, MemberStatus::Banned);
        assert_eq!(may_sanction(&admin, &banned), Err(Refusal::AlreadyBanned));
    }

    #[test]
    fn a_used_or_expired_code_is_refused() {
        let sponsor = member(1, Role::Member, MemberStatus::Active);
        assert_eq!(may_redeem(&invitation(None, 100), Some(&sponsor), 50), Ok(()));
        assert_eq!(may_redeem(&invitation(Some(7), 100), Some(&sponsor), 50), Err(Refusal::CodeUsed));
        assert_eq!(may_redeem(&invitation(None, 100), Some(&sponsor), 100), Err(Refusal::CodeExpired));
        let banned = member(1, Role::Member, MemberStatus::Banned);
        assert_eq!(may_redeem(&invitation(None, 100), Some(&banned), 50), Err(Refusal::SponsorNotActive));
        assert_eq!(may_redeem(&invitation(None, 100), None, 50), Err(Refusal::SponsorNotActive));
    }

    #[test]
    fn contacts_need_the_helper_then_the_requester() {
        let open = request(PostState::Open);
        // The requester cannot confirm before the helper said yes: no contact without both.
        assert_eq!(acceptance(1, &a_match(MatchState::Asked), &open), Err(Refusal::MatchNotWaiting(5)));
        assert_eq!(acceptance(2, &a_match(MatchState::Asked), &open), Ok(Acceptance::HelperAccepts));
        // The helper cannot confirm on the requester's behalf.
        assert_eq!(
            acceptance(2, &a_match(MatchState::Accepted), &request(PostState::Proposed)),
            Err(Refusal::MatchNotWaiting(5))
        );
        assert_eq!(
            acceptance(1, &a_match(MatchState::Accepted), &request(PostState::Proposed)),
            Ok(Acceptance::RequesterConfirms)
        );
        // Strangers see nothing; finished requests take no more yeses.
        assert_eq!(acceptance(3, &a_match(MatchState::Accepted), &open), Err(Refusal::UnknownMatch(5)));
        assert_eq!(
            acceptance(2, &a_match(MatchState::Asked), &request(PostState::Done)),
            Err(Refusal::PostFinished(10))
        );
        assert_eq!(
            acceptance(1, &a_match(MatchState::Confirmed), &request(PostState::InContact)),
            Err(Refusal::PostFinished(10))
        );
    }

    #[test]
    fn every_refusal_usage_state_and_action_renders_in_both_languages() {
        use crate::model::AuditAction;
        let refusals = [
            Refusal::NotMember,
            Refusal::Banned,
            Refusal::Suspended,
            Refusal::Candidate,
            Refusal::NotModerator,
            Refusal::AlreadyMember,
            Refusal::MalformedCode,
            Refusal::UnknownCode,
            Refusal::CodeUsed,
            Refusal::CodeExpired,
            Refusal::SponsorNotActive,
            Refusal::CodeRevoked,
            Refusal::OnTrial { until: 0 },
            Refusal::InvitesWithdrawn("x".into()),
            Refusal::QuotaExhausted { quota: 3, renews_at: 0 },
            Refusal::NotYourInvitation,
            Refusal::CannotRevoke,
            Refusal::UnknownLinkCode,
            Refusal::LinkCodeExpired,
            Refusal::AlreadyLinked,
            Refusal::AccountOfAnotherMember,
            Refusal::NoAccountThere(crate::model::Platform::Telegram),
            Refusal::LastAccount,
            Refusal::NotACandidate("x".into()),
            Refusal::SelfVouch,
            Refusal::UnknownHeldJoin(1),
            Refusal::CodeInGroup,
            Refusal::AlreadyVouched("x".into()),
            Refusal::UnknownPost(1),
            Refusal::UnknownMatch(1),
            Refusal::NotYourPost(1),
            Refusal::NotARequest(1),
            Refusal::PostFinished(1),
            Refusal::MatchNotWaiting(1),
            Refusal::PartnerUnavailable,
            Refusal::UnknownMember("x".into()),
            Refusal::AmbiguousMember("x".into(), vec![1, 2]),
            Refusal::SelfSanction,
            Refusal::TargetOutranks,
            Refusal::AlreadyBanned,
            Refusal::Parse(ParseError::Unknown("x".into())),
            Refusal::Parse(ParseError::Usage(CommandName::Need)),
            Refusal::Parse(ParseError::TooLong(CommandName::Offer)),
            Refusal::Conflict,
            Refusal::NotRecorded,
            Refusal::Internal,
        ];
        for lang in Lang::ALL.iter().copied() {
            let mut texts: Vec<String> = refusals.iter().map(|refusal| refusal.render(lang)).collect();
            let places = crate::place::PlaceError::ALL.iter().map(|why| Refusal::Parse(ParseError::Place(*why)));
            texts.extend(places.map(|refusal| refusal.render(lang)));
            texts.extend(CommandName::all().map(|name| name.usage(lang)));
            texts.extend(PostState::ALL.iter().map(|state| catalog::text(lang, &format!("state-{state}"), &[])));
            texts.extend(
                AuditAction::ALL.iter().map(|action| catalog::text(lang, &format!("audit-action-{action}"), &[])),
            );
            texts.extend(MemberStatus::ALL.iter().map(|status| catalog::text(lang, &format!("status-{status}"), &[])));
            for text in texts {
                assert!(!text.contains('⟨') && !text.trim().is_empty(), "{lang}: {text}");
            }
        }
    }

    const SPONSORSHIP: Sponsorship = Sponsorship { quota: 2, period: 1_000, trial: 100, required: 3 };

    #[test]
    fn vouching_counts_each_member_once_and_never_oneself() {
        let voucher = member(1, Role::Member, MemberStatus::Active);
        let mut candidate = member(7, Role::Member, MemberStatus::Candidate);
        candidate.display_name = "zoe".into();
        assert_eq!(may_vouch(&voucher, &candidate, &[2], 0, &SPONSORSHIP), Ok(()));
        assert_eq!(
            may_vouch(&voucher, &candidate, &[1, 2], 0, &SPONSORSHIP),
            Err(Refusal::AlreadyVouched("zoe".into()))
        );
        assert_eq!(
            may_vouch(&candidate, &candidate, &[], 0, &SPONSORSHIP),
            Err(Refusal::Candidate),
            "candidates cannot vouch"
        );
        assert_eq!(may_vouch(&voucher, &voucher, &[], 0, &SPONSORSHIP), Err(Refusal::SelfVouch));
        let active = member(7, Role::Member, MemberStatus::Active);
        assert_eq!(may_vouch(&voucher, &active, &[], 0, &SPONSORSHIP), Err(Refusal::NotACandidate("m7".into())));
        assert_eq!(vouches_missing(&[1, 2], &SPONSORSHIP), 1);
        assert_eq!(vouches_missing(&[1, 2, 3, 4], &SPONSORSHIP), 0);
    }

    #[test]
    fn new_members_cannot_invite_during_their_trial() {
        let mut newcomer = member(5, Role::Member, MemberStatus::Active);
        newcomer.sponsor_id = Some(1);
        newcomer.joined_at = 50;
        assert_eq!(may_invite(&newcomer, &[], 149, &SPONSORSHIP), Err(Refusal::OnTrial { until: 150 }));
        assert_eq!(may_invite(&newcomer, &[], 150, &SPONSORSHIP), Ok(1), "the trial ends on time");
        let founder = member(1, Role::Member, MemberStatus::Active);
        assert_eq!(may_invite(&founder, &[], 0, &SPONSORSHIP), Ok(1), "founders have no trial");
    }

    #[test]
    fn quotas_withdrawn_rights_and_revocation() {
        let sponsor = member(1, Role::Member, MemberStatus::Active);
        let mut first = invitation(None, 900);
        first.created_at = 10;
        let second = invitation(None, 900);
        assert_eq!(may_invite(&sponsor, std::slice::from_ref(&first), 20, &SPONSORSHIP), Ok(0));
        assert_eq!(
            may_invite(&sponsor, &[first.clone(), second], 20, &SPONSORSHIP),
            Err(Refusal::QuotaExhausted { quota: 2, renews_at: 1_010 })
        );
        let mut blocked = sponsor.clone();
        blocked.invite_block = Some("abus".into());
        assert_eq!(may_invite(&blocked, &[], 20, &SPONSORSHIP), Err(Refusal::InvitesWithdrawn("abus".into())));

        let stranger = member(2, Role::Member, MemberStatus::Active);
        let moderator = member(3, Role::Moderator, MemberStatus::Active);
        assert_eq!(may_revoke(&sponsor, &first), Ok(()));
        assert_eq!(may_revoke(&moderator, &first), Ok(()));
        assert_eq!(may_revoke(&stranger, &first), Err(Refusal::NotYourInvitation));
        assert_eq!(may_revoke(&sponsor, &invitation(Some(9), 900)), Err(Refusal::CannotRevoke));
        let mut revoked = invitation(None, 900);
        revoked.revoked_at = Some(5);
        assert_eq!(may_redeem(&revoked, Some(&sponsor), 10), Err(Refusal::CodeRevoked));
    }

    #[test]
    fn the_loop_stops_when_the_other_side_is_gone() {
        assert_eq!(partner_available(&member(1, Role::Member, MemberStatus::Active)), Ok(()));
        assert_eq!(partner_available(&member(1, Role::Member, MemberStatus::Banned)), Err(Refusal::PartnerUnavailable));
        assert_eq!(
            partner_available(&member(1, Role::Member, MemberStatus::Suspended)),
            Err(Refusal::PartnerUnavailable)
        );
    }

    #[test]
    fn noes_follow_the_same_turns() {
        assert_eq!(declining(2, &a_match(MatchState::Asked)), Ok(Declining::HelperDeclines));
        assert_eq!(declining(1, &a_match(MatchState::Accepted)), Ok(Declining::RequesterDeclines));
        assert_eq!(declining(1, &a_match(MatchState::Asked)), Err(Refusal::MatchNotWaiting(5)));
        assert_eq!(declining(3, &a_match(MatchState::Asked)), Err(Refusal::UnknownMatch(5)));
    }

    #[test]
    fn closing_the_loop() {
        let author = member(1, Role::Member, MemberStatus::Active);
        let other = member(2, Role::Member, MemberStatus::Active);
        let moderator = member(3, Role::Moderator, MemberStatus::Active);
        let in_contact = request(PostState::InContact);
        assert_eq!(close(&author, &in_contact, Closing::Thanks), Ok(PostState::Done));
        assert_eq!(close(&author, &in_contact, Closing::StillOpen), Ok(PostState::Open));
        assert_eq!(close(&other, &in_contact, Closing::Done), Err(Refusal::NotYourPost(10)));
        assert_eq!(close(&moderator, &in_contact, Closing::Done), Err(Refusal::NotYourPost(10)));
        assert_eq!(close(&moderator, &in_contact, Closing::Close), Ok(PostState::Closed));
        assert_eq!(close(&author, &request(PostState::Done), Closing::Done), Err(Refusal::PostFinished(10)));
        let mut offer = request(PostState::Open);
        offer.kind = PostKind::Offer;
        assert_eq!(close(&author, &offer, Closing::Done), Err(Refusal::NotARequest(10)));
        assert_eq!(close(&author, &offer, Closing::Close), Ok(PostState::Closed));
    }
}
