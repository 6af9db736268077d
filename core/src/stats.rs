//! Community statistics, computed from what the store reads for a period: requests met,
//! unmet and open, by category and by area; the median time before a first offer of help;
//! active members; invitations sent and accepted. Plain functions, tested without a database.

use std::collections::BTreeMap;

use crate::model::{Category, Place, Post, PostId, PostState, Timestamp};

/// What the store reads for a period (see [`crate::ports::Store::activity`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Activity {
    /// Requests created in the period.
    pub requests: Vec<Post>,
    /// For requests of the period that got one: when a helper first said yes.
    pub first_help: Vec<(PostId, Timestamp)>,
    /// Members active now (and not inactive).
    pub active_members: u64,
    /// Invitations created in the period.
    pub invitations_sent: u64,
    /// Of those, how many were redeemed.
    pub invitations_accepted: u64,
}

/// Requests met, unmet and still open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Done.
    pub met: u64,
    /// Closed or expired without being met.
    pub unmet: u64,
    /// Still waiting or in progress.
    pub open: u64,
}

impl Tally {
    fn count(&mut self, state: PostState) {
        match state {
            PostState::Done => self.met += 1,
            PostState::Closed | PostState::Expired => self.unmet += 1,
            PostState::Open | PostState::Proposed | PostState::InContact => self.open += 1,
            // Hidden by moderators: not a request the community failed or met.
            PostState::Hidden => {}
        }
    }

    /// Requests counted.
    pub fn total(&self) -> u64 {
        self.met + self.unmet + self.open
    }
}

/// Where a request was: a city or neighbourhood, online, or not said.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Area {
    /// As the member wrote it.
    Local(String),
    /// Online.
    Online,
    /// Not said.
    Unknown,
}

/// The statistics of a period.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stats {
    /// Every request of the period.
    pub all: Tally,
    /// By category.
    pub by_category: BTreeMap<&'static str, Tally>,
    /// By area.
    pub by_area: BTreeMap<Area, Tally>,
    /// Median seconds from a request to the first offer of help, when any request got one.
    pub median_first_help: Option<i64>,
    /// Met and unmet requests per week of the period, oldest first.
    pub weeks: Vec<Tally>,
    /// Members active now.
    pub active_members: u64,
    /// Invitations sent in the period.
    pub invitations_sent: u64,
    /// Invitations accepted.
    pub invitations_accepted: u64,
}

/// Computes the statistics of the period starting at `since`.
pub fn compute(activity: &Activity, since: Timestamp, now: Timestamp) -> Stats {
    const WEEK: i64 = 7 * 86_400;
    let weeks = usize::try_from(((now - since).max(1) + WEEK - 1) / WEEK).unwrap_or(1).min(520);
    let mut stats = Stats {
        weeks: vec![Tally::default(); weeks],
        active_members: activity.active_members,
        invitations_sent: activity.invitations_sent,
        invitations_accepted: activity.invitations_accepted,
        ..Stats::default()
    };
    for request in &activity.requests {
        stats.all.count(request.state);
        stats.by_category.entry(category_name(request.category)).or_default().count(request.state);
        let area = match &request.place {
            Place::Local(name) => Area::Local(name.clone()),
            Place::Online => Area::Online,
            Place::Unknown => Area::Unknown,
        };
        stats.by_area.entry(area).or_default().count(request.state);
        let week = usize::try_from((request.created_at - since).max(0) / WEEK).unwrap_or(0).min(weeks - 1);
        stats.weeks[week].count(request.state);
    }
    let created: BTreeMap<PostId, Timestamp> = activity.requests.iter().map(|r| (r.id, r.created_at)).collect();
    let mut delays: Vec<i64> = activity
        .first_help
        .iter()
        .filter_map(|(id, at)| created.get(id).map(|created| (at - created).max(0)))
        .collect();
    delays.sort_unstable();
    stats.median_first_help = match delays.len() {
        0 => None,
        n if n % 2 == 1 => Some(delays[n / 2]),
        n => Some((delays[n / 2 - 1] + delays[n / 2]) / 2),
    };
    stats
}

fn category_name(category: Category) -> &'static str {
    category.as_str()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PostKind;

    fn request(id: PostId, state: PostState, place: Place, category: Category, created_at: Timestamp) -> Post {
        Post {
            id,
            community_id: 1,
            author_id: 1,
            kind: PostKind::Request,
            category,
            topic: "other".into(),
            text: String::new(),
            place,
            state,
            created_at,
            updated_at: created_at,
            on_behalf_of: None,
        }
    }

    #[test]
    fn counts_met_unmet_and_open_by_category_area_and_week() {
        let day = 86_400;
        let lyon = || Place::Local("Lyon".into());
        let activity = Activity {
            requests: vec![
                request(1, PostState::Done, lyon(), Category::Lend, 0),
                request(2, PostState::Expired, lyon(), Category::Lend, day),
                request(3, PostState::Open, Place::Online, Category::Skill, 8 * day),
                request(4, PostState::Closed, Place::Unknown, Category::Lend, 9 * day),
                request(5, PostState::Hidden, lyon(), Category::Lend, 9 * day),
            ],
            first_help: vec![(1, 3_600), (2, day + 3 * 3_600), (3, 8 * day + 2 * 3_600), (99, 5)],
            active_members: 7,
            invitations_sent: 3,
            invitations_accepted: 2,
        };
        let stats = compute(&activity, 0, 14 * day);
        assert_eq!(stats.all, Tally { met: 1, unmet: 2, open: 1 });
        assert_eq!(stats.by_category["lend"], Tally { met: 1, unmet: 2, open: 0 });
        assert_eq!(stats.by_area[&Area::Local("Lyon".into())], Tally { met: 1, unmet: 1, open: 0 });
        assert_eq!(stats.by_area[&Area::Online], Tally { met: 0, unmet: 0, open: 1 });
        assert_eq!(stats.weeks, vec![Tally { met: 1, unmet: 1, open: 0 }, Tally { met: 0, unmet: 1, open: 1 }]);
        assert_eq!(stats.median_first_help, Some(2 * 3_600), "the median of 1 h, 2 h and 3 h");
        assert_eq!((stats.active_members, stats.invitations_sent, stats.invitations_accepted), (7, 3, 2));
    }

    #[test]
    fn an_empty_period_has_no_median() {
        let stats = compute(&Activity::default(), 100, 100);
        assert_eq!(stats.median_first_help, None);
        assert_eq!(stats.weeks.len(), 1);
        assert_eq!(stats.all.total(), 0);
    }
}
