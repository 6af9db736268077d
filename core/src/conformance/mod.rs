//! The store conformance suite: one set of checks that every [`Store`] implementation runs
//! (memory here; SQLite and PostgreSQL in the end-to-end tests), each check a test of its
//! own on a fresh store ([`conformance_tests!`](crate::conformance_tests)). Each check also
//! uses its own community, so [`run`] takes them all on one store.
#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

use crate::model::{
    Account, AccountRef, AuditAction, AuditEntry, BarredAccount, Category, CommunityId, DeclineReason, Invitation,
    Lang, Match, MatchState, Member, MemberId, MemberStatus, OutboxMessage, Outgoing, OutgoingBody, Place, Platform,
    Post, PostKind, PostState, Reason, Report, ReportState, Role, Timestamp, Transfer,
};
use crate::ports::{AuditQuery, Backlog, Census, Change, IdKind, Store, StoreError};

mod dashboard;
mod delivery;
mod leases;
mod members;
mod posts;
mod records;

pub use dashboard::dashboard_links_and_sessions;
pub use delivery::{claims_and_dead_letters, dead_links, held_answers, inbound_events, outbox, unreachable_accounts};
pub use leases::leases;
pub use members::{
    a_failed_change_writes_nothing, communities_and_ids, invitations, link_codes_and_unlinking, members_and_accounts,
    native_links_and_held_joins, sponsored, vouches_and_admission,
};
pub use posts::{
    ask_counts, declines_and_excluded_needs, kept_analyses, matches, post_messages, posts_and_their_states,
    request_counts,
};
pub use records::{audit_log, census_and_backlog, ledger, moderation};

/// Runs every check on one store, in order.
pub async fn run(store: &dyn Store) {
    census_and_backlog(store).await;
    communities_and_ids(store).await;
    members_and_accounts(store).await;
    a_failed_change_writes_nothing(store).await;
    posts_and_their_states(store).await;
    matches(store).await;
    declines_and_excluded_needs(store).await;
    kept_analyses(store).await;
    request_counts(store).await;
    ask_counts(store).await;
    invitations(store).await;
    link_codes_and_unlinking(store).await;
    vouches_and_admission(store).await;
    sponsored(store).await;
    native_links_and_held_joins(store).await;
    audit_log(store).await;
    moderation(store).await;
    outbox(store).await;
    held_answers(store).await;
    claims_and_dead_letters(store).await;
    inbound_events(store).await;
    unreachable_accounts(store).await;
    post_messages(store).await;
    dead_links(store).await;
    ledger(store).await;
    leases(store).await;
    dashboard_links_and_sessions(store).await;
}

/// One test per check, each on a fresh store, so that one failure hides none of the others:
/// `entraide_core::conformance_tests!(fresh)` in a module, where `async fn fresh() -> (G,
/// S)` makes a store `S` (derefs to a `Store`) that lives as long as `G` (a scratch database).
#[macro_export]
macro_rules! conformance_tests {
    ($fresh:path) => {
        $crate::conformance_tests!(@each $fresh;
            census_and_backlog,
            communities_and_ids,
            members_and_accounts,
            a_failed_change_writes_nothing,
            posts_and_their_states,
            matches,
            declines_and_excluded_needs,
            kept_analyses,
            request_counts,
            ask_counts,
            invitations,
            link_codes_and_unlinking,
            vouches_and_admission,
            sponsored,
            native_links_and_held_joins,
            audit_log,
            moderation,
            outbox,
            held_answers,
            claims_and_dead_letters,
            inbound_events,
            unreachable_accounts,
            post_messages,
            dead_links,
            ledger,
            leases,
            dashboard_links_and_sessions
        );
    };
    (@each $fresh:path; $($check:ident),* $(,)?) => {
        $(
            #[tokio::test]
            async fn $check() {
                let (_scratch, store) = $fresh().await;
                $crate::conformance::$check(&*store).await;
            }
        )*
    };
}

fn member(id: i64, community: CommunityId, name: &str) -> Member {
    Member {
        id,
        community_id: community,
        display_name: name.to_owned(),
        lang: Lang::En,
        place: Some("Saint-Étienne".into()),
        role: Role::Member,
        status: MemberStatus::Active,
        sponsor_id: None,
        joined_at: 1_000,
        invite_block: None,
        last_seen_at: 1_000,
        reminded_at: None,
        inactive_since: None,
        suspended_until: None,
    }
}

fn account(platform: Platform, user: &str, member: i64, community: CommunityId, at: i64) -> Account {
    Account {
        account: AccountRef::new(platform, user),
        member_id: member,
        community_id: community,
        display_name: user.to_owned(),
        linked_at: at,
    }
}

fn post(id: i64, community: CommunityId, author: i64, kind: PostKind, place: Place) -> Post {
    Post {
        id,
        community_id: community,
        author_id: author,
        kind,
        category: Category::Lend,
        topic: "tools".to_owned(),
        text: "Je prête ma perceuse-visseuse 🔧 « neuve »".into(),
        place,
        state: PostState::Open,
        created_at: 5,
        updated_at: 5,
        on_behalf_of: None,
    }
}

async fn new_member(store: &dyn Store, community: CommunityId, name: &str) -> Member {
    let id = store.allocate_id(IdKind::Member).await.unwrap();
    let m = member(id, community, name);
    store.apply(vec![Change::InsertMember(m.clone())]).await.unwrap();
    m
}

#[cfg(test)]
mod memory_store {
    async fn fresh() -> ((), Box<crate::memory::MemoryStore>) {
        ((), Box::new(crate::memory::MemoryStore::new()))
    }

    crate::conformance_tests!(fresh);
}
