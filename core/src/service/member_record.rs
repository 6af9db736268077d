//! A member's record as moderators read it, in chat (`/fiche`, a page of the tree at a time)
//! and on the dashboard's member page: who they are, what they posted, reports and
//! sanctions, the invitations they made, the sponsor chain up to a founder and the people
//! they brought in.

use std::collections::HashMap;

use crate::matching;
use crate::model::{AuditAction, AuditEntry, Invitation, Member, MemberId, Platform, Post, Report, Timestamp};
use crate::ports::{AuditQuery, StoreError};
use crate::rules;

use super::Service;

/// Sanctions read for a record, newest first.
const SANCTIONS_READ: u32 = 50;

/// Longest sponsor chain followed up: deeper than any real tree, and a cut if data loops.
const CHAIN_MAX: usize = 50;

/// One page of the people below a member in the sponsor tree, depth first, oldest first.
#[derive(Debug, PartialEq, Eq)]
pub struct TreePage {
    /// Everyone below, on every page.
    pub total: u64,
    /// This page's number (the last one when asked for a later one), from 1.
    pub page: u64,
    /// How many pages.
    pub pages: u64,
    /// The page's people.
    pub members: Vec<TreeNode>,
}

/// Someone on a page of a sponsor tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TreeNode {
    /// 1 for the member's own invitees, 2 for theirs…
    pub depth: usize,
    /// Who.
    pub id: MemberId,
    /// How many people are below them.
    pub below: u64,
}

/// A member's record.
#[derive(Debug)]
pub struct MemberRecord {
    /// The member.
    pub member: Member,
    /// When it was read (what the invitations' expiry is compared with).
    pub read_at: Timestamp,
    /// The end of their trial, while they are on trial.
    pub trial_until: Option<Timestamp>,
    /// The apps their accounts are on.
    pub platforms: Vec<Platform>,
    /// Their posts, newest first.
    pub posts: Vec<Post>,
    /// Reports they made, newest first.
    pub reports_made: Vec<Report>,
    /// Reports about them, newest first.
    pub reports_received: Vec<Report>,
    /// Warnings, suspensions, bans and their lifting, newest first (the last fifty).
    pub sanctions: Vec<AuditEntry>,
    /// What their sponsor wrote on the invitation they joined with.
    pub invitation_note: Option<String>,
    /// Their sponsor, their sponsor's sponsor… up to a founder.
    pub chain: Vec<Member>,
    /// A page of the people they brought in.
    pub tree: TreePage,
    /// The invitations they made, newest first.
    pub invitations: Vec<Invitation>,
    /// The people the record names (the tree's page, invitees, reports' other sides), by id.
    pub people: HashMap<MemberId, Member>,
}

impl MemberRecord {
    /// The name of someone the record names (`#id` when unknown).
    pub fn name(&self, id: MemberId) -> String {
        self.people.get(&id).map_or_else(|| format!("#{id}"), |member| member.display_name.clone())
    }
}

impl Service {
    /// A member's record, with the page `page` of their tree, `size` people a page.
    pub(super) async fn member_record(&self, member: Member, page: u64, size: u64) -> Result<MemberRecord, StoreError> {
        let now = self.clock.now();
        let sponsorship = self.settings().sponsorship;
        let trial_until = rules::on_trial(&member, now, &sponsorship).then_some(member.joined_at + sponsorship.trial);
        let platforms = self.store.accounts_of(member.id).await?.iter().map(|a| a.account.platform).collect();
        let mut posts = self.store.posts_of(member.id).await?;
        posts.reverse();
        let mut reports = self.store.reports_involving(member.id).await?;
        reports.reverse();
        let (reports_made, reports_received): (Vec<Report>, Vec<Report>) =
            reports.into_iter().partition(|r| r.reporter_id == member.id);
        let history = AuditQuery { target: Some(member.id), limit: SANCTIONS_READ, ..AuditQuery::default() };
        let sanctions = self
            .store
            .audit(self.community.id, &history)
            .await?
            .into_iter()
            .filter(|e| {
                matches!(e.action, AuditAction::Warn | AuditAction::Suspend | AuditAction::Ban | AuditAction::Lift)
            })
            .collect();
        let invitation_note = self.store.invitation_used_by(member.id).await?.and_then(|i| i.note);
        let chain = self.sponsor_chain(&member).await?;
        let tree = self.tree_page(member.id, page, size).await?;
        let mut invitations = self.store.invitations_of(member.id).await?;
        invitations.reverse();
        let mut named: Vec<MemberId> = tree.members.iter().map(|node| node.id).collect();
        named.extend(invitations.iter().filter_map(|i| i.used_by));
        let reports: Vec<&Report> = reports_made.iter().chain(&reports_received).collect();
        named.extend(reports.iter().flat_map(|r| [r.reporter_id, r.target_id]));
        named.sort_unstable();
        named.dedup();
        let people = self.store.members_by_id(&named).await?.into_iter().map(|m| (m.id, m)).collect();
        Ok(MemberRecord {
            member,
            read_at: now,
            trial_until,
            platforms,
            posts,
            reports_made,
            reports_received,
            sanctions,
            invitation_note,
            chain,
            tree,
            invitations,
            people,
        })
    }

    /// Up from a member: their sponsor, their sponsor's sponsor… to a founder.
    async fn sponsor_chain(&self, member: &Member) -> Result<Vec<Member>, StoreError> {
        let mut chain: Vec<Member> = Vec::new();
        let mut next = member.sponsor_id;
        while let Some(id) = next {
            if chain.len() >= CHAIN_MAX || chain.iter().any(|m| m.id == id) || id == member.id {
                break;
            }
            let Some(sponsor) = self.store.member(id).await? else { break };
            next = sponsor.sponsor_id;
            chain.push(sponsor);
        }
        Ok(chain)
    }

    /// The members named `name` who are below `root` in the sponsor tree, each with the way
    /// down to them (from `root`'s invitee to them): a tree of thousands is searched from
    /// the name, not walked.
    pub(super) async fn found_below(&self, root: MemberId, name: &str) -> Result<Vec<Vec<Member>>, StoreError> {
        let named = self.store.members_named(self.community.id, &matching::fold(name.trim())).await?;
        let mut found = Vec::new();
        for member in named {
            let chain = self.sponsor_chain(&member).await?;
            if let Some(at) = chain.iter().position(|sponsor| sponsor.id == root) {
                let mut way: Vec<Member> = chain.into_iter().take(at).rev().collect();
                way.push(member);
                found.push(way);
            }
        }
        Ok(found)
    }

    /// Down from a member: everyone they brought in, depth first, `size` a page. Whole
    /// branches are skipped by their counts, so a late page of a founder's tree reads few rows.
    pub(super) async fn tree_page(&self, root: MemberId, page: u64, size: u64) -> Result<TreePage, StoreError> {
        let size = size.max(1);
        let invitees = self.store.sponsored(root).await?;
        let total: u64 = invitees.iter().map(|(_, below)| 1 + below).sum();
        let pages = total.div_ceil(size).max(1);
        let page = page.clamp(1, pages);
        let mut skip = (page - 1) * size;
        let mut members = Vec::new();
        // Each level's invitees still to read, deepest last.
        let mut levels = vec![invitees.into_iter()];
        while (members.len() as u64) < size {
            let depth = levels.len();
            let Some(level) = levels.last_mut() else { break };
            let Some((id, below)) = level.next() else {
                levels.pop();
                continue;
            };
            if skip > below {
                skip -= 1 + below;
                continue;
            }
            match skip {
                0 => members.push(TreeNode { depth, id, below }),
                _ => skip -= 1,
            }
            // Every step reads or skips someone: even a cycle (no rule allows one) ends.
            if below > 0 && (members.len() as u64) < size {
                levels.push(self.store.sponsored(id).await?.into_iter());
            }
        }
        Ok(TreePage { total, page, pages, members })
    }
}
