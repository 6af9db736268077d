//! The bot's metrics, named and described in one place. The core and the dispatcher count
//! through the `metrics` facade (a no-op until the binary installs a recorder, as the HTTP
//! listener does). Labels are closed sets (a platform, a command's English name, an
//! outcome): never a person, a chat or a text.

/// Commands and messages handled: labels `command`, `platform`, `outcome`.
pub const COMMANDS: &str = "entraide_commands_total";
/// Errors: label `source` (command, event, outbox, upkeep).
pub const ERRORS: &str = "entraide_errors_total";
/// Outbox deliveries: labels `platform`, `outcome` (sent, rate_limited, unreachable, failed, parked).
pub const SENDS: &str = "entraide_sends_total";
/// Messages held back by a rate limit: labels `platform`, `limit` (ours: the bot's own
/// buckets; theirs: the platform said to retry later).
pub const RATE_LIMIT_WAITS: &str = "entraide_rate_limit_waits_total";
/// Asks matching sent helpers, and how they were answered: labels `topic` (the request's, a
/// closed set from the thesaurus) and `answer` (asked, accepted, not_now, not_mine,
/// unanswered: the request ended first). The live precision of matching.
pub const ASKS: &str = "entraide_asks_total";
/// Time to find the posts that fit a new request or offer, in seconds.
pub const MATCHING_SECONDS: &str = "entraide_matching_seconds";
/// Outbox messages due and not sent yet: label `platform`.
pub const OUTBOX_DUE: &str = "entraide_outbox_due";
/// Age of the longest-waiting due message, in seconds: label `platform`.
pub const OUTBOX_OLDEST_SECONDS: &str = "entraide_outbox_oldest_due_seconds";
/// Outbox messages parked for moderators: label `platform`.
pub const OUTBOX_PARKED: &str = "entraide_outbox_parked";
/// Members: labels `community`, `status`.
pub const MEMBERS: &str = "entraide_members";
/// Open requests: label `community`.
pub const OPEN_REQUESTS: &str = "entraide_open_requests";
/// Open offers: label `community`.
pub const OPEN_OFFERS: &str = "entraide_open_offers";
/// Whether each platform adapter is connected (1) or not (0): label `platform`.
pub const CONNECTED: &str = "entraide_platform_connected";
/// Whether this process holds each platform connection's lease (1) or not (0): label `lease`.
pub const LEASE_HELD: &str = "entraide_lease_held";
/// Seconds since each lease's holder last renewed it, whoever holds it: label `lease`.
pub const LEASE_HEARTBEAT_AGE_SECONDS: &str = "entraide_lease_heartbeat_age_seconds";

/// Gives each metric its help text (the `# HELP` lines). Called once by the binary.
pub fn describe() {
    use metrics::{Unit, describe_counter, describe_gauge, describe_histogram};
    describe_counter!(COMMANDS, "Commands and messages handled, by command, platform and outcome.");
    describe_counter!(ERRORS, "Errors, by where they happened.");
    describe_counter!(SENDS, "Outbox deliveries, by platform and outcome.");
    describe_counter!(RATE_LIMIT_WAITS, "Messages held back by a rate limit, ours or the platform's.");
    describe_counter!(ASKS, "Asks sent to helpers, by the request's topic and how they were answered.");
    describe_histogram!(MATCHING_SECONDS, Unit::Seconds, "Time to find the posts that fit a new one.");
    describe_gauge!(OUTBOX_DUE, "Outbox messages due and not sent yet.");
    describe_gauge!(OUTBOX_OLDEST_SECONDS, Unit::Seconds, "How long the longest-waiting due message has waited.");
    describe_gauge!(OUTBOX_PARKED, "Outbox messages that failed for good, waiting for a moderator.");
    describe_gauge!(MEMBERS, "Members, by status.");
    describe_gauge!(OPEN_REQUESTS, "Requests open.");
    describe_gauge!(OPEN_OFFERS, "Offers open.");
    describe_gauge!(CONNECTED, "Whether the platform adapter is connected.");
    describe_gauge!(LEASE_HELD, "Whether this process holds the platform connection's lease.");
    describe_gauge!(LEASE_HEARTBEAT_AGE_SECONDS, "Seconds since the lease's holder last renewed it.");
}

/// Counts the asks of a request that ended (closed or expired) while their helpers had not
/// answered yet.
pub fn unanswered(topic: &str, asks: u64) {
    if asks > 0 {
        metrics::counter!(ASKS, "topic" => topic.to_owned(), "answer" => "unanswered").increment(asks);
    }
}

/// Counts an error from `source`.
pub fn error(source: &'static str) {
    metrics::counter!(ERRORS, "source" => source).increment(1);
}
