//! Community statistics, computed from what the store reads for a period: requests met,
//! unmet and open, by category and by area; the median time before a first offer of help;
//! active members; invitations sent and accepted; and how helpers answered the asks matching
//! sent them (the live precision of matching), by week and by topic. Plain functions, tested
//! without a database.

use std::collections::BTreeMap;

use crate::model::{Category, DeclineReason, MatchState, Place, Post, PostState, Timestamp};

/// Asks matching sent helpers, alike in what the statistics need, and how many (the store
/// counts them: a national network's year holds hundreds of thousands).
#[derive(Debug, Clone, PartialEq)]
pub struct Ask {
    /// The request's topic.
    pub topic: String,
    /// Whole weeks from the period's start to when the helpers were asked.
    pub week: i64,
    /// Whether the helper said yes (even if the requester then chose someone else).
    pub accepted: bool,
    /// Why the helper said no, if they did.
    pub reason: Option<DeclineReason>,
    /// Not answered yet, but it may still be (see [`may_still_be_answered`]).
    pub waiting: bool,
    /// How many.
    pub count: u64,
}

/// How long an ask may wait for an answer before it counts as never answered.
pub const ANSWER_WINDOW: Timestamp = 3 * 86_400;

/// Whether an ask in `state`, made at `asked_at`, about a request still open or not, may still
/// be answered at `now`: the helper was asked less than [`ANSWER_WINDOW`] ago and did not
/// answer, and the request still wants helpers. Older asks are settled, so a store may count
/// them by day as they are answered.
pub fn may_still_be_answered(state: MatchState, request_open: bool, asked_at: Timestamp, now: Timestamp) -> bool {
    state == MatchState::Asked && request_open && now - asked_at < ANSWER_WINDOW
}

/// How helpers answered asks: the precision of matching on the real community. An ask the
/// helper said no to "not what I offer" was a wrong match; one they never answered (within
/// [`ANSWER_WINDOW`], or before the request ended) says little either way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Answers {
    /// Asks sent.
    pub asked: u64,
    /// The helper said yes.
    pub accepted: u64,
    /// "Not now".
    pub not_now: u64,
    /// "Not what I offer".
    pub not_mine: u64,
    /// Never answered.
    pub unanswered: u64,
    /// Still waiting for an answer.
    pub waiting: u64,
}

impl Answers {
    fn count(&mut self, ask: &Ask) {
        let n = ask.count;
        self.asked += n;
        match (ask.accepted, ask.reason) {
            (true, _) => self.accepted += n,
            (false, Some(DeclineReason::NotNow)) => self.not_now += n,
            (false, Some(DeclineReason::NotMine)) => self.not_mine += n,
            (false, None) if ask.waiting => self.waiting += n,
            (false, None) => self.unanswered += n,
        }
    }

    /// Of the asks answered, the share that fit (accepted or "not now"), in percent; `None`
    /// before any answer.
    pub fn precision(&self) -> Option<u64> {
        let fit = self.accepted + self.not_now;
        let answered = fit + self.not_mine;
        (answered > 0).then(|| (fit * 100 + answered / 2) / answered)
    }
}

/// How many requests of a period share a category, a place and a state: the store counts
/// them (a national network's year holds too many requests to read one by one).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RequestCount {
    /// What kind of help.
    pub category: Category,
    /// Where.
    pub place: Place,
    /// Where the requests stand.
    pub state: PostState,
    /// How many.
    pub count: u64,
}

/// How many requests of a week of the period are in a state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct WeekCount {
    /// Whole weeks from the period's start to the requests' creation.
    pub week: i64,
    /// Where the requests stand.
    pub state: PostState,
    /// How many.
    pub count: u64,
}

/// Requests made since `since`, counted as the store counts them (for stores that hold their
/// posts in memory, and tests).
pub fn count_requests<'a>(
    requests: impl IntoIterator<Item = &'a Post>,
    since: Timestamp,
) -> (Vec<RequestCount>, Vec<WeekCount>) {
    let mut by_kind: BTreeMap<(Category, Place, PostState), u64> = BTreeMap::new();
    let mut by_week: BTreeMap<(i64, PostState), u64> = BTreeMap::new();
    for request in requests {
        *by_kind.entry((request.category, request.place.clone(), request.state)).or_default() += 1;
        *by_week.entry((week_of(request.created_at, since), request.state)).or_default() += 1;
    }
    (
        by_kind
            .into_iter()
            .map(|((category, place, state), count)| RequestCount { category, place, state, count })
            .collect(),
        by_week.into_iter().map(|((week, state), count)| WeekCount { week, state, count }).collect(),
    )
}

const DAY: i64 = 86_400;
const WEEK: i64 = 7 * DAY;

/// Where the statistics of the last `days` days start: at midnight (UTC) of the first of them,
/// today being the last. Whole days, so that a store may count what happened day by day.
pub fn period_start(now: Timestamp, days: u32) -> Timestamp {
    now - now.rem_euclid(DAY) - (i64::from(days.max(1)) - 1) * DAY
}

/// The UTC days (numbered from 1970-01-01) of a period from `since` to `now` whose asks are
/// all settled: asked at least [`ANSWER_WINDOW`] ago, so that none may still be answered. A
/// store may count those by day, and must read the others one by one. None when the period
/// does not start at midnight: a week of it would then begin in the middle of a day.
pub fn settled_days(since: Timestamp, now: Timestamp) -> std::ops::Range<i64> {
    let first = since.div_euclid(DAY);
    let end = if since.rem_euclid(DAY) == 0 { (now - ANSWER_WINDOW).div_euclid(DAY) } else { first };
    first..end.max(first)
}

/// What the store reads for a period (see [`crate::ports::ModerationStore::activity`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Activity {
    /// Asks sent to helpers in the period, about this community's requests.
    pub asks: Vec<Ask>,
    /// Requests created in the period, counted by category, place and state.
    pub requests: Vec<RequestCount>,
    /// The same requests, counted by week and state.
    pub weeks: Vec<WeekCount>,
    /// Of the requests of the period that got one, the median time from the request to a
    /// helper's first yes, in seconds.
    pub median_first_help: Option<i64>,
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
    fn count(&mut self, state: PostState, n: u64) {
        match state {
            PostState::Done => self.met += n,
            PostState::Closed | PostState::Expired => self.unmet += n,
            PostState::Open | PostState::Proposed | PostState::InContact => self.open += n,
            // Hidden by moderators: not a request the community failed or met.
            PostState::Hidden => {}
        }
    }

    /// Requests counted.
    pub fn total(&self) -> u64 {
        self.met + self.unmet + self.open
    }

    /// Both tallies together.
    pub fn plus(&self, other: &Tally) -> Tally {
        Tally { met: self.met + other.met, unmet: self.unmet + other.unmet, open: self.open + other.open }
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
    /// How helpers answered the asks of the period.
    pub answers: Answers,
    /// The same, per week of the period, oldest first.
    pub answers_by_week: Vec<Answers>,
    /// The same, by the request's topic.
    pub answers_by_topic: BTreeMap<String, Answers>,
}

/// Computes the statistics of the period starting at `since`.
pub fn compute(activity: &Activity, since: Timestamp, now: Timestamp) -> Stats {
    let weeks = usize::try_from(((now - since).max(1) + WEEK - 1) / WEEK).unwrap_or(1).min(520);
    let mut stats = Stats {
        weeks: vec![Tally::default(); weeks],
        answers_by_week: vec![Answers::default(); weeks],
        active_members: activity.active_members,
        invitations_sent: activity.invitations_sent,
        invitations_accepted: activity.invitations_accepted,
        ..Stats::default()
    };
    for counted in &activity.requests {
        let (state, n) = (counted.state, counted.count);
        stats.all.count(state, n);
        stats.by_category.entry(category_name(counted.category)).or_default().count(state, n);
        let area = match &counted.place {
            Place::Local(name) => Area::Local(name.clone()),
            Place::Online => Area::Online,
            Place::Unknown => Area::Unknown,
        };
        stats.by_area.entry(area).or_default().count(state, n);
    }
    for counted in &activity.weeks {
        let week = usize::try_from(counted.week.max(0)).unwrap_or(0).min(weeks - 1);
        stats.weeks[week].count(counted.state, counted.count);
    }
    for ask in &activity.asks {
        stats.answers.count(ask);
        stats.answers_by_topic.entry(ask.topic.clone()).or_default().count(ask);
        let week = usize::try_from(ask.week.max(0)).unwrap_or(0).min(weeks - 1);
        stats.answers_by_week[week].count(ask);
    }
    stats.median_first_help = activity.median_first_help;
    stats
}

/// The median of some delays (a negative one counts as none), for stores that hold them in
/// memory, and tests; `None` when there are none.
pub fn median(delays: impl IntoIterator<Item = i64>) -> Option<i64> {
    let mut delays: Vec<i64> = delays.into_iter().map(|delay| delay.max(0)).collect();
    delays.sort_unstable();
    match delays.len() {
        0 => None,
        n if n % 2 == 1 => Some(delays[n / 2]),
        n => Some((delays[n / 2 - 1] + delays[n / 2]) / 2),
    }
}

/// Whole weeks from `since` to `at` (for stores that count in memory, and tests).
pub fn week_of(at: Timestamp, since: Timestamp) -> i64 {
    (at - since).max(0) / WEEK
}

fn category_name(category: Category) -> &'static str {
    category.as_str()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PostKind;

    use crate::model::PostId;

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
        let requests = [
            request(1, PostState::Done, lyon(), Category::Lend, 0),
            request(2, PostState::Expired, lyon(), Category::Lend, day),
            request(3, PostState::Open, Place::Online, Category::Skill, 8 * day),
            request(4, PostState::Closed, Place::Unknown, Category::Lend, 9 * day),
            request(5, PostState::Hidden, lyon(), Category::Lend, 9 * day),
            request(6, PostState::Done, lyon(), Category::Lend, 3 * day),
        ];
        let (counted, weeks) = count_requests(&requests, 0);
        let activity = Activity {
            requests: counted,
            weeks,
            median_first_help: median([3_600, 3 * 3_600, 2 * 3_600]),
            active_members: 7,
            invitations_sent: 3,
            invitations_accepted: 2,
            asks: Vec::new(),
        };
        let stats = compute(&activity, 0, 14 * day);
        assert_eq!(activity.requests.len(), 5, "the two requests met in Lyon are counted together");
        assert_eq!(activity.weeks.len(), 5, "met, expired in the first week; open, closed, hidden in the second");
        assert_eq!(stats.all, Tally { met: 2, unmet: 2, open: 1 });
        assert_eq!(stats.by_category["lend"], Tally { met: 2, unmet: 2, open: 0 });
        assert_eq!(stats.by_area[&Area::Local("Lyon".into())], Tally { met: 2, unmet: 1, open: 0 });
        assert_eq!(stats.by_area[&Area::Online], Tally { met: 0, unmet: 0, open: 1 });
        assert_eq!(stats.weeks, vec![Tally { met: 2, unmet: 1, open: 0 }, Tally { met: 0, unmet: 1, open: 1 }]);
        assert_eq!(stats.median_first_help, Some(2 * 3_600), "the median of 1 h, 2 h and 3 h");
        assert_eq!((stats.active_members, stats.invitations_sent, stats.invitations_accepted), (7, 3, 2));
    }

    #[test]
    fn counts_how_helpers_answered_by_week_and_topic() {
        let day = 86_400;
        let now = 14 * day;
        let ask = |topic: &str, asked_at, state, accepted, reason, request_open| Ask {
            topic: topic.into(),
            week: week_of(asked_at, 0),
            accepted,
            reason,
            waiting: may_still_be_answered(state, request_open, asked_at, now),
            count: 1,
        };
        let activity = Activity {
            asks: vec![
                ask("tools", 0, MatchState::Confirmed, true, None, false),
                ask("tools", day, MatchState::Declined, false, Some(DeclineReason::NotMine), true),
                ask("pets", 2 * day, MatchState::Declined, false, Some(DeclineReason::NotNow), true),
                // Asked long ago, never answered; asked lately, still waiting.
                ask("pets", 8 * day, MatchState::Asked, false, None, true),
                ask("pets", 13 * day, MatchState::Asked, false, None, true),
                // The request ended before the helper answered.
                ask("pets", 13 * day, MatchState::Declined, false, None, false),
            ],
            ..Activity::default()
        };
        let stats = compute(&activity, 0, now);
        let all = Answers { asked: 6, accepted: 1, not_now: 1, not_mine: 1, unanswered: 2, waiting: 1 };
        assert_eq!(stats.answers, all);
        assert_eq!(stats.answers.precision(), Some(67), "two of three answers fit");
        assert_eq!(stats.answers_by_topic["tools"].precision(), Some(50));
        assert_eq!(stats.answers_by_topic["pets"].not_mine, 0);
        assert_eq!(stats.answers_by_week[0].asked, 3);
        assert_eq!(stats.answers_by_week[1], Answers { asked: 3, unanswered: 2, waiting: 1, ..Answers::default() });
        assert_eq!(Answers::default().precision(), None);
    }

    #[test]
    fn a_period_is_whole_days_and_only_days_three_days_old_are_settled() {
        let day = 86_400;
        let now = 100 * day + 3_600;
        assert_eq!(period_start(now, 1), 100 * day, "today, from midnight");
        assert_eq!(period_start(now, 30), 71 * day);
        assert_eq!(period_start(now, 0), 100 * day, "no period shorter than today");
        assert_eq!(settled_days(71 * day, now), 71..97, "day 97 holds asks less than three days old");
        assert!(settled_days(71 * day + 1, now).is_empty(), "a period that starts at 00:00:01 is read ask by ask");
        assert_eq!(settled_days(99 * day, now), 99..99, "a short period has none");
        // Every ask of a settled day is asked at least the window ago.
        let settled = settled_days(0, now);
        assert!(now - (settled.end * day - 1) >= ANSWER_WINDOW && now - settled.end * day < ANSWER_WINDOW + day);
    }

    #[test]
    fn the_median_delay_counts_a_negative_one_as_none() {
        assert_eq!(median([10, -5, 30, 20]), Some(15), "0, 10, 20, 30");
        assert_eq!(median([7]), Some(7));
        assert_eq!(median([]), None);
    }

    #[test]
    fn an_empty_period_has_no_median() {
        let stats = compute(&Activity::default(), 100, 100);
        assert_eq!(stats.median_first_help, None);
        assert_eq!(stats.weeks.len(), 1);
        assert_eq!(stats.all.total(), 0);
    }
}
