//! A national community generated straight through the store (whole batches of changes, not
//! command by command): members with their accounts on the apps, a sponsor tree grown like a
//! real one, and two years of history. Deterministic: the same size gives the same community.

use std::collections::HashMap;
use std::sync::Arc;

use entraide_core::matching::analyze_post;
use entraide_core::model::{
    Account, AccountRef, AuditAction, AuditEntry, Category, Invitation, Lang, Match, MatchState, Member, MemberId,
    MemberStatus, Place, Platform, Post, PostId, PostKind, PostState, Report, ReportState, Role, Timestamp, Transfer,
};
use entraide_core::ports::{Change, IdKind, Store};
use indicatif::{ProgressBar, ProgressStyle};

const DAY: i64 = 86_400;
/// Changes written in one transaction.
const BATCH: usize = 5_000;
/// The founders, who sponsored the first members; the first is the configuration's `alice`.
const FOUNDERS: usize = 4;

/// A small deterministic random source (SplitMix64): the same community on every run.
pub struct Random(u64);

impl Random {
    pub fn new(seed: u64) -> Self {
        Random(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    /// A uniform number in `0.0..1.0`.
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// How much of each thing, for a number of members: the proportions of a network of 350,000
/// with two years of history.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub members: usize,
}

impl Shape {
    /// `at_national` scaled to this community's size.
    pub fn scaled(self, at_national: usize) -> usize {
        ((at_national as u128 * self.members as u128) / 350_000).max(1) as usize
    }
}

/// What the measurements need to know of the generated community.
pub struct Generated {
    /// The founder with the most descendants, and how many.
    pub founder: (String, usize),
    /// Active members past their trial with a console account (their name is the account).
    pub actors: Vec<String>,
    /// Active members with three accounts, to ban.
    pub three_accounts: Vec<String>,
    /// Invitation codes still open.
    pub open_codes: Vec<String>,
    /// How many changes were written.
    pub changes: usize,
}

/// Texts people wrote, read from the labelled sets in `tests/eval` (offers and requests).
pub struct Texts {
    offers: Vec<(String, Category, String)>,
    requests: Vec<(String, Category, String)>,
}

impl Texts {
    pub fn read() -> Self {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/eval");
        let mut offers = Vec::new();
        let mut requests = Vec::new();
        let mut folders = vec![root.clone()];
        for entry in std::fs::read_dir(&root).expect("tests/eval").flatten() {
            if entry.path().is_dir() {
                folders.push(entry.path());
            }
        }
        folders.sort();
        for folder in folders {
            for (file, kind) in [("offers.jsonl", PostKind::Offer), ("requests.jsonl", PostKind::Request)] {
                let Ok(lines) = std::fs::read_to_string(folder.join(file)) else { continue };
                for line in lines.lines() {
                    let Ok(value) = serde_json::from_str::<serde_json::Value>(line) else { continue };
                    let Some(text) = value.get("text").and_then(|t| t.as_str()) else { continue };
                    let analysis = analyze_post(kind, text, &Place::Unknown);
                    let row = (text.to_owned(), analysis.category, analysis.topic);
                    match kind {
                        PostKind::Offer => offers.push(row),
                        PostKind::Request => requests.push(row),
                    }
                }
            }
        }
        assert!(!offers.is_empty() && !requests.is_empty(), "no labelled texts under tests/eval");
        Texts { offers, requests }
    }

    pub fn pick(&self, kind: PostKind, random: &mut Random) -> &(String, Category, String) {
        let pool = match kind {
            PostKind::Offer => &self.offers,
            PostKind::Request => &self.requests,
        };
        &pool[random.below(pool.len())]
    }
}

/// The places of `core/data/places.toml`, biggest first, each city then the communes near it.
fn places() -> Vec<Vec<String>> {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/data/places.toml");
    let text = std::fs::read_to_string(file).expect("places.toml");
    let value: toml::Table = toml::from_str(&text).expect("places.toml is TOML");
    let areas = value.get("area").and_then(|a| a.as_array()).expect("[[area]]");
    areas
        .iter()
        .filter_map(|area| {
            let city = area.get("city")?.as_str()?.to_owned();
            let near = area.get("near").and_then(|n| n.as_array()).cloned().unwrap_or_default();
            Some(std::iter::once(city).chain(near.iter().filter_map(|n| n.as_str().map(str::to_owned))).collect())
        })
        .collect()
}

/// A place with a big-city skew: area `k` (biggest first) weighs 1/(k+1), the city itself
/// half of its area.
fn place(areas: &[Vec<String>], weights: &[f64], random: &mut Random) -> String {
    let total = weights.last().copied().unwrap_or(1.0);
    let target = random.unit() * total;
    let area = &areas[weights.partition_point(|w| *w < target).min(areas.len() - 1)];
    match random.chance(0.5) || area.len() == 1 {
        true => area[0].clone(),
        false => area[1 + random.below(area.len() - 1)].clone(),
    }
}

/// Writes changes in batches, with a progress bar.
struct Writer {
    store: Arc<dyn Store>,
    batch: Vec<Change>,
    written: usize,
    bar: ProgressBar,
}

impl Writer {
    async fn push(&mut self, change: Change) {
        self.batch.push(change);
        if self.batch.len() >= BATCH {
            self.flush().await;
        }
    }

    async fn flush(&mut self) {
        let batch = std::mem::take(&mut self.batch);
        self.written += batch.len();
        self.bar.inc(batch.len() as u64);
        self.store.apply(batch).await.expect("the generated community is written");
    }
}

async fn ids(store: &dyn Store, kind: IdKind, count: usize) -> i64 {
    let last = store.allocate_ids(kind, count as u32).await.expect("ids");
    last - count as i64 + 1
}

/// Generates the community of `shape` in `store`, for the community `slug`, as of `now`.
pub async fn generate(store: Arc<dyn Store>, slug: &str, shape: Shape, texts: &Texts, now: Timestamp) -> Generated {
    let mut random = Random::new(0x0E47_2A1D ^ shape.members as u64);
    let community = store.ensure_community(slug, "Entraide").await.expect("community").id;
    let n = shape.members;
    let (closed_posts, open_offers, open_requests) =
        (shape.scaled(500_000), shape.scaled(100_000), shape.scaled(5_000));
    let (relays, audit_total, transfers) = (shape.scaled(200_000), shape.scaled(1_000_000), shape.scaled(100_000));
    let (expired_invitations, revoked_invitations, reports) =
        (shape.scaled(70_000), shape.scaled(17_500), shape.scaled(3_500));
    let estimate = n * 3 + closed_posts + open_offers + open_requests + relays + audit_total.max(n) + transfers + n;
    let bar = ProgressBar::new(estimate as u64);
    bar.set_style(
        ProgressStyle::with_template("  generating {msg}: [{bar:30}] {pos}/{len} changes, {elapsed}, {eta} left")
            .expect("template")
            .progress_chars("=> "),
    );
    bar.set_message(format!("{n} members"));
    let mut writer = Writer { store: Arc::clone(&store), batch: Vec::new(), written: 0, bar };

    // Members: joined over two years, each sponsored by an earlier one (a random recursive
    // tree, depth about ln n), some sponsors bringing in hundreds (the first fifty members).
    let start = now - 730 * DAY;
    let first_member = ids(store.as_ref(), IdKind::Member, n).await;
    let id = |index: usize| first_member + index as i64;
    let name = |index: usize| if index == 0 { "alice".to_owned() } else { format!("m{index}") };
    let mut sponsor = vec![None; n];
    for (index, slot) in sponsor.iter_mut().enumerate().skip(FOUNDERS) {
        *slot = Some(match random.chance(0.05) {
            true => FOUNDERS + random.below(50.min(index - FOUNDERS).max(1)).min(index - 1),
            false => random.below(index),
        });
    }
    let mut descendants = vec![0usize; n];
    for index in (FOUNDERS..n).rev() {
        if let Some(parent) = sponsor[index] {
            descendants[parent] += descendants[index] + 1;
        }
    }
    let biggest = (0..FOUNDERS.min(n)).max_by_key(|f| descendants[*f]).unwrap_or(0);
    let areas = places();
    let weights: Vec<f64> = areas
        .iter()
        .enumerate()
        .scan(0.0, |sum, (k, _)| {
            *sum += 1.0 / (k as f64 + 1.0);
            Some(*sum)
        })
        .collect();
    let moderators = (n / 10_000).max(3);
    let mut status = vec![MemberStatus::Active; n];
    let mut account_count = vec![0u8; n];
    let mut joined = vec![0; n];
    let mut home = Vec::with_capacity(n);
    let mut actors = Vec::new();
    let mut three_accounts = Vec::new();
    for index in 0..n {
        joined[index] = start + (730 * DAY) * index as i64 / n as i64;
        let place = place(&areas, &weights, &mut random);
        home.push(place.clone());
        let role = match index {
            0..FOUNDERS => Role::Admin,
            _ if index < FOUNDERS + moderators => Role::Moderator,
            _ => Role::Member,
        };
        status[index] = match random.unit() {
            _ if role != Role::Member => MemberStatus::Active,
            u if u < 0.002 => MemberStatus::Banned,
            u if u < 0.003 => MemberStatus::Suspended,
            _ => MemberStatus::Active,
        };
        let last_seen = joined[index] + ((now - joined[index]) as f64 * random.unit().sqrt()) as i64;
        // Long silent: asked and set aside by upkeep already.
        let silent = now - last_seen > 180 * DAY;
        let member = Member {
            id: id(index),
            community_id: community,
            display_name: name(index),
            lang: if random.chance(0.9) { Lang::Fr } else { Lang::En },
            place: Some(place),
            role,
            status: status[index],
            sponsor_id: sponsor[index].map(id),
            joined_at: joined[index],
            invite_block: None,
            last_seen_at: last_seen,
            reminded_at: silent.then_some(last_seen + 180 * DAY),
            inactive_since: silent.then_some(last_seen + 194 * DAY),
            suspended_until: (status[index] == MemberStatus::Suspended).then_some(now + 7 * DAY),
        };
        writer.push(Change::InsertMember(member)).await;
        let count = 1 + random.below(3);
        account_count[index] = count as u8;
        let first = random.below(3);
        for k in 0..count {
            let account = match (first + k) % 3 {
                0 => AccountRef::new(Platform::Telegram, (1_000_000_000 + index).to_string()),
                1 => AccountRef::new(Platform::Discord, (400_000_000_000_000_000u64 + index as u64).to_string()),
                _ => AccountRef::new(Platform::Matrix, format!("@m{index}:example.org")),
            };
            writer
                .push(Change::LinkAccount(Account {
                    account,
                    member_id: id(index),
                    community_id: community,
                    display_name: name(index),
                    linked_at: joined[index],
                }))
                .await;
        }
        let past_trial = now - joined[index] > 40 * DAY;
        let can_act = status[index] == MemberStatus::Active && role == Role::Member && past_trial;
        // A few with three accounts to ban; among the rest, those who act.
        let banned_later = can_act && count == 3 && random.chance(300.0 / n as f64);
        let actor = can_act && !banned_later && random.chance(1_500.0 / n as f64);
        if index == 0 || actor {
            writer
                .push(Change::LinkAccount(Account {
                    account: AccountRef::new(Platform::Console, name(index)),
                    member_id: id(index),
                    community_id: community,
                    display_name: name(index),
                    linked_at: joined[index],
                }))
                .await;
            if index > 0 {
                actors.push(name(index));
            }
        }
        if banned_later {
            three_accounts.push(name(index));
        }
    }
    let moderator = |random: &mut Random| id(random.below(FOUNDERS + moderators));
    let member = |random: &mut Random| random.below(n);

    // Invitations: the one each member used, then expired and revoked ones, then a few open.
    writer.bar.set_message("invitations");
    let count = n + expired_invitations + revoked_invitations + 2_000;
    let first_invitation = ids(store.as_ref(), IdKind::Invitation, count).await;
    let code = |random: &mut Random| {
        let mut bytes = [0u8; entraide_core::code::CODE_BYTES];
        for byte in &mut bytes {
            *byte = random.next() as u8;
        }
        entraide_core::code::encode(&bytes)
    };
    let mut next_invitation = first_invitation;
    let mut open_codes = Vec::new();
    for index in 0..count {
        let (sponsor_index, created, used, revoked) = match index {
            _ if index < n => match sponsor[index] {
                Some(parent) => (parent, joined[index] - DAY, Some(index), false),
                None => continue,
            },
            _ if index < n + expired_invitations => {
                let by = member(&mut random);
                (by, joined[by] + random.below(600) as i64 * DAY / 10, None, false)
            }
            _ if index < n + expired_invitations + revoked_invitations => {
                let by = member(&mut random);
                (by, joined[by] + random.below(600) as i64 * DAY / 10, None, true)
            }
            _ => (0, now - DAY, None, false),
        };
        let created = created.min(now - DAY);
        let code = code(&mut random);
        if used.is_none() && !revoked && index >= n + expired_invitations + revoked_invitations {
            open_codes.push(code.clone());
        }
        let expires_at =
            if index >= n + expired_invitations + revoked_invitations { now + 6 * DAY } else { created + 7 * DAY };
        writer
            .push(Change::InsertInvitation(Invitation {
                id: next_invitation,
                community_id: community,
                code,
                sponsor_id: id(sponsor_index),
                created_at: created,
                expires_at,
                used_by: used.map(id),
                used_at: used.map(|u| joined[u]),
                revoked_at: revoked.then_some(created + DAY),
                note: None,
            }))
            .await;
        next_invitation += 1;
    }

    // Posts: two years of closed ones, then the open board.
    writer.bar.set_message("posts");
    let posts = closed_posts + open_offers + open_requests;
    let first_post = ids(store.as_ref(), IdKind::Post, posts).await;
    let mut closed_by_kind: HashMap<PostKind, Vec<(PostId, usize, Timestamp)>> = HashMap::new();
    // Numbered in the order they were written, as a store numbers them: what reads a period
    // finds its rows side by side.
    let mut closed: Vec<(PostKind, PostState, Timestamp)> = (0..closed_posts)
        .map(|_| {
            let kind = if random.chance(0.6) { PostKind::Request } else { PostKind::Offer };
            let state = [PostState::Done, PostState::Closed, PostState::Expired][random.below(3)];
            (kind, state, start + random.below(700) as i64 * DAY + random.below(DAY as usize) as i64)
        })
        .collect();
    closed.sort_by_key(|(_, _, updated)| *updated);
    for index in 0..posts {
        let (kind, state, updated) = match closed.get(index) {
            Some(closed) => *closed,
            // Renewed within their time to live, none yet due for a reminder.
            _ if index < closed_posts + open_offers => {
                (PostKind::Offer, PostState::Open, now - 3_600 - random.below(80 * DAY as usize) as i64)
            }
            _ => (PostKind::Request, PostState::Open, now - 3_600 - random.below(20 * DAY as usize) as i64),
        };
        let author = loop {
            let candidate = member(&mut random);
            if status[candidate] == MemberStatus::Active || state != PostState::Open {
                break candidate;
            }
        };
        let (text, category, topic) = texts.pick(kind, &mut random);
        let post_id = first_post + index as i64;
        let created = updated - random.below(10) as i64 * DAY;
        if index < closed_posts {
            closed_by_kind.entry(kind).or_default().push((post_id, author, created));
        }
        writer
            .push(Change::InsertPost(Post {
                id: post_id,
                community_id: community,
                author_id: id(author),
                kind,
                category: *category,
                topic: topic.clone(),
                text: text.clone(),
                place: Place::Local(home[author].clone()),
                state,
                created_at: created,
                updated_at: updated,
                on_behalf_of: None,
            }))
            .await;
    }

    // Relay conversations, ended (their messages erased): a closed request and a closed offer.
    writer.bar.set_message("relays");
    let first_match = ids(store.as_ref(), IdKind::Match, relays).await;
    let requests = closed_by_kind.remove(&PostKind::Request).unwrap_or_default();
    let offers = closed_by_kind.remove(&PostKind::Offer).unwrap_or_default();
    // Requests spread over the two years had a conversation, asked an hour after they were
    // written (so asks are numbered in time order too).
    for index in 0..relays.min(requests.len()) {
        let (request, requester, created) = requests[index * requests.len() / relays];
        let (offer, helper, _) = offers[random.below(offers.len())];
        let at = created + 3_600;
        writer
            .push(Change::InsertMatch(Match {
                id: first_match + index as i64,
                request_id: request,
                offer_id: offer,
                requester_id: id(requester),
                helper_id: id(helper),
                score: 0.5 + random.unit() / 2.0,
                reasons: Vec::new(),
                state: MatchState::Confirmed,
                created_at: at,
                updated_at: at + 3 * DAY,
                accepted_at: Some(at + 3_600),
                relay_closed_at: Some(at + 3 * DAY),
                decline_reason: None,
            }))
            .await;
    }

    // The audit log: every join and founder, sanctions on the banned and suspended, then the
    // everyday rest (posts closed by moderators, links, warnings, settings).
    writer.bar.set_message("audit log");
    let mut audit = 0;
    let entry = |actor: Option<MemberId>, action: AuditAction, target: Option<MemberId>, reason: String, at| {
        let platform =
            [Some(Platform::Telegram), Some(Platform::Discord), Some(Platform::Matrix), None][(at % 4) as usize];
        Change::Audit(AuditEntry {
            community_id: community,
            actor_id: actor,
            action,
            target_id: target,
            reason,
            at,
            platform,
            from_web: false,
        })
    };
    for index in 0..n {
        let (actor, action) = match sponsor[index] {
            Some(parent) => (Some(id(parent)), AuditAction::Join),
            None => (None, AuditAction::Founder),
        };
        writer.push(entry(actor, action, Some(id(index)), "invitation".into(), joined[index])).await;
        audit += 1;
        let sanction = match status[index] {
            MemberStatus::Banned => Some(AuditAction::Ban),
            MemberStatus::Suspended => Some(AuditAction::Suspend),
            _ => None,
        };
        if let Some(action) = sanction {
            let at = now - random.below(30) as i64 * DAY;
            writer.push(entry(Some(moderator(&mut random)), action, Some(id(index)), "spam répété".into(), at)).await;
            audit += 1;
        }
    }
    let everyday = [
        (AuditAction::ClosePost, "demande résolue"),
        (AuditAction::Link, "compte lié"),
        (AuditAction::Warn, "propos déplacés dans le groupe"),
        (AuditAction::HidePost, "annonce commerciale"),
        (AuditAction::Dismiss, "signalement sans objet"),
        (AuditAction::Uphold, "signalement fondé"),
        (AuditAction::Configure, "invite_quota = 5"),
    ];
    while audit < audit_total {
        let (action, reason) = everyday[random.below(everyday.len())];
        let at = start + random.below(730 * DAY as usize) as i64;
        let actor = match action {
            AuditAction::Link => None,
            _ => Some(moderator(&mut random)),
        };
        let target = (action != AuditAction::Configure).then(|| id(member(&mut random)));
        writer.push(entry(actor, action, target, reason.into(), at)).await;
        audit += 1;
    }

    // Reports, nearly all settled.
    writer.bar.set_message("reports and time credits");
    let first_report = ids(store.as_ref(), IdKind::Report, reports).await;
    for index in 0..reports {
        let created = start + random.below(730 * DAY as usize) as i64;
        let state = match random.unit() {
            u if u < 0.02 => ReportState::Open,
            u if u < 0.5 => ReportState::Dismissed,
            _ => ReportState::Upheld,
        };
        let settled = state != ReportState::Open;
        writer
            .push(Change::InsertReport(Report {
                id: first_report + index as i64,
                community_id: community,
                reporter_id: id(member(&mut random)),
                target_id: id(member(&mut random)),
                post_id: None,
                reason: "comportement insistant".into(),
                state,
                handler_id: settled.then(|| moderator(&mut random)),
                resolution: settled.then(|| "vu".to_owned()),
                created_at: created,
                settled_at: settled.then_some(created + DAY),
            }))
            .await;
    }

    // Time credits: an hour or two given for help, between two members.
    let first_transfer = ids(store.as_ref(), IdKind::Transfer, transfers).await;
    for index in 0..transfers {
        let from = member(&mut random);
        let to = (from + 1 + random.below(n - 1)) % n;
        writer
            .push(Change::Transfer(Transfer {
                id: first_transfer + index as i64,
                community_id: community,
                cause: format!("bench:{index}"),
                from: id(from),
                to: id(to),
                minutes: 30 * (1 + random.below(6) as i64),
                request_id: None,
                corrects: None,
                reason: None,
                at: start + random.below(730 * DAY as usize) as i64,
            }))
            .await;
    }
    writer.flush().await;
    writer.bar.finish_and_clear();
    Generated {
        founder: (name(biggest), descendants[biggest]),
        actors,
        three_accounts,
        open_codes,
        changes: writer.written,
    }
}
