//! The supervision listener (`[http]`, off by default): `/healthz` (the process is up),
//! `/readyz` (the database answers and every platform adapter is connected) and `/metrics`
//! (Prometheus text). It shows counts only: no name, chat or text ever reaches it.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use entraide_core::connection::Connection;
use entraide_core::lease::Lease;
use entraide_core::metrics as names;
use entraide_core::model::{CommunityId, MemberStatus, Platform, Timestamp};
use entraide_core::ports::{Clock, Store};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

/// What the probes read.
pub struct Probe {
    /// The database.
    pub store: Arc<dyn Store>,
    /// The clock, for the outbox's waiting times.
    pub clock: Arc<dyn Clock>,
    /// The community served, and its slug (the `community` label).
    pub community: (CommunityId, String),
    /// Each enabled platform adapter's connection, filled in as the adapters start (the
    /// listener is up before them: a slow start is alive, not ready).
    pub platforms: Platforms,
    /// Renders what was recorded.
    pub metrics: PrometheusHandle,
    /// This process, as the leases on platform connections name their holders.
    pub process: String,
}

/// The enabled platforms and their adapters' connections, shared with `serve`.
pub type Platforms = Arc<std::sync::RwLock<Vec<(Platform, Connection)>>>;

impl Probe {
    fn platforms(&self) -> Vec<(Platform, Connection)> {
        self.platforms.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }
}

/// Installs the process's metrics recorder (once) and describes the metrics. Matching time
/// is a histogram with buckets from half a millisecond to a second.
pub fn recorder() -> anyhow::Result<PrometheusHandle> {
    let buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0];
    let handle = PrometheusBuilder::new()
        .set_buckets_for_metric(Matcher::Full(names::MATCHING_SECONDS.into()), &buckets)?
        .install_recorder()
        .context("cannot install the metrics recorder")?;
    names::describe();
    Ok(handle)
}

/// Listens on `address` until `shutdown` completes. Binding fails at once (a port in use).
pub async fn serve(
    address: SocketAddr,
    probe: Probe,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<impl std::future::Future<Output = ()>> {
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .with_context(|| format!("cannot listen on {address} (http.listen)"))?;
    tracing::info!(%address, "supervision listener: /healthz, /readyz, /metrics");
    let upkeep = probe.metrics.clone();
    let routes = Router::new()
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/readyz", get(ready))
        .route("/metrics", get(metrics))
        .with_state(Arc::new(probe));
    // Histogram samples wait in the recorder until upkeep folds them in: every few seconds,
    // whether or not anyone scrapes.
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(5)).await;
            upkeep.run_upkeep();
        }
    });
    Ok(async move {
        if let Err(error) = axum::serve(listener, routes).with_graceful_shutdown(shutdown).await {
            tracing::error!(%error, "the supervision listener stopped");
        }
    })
}

/// 200 when the database answers and every platform is connected; 503 saying what is not.
async fn ready(State(probe): State<Arc<Probe>>) -> (StatusCode, String) {
    let mut wrong = Vec::new();
    match tokio::time::timeout(Duration::from_secs(5), probe.store.census(probe.community.0)).await {
        Ok(Ok(_)) => {}
        Ok(Err(error)) => {
            tracing::warn!(%error, "readiness: the database does not answer");
            wrong.push("database: not answering".to_owned());
        }
        Err(_) => wrong.push("database: not answering within 5 s".to_owned()),
    }
    match tokio::time::timeout(Duration::from_secs(5), probe.store.check_writes()).await {
        Ok(Ok(())) => {}
        Ok(Err(error)) => {
            tracing::error!(%error, "readiness: the database refuses writes");
            wrong.push("database: writes failing".to_owned());
        }
        Err(_) => wrong.push("database: a write did not finish within 5 s".to_owned()),
    }
    let leases = leases(&probe).await;
    let now = probe.clock.now();
    let mut held = Vec::new();
    for (platform, connection) in probe.platforms() {
        match connection_state(platform, connection.is_up(), &leases, &probe.process, now) {
            Ok(Some(line)) => held.push(line),
            Ok(None) => {}
            Err(problem) => wrong.push(problem),
        }
    }
    match wrong.is_empty() {
        true => (StatusCode::OK, format!("ready\n{}", held.iter().map(|line| format!("{line}\n")).collect::<String>())),
        false => (StatusCode::SERVICE_UNAVAILABLE, format!("{}\n", wrong.join("\n"))),
    }
}

/// The leases on platform connections (none on SQLite), or none when they cannot be read.
async fn leases(probe: &Probe) -> Vec<Lease> {
    match tokio::time::timeout(Duration::from_secs(5), probe.store.leases()).await {
        Ok(Ok(leases)) => leases,
        Ok(Err(error)) => {
            tracing::warn!(%error, "cannot read the leases on platform connections");
            Vec::new()
        }
        Err(_) => Vec::new(),
    }
}

/// What readiness says of one platform: fine and unsaid (connected, no lease), fine and said
/// (the connection held here, or another live process holds it and this one stands by, ready
/// to take over), or why it is not ready.
fn connection_state(
    platform: Platform,
    up: bool,
    leases: &[Lease],
    process: &str,
    now: Timestamp,
) -> Result<Option<String>, String> {
    // The platform's connection leases (`telegram`, or Discord's shards `discord:N`).
    let name = platform.as_str();
    let live: Vec<&Lease> = leases
        .iter()
        .filter(|lease| {
            lease.until > now
                && (lease.name == name || lease.name.strip_prefix(name).is_some_and(|rest| rest.starts_with(':')))
        })
        .collect();
    let here: Vec<&str> =
        live.iter().filter(|lease| lease.holder == process).map(|lease| lease.name.as_str()).collect();
    let mut elsewhere: Vec<&str> =
        live.iter().filter(|lease| lease.holder != process).map(|lease| lease.holder.as_str()).collect();
    elsewhere.sort_unstable();
    elsewhere.dedup();
    match (up, here.as_slice(), elsewhere.is_empty()) {
        (true, [], true) => Ok(None),
        (true, [only], _) if *only == name => Ok(Some(format!("{platform}: held by this process"))),
        (true, [_, ..], _) => Ok(Some(format!("{platform}: held by this process ({})", here.join(", ")))),
        (_, [], false) => Ok(Some(format!("{platform}: standing by (held by {})", elsewhere.join(", ")))),
        (_, _, _) => Err(format!("{platform}: not connected")),
    }
}

/// The counters as recorded, and the gauges read from the database now.
async fn metrics(State(probe): State<Arc<Probe>>) -> String {
    let (community, slug) = (probe.community.0, probe.community.1.clone());
    match probe.store.census(community).await {
        Ok(census) => {
            // Every status, so that one emptied reads 0 rather than its last count.
            for status in MemberStatus::ALL {
                let count = census.members.iter().find(|(s, _)| s == status).map_or(0, |(_, count)| *count);
                metrics::gauge!(names::MEMBERS, "community" => slug.clone(), "status" => status.as_str())
                    .set(count as f64);
            }
            metrics::gauge!(names::OPEN_REQUESTS, "community" => slug.clone()).set(census.open_requests as f64);
            metrics::gauge!(names::OPEN_OFFERS, "community" => slug).set(census.open_offers as f64);
        }
        Err(error) => tracing::warn!(%error, "metrics: cannot count members and posts"),
    }
    let now = probe.clock.now();
    match probe.store.outbox_backlog(now).await {
        Ok(backlog) => {
            for (platform, _) in probe.platforms() {
                let of = backlog.iter().find(|b| b.platform == platform);
                let label = platform.as_str();
                let due = of.map_or(0, |b| b.due);
                let oldest = of.and_then(|b| b.oldest_due).map_or(0, |at| (now - at).max(0));
                metrics::gauge!(names::OUTBOX_DUE, "platform" => label).set(due as f64);
                metrics::gauge!(names::OUTBOX_OLDEST_SECONDS, "platform" => label).set(oldest as f64);
                metrics::gauge!(names::OUTBOX_PARKED, "platform" => label).set(of.map_or(0, |b| b.parked) as f64);
            }
        }
        Err(error) => tracing::warn!(%error, "metrics: cannot read the outbox"),
    }
    for (platform, connection) in probe.platforms() {
        metrics::gauge!(names::CONNECTED, "platform" => platform.as_str()).set(f64::from(u8::from(connection.is_up())));
    }
    for lease in leases(&probe).await.into_iter().filter(Lease::is_connection) {
        let held = lease.holder == probe.process && lease.until > now;
        metrics::gauge!(names::LEASE_HELD, "lease" => lease.name.clone()).set(f64::from(u8::from(held)));
        let age = (now - lease.renewed_at).max(0) as f64;
        metrics::gauge!(names::LEASE_HEARTBEAT_AGE_SECONDS, "lease" => lease.name).set(age);
    }
    probe.metrics.render()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lease(holder: &str, until: Timestamp) -> Lease {
        Lease { name: "telegram".into(), holder: holder.into(), token: 1, until, renewed_at: until - 12 }
    }

    /// A standby process (another live process holds the connection) is ready and says so; a
    /// process whose lease ran out, or that holds it while disconnected, is not.
    #[test]
    fn readiness_names_who_holds_a_connection() {
        let state = |up, leases: &[Lease]| connection_state(Platform::Telegram, up, leases, "me", 100);
        assert_eq!(state(true, &[]), Ok(None), "one process, connected");
        assert_eq!(state(false, &[]), Err("telegram: not connected".into()));
        assert_eq!(state(true, &[lease("me", 110)]), Ok(Some("telegram: held by this process".into())));
        assert_eq!(state(false, &[lease("other", 110)]), Ok(Some("telegram: standing by (held by other)".into())));
        assert_eq!(state(false, &[lease("other", 100)]), Err("telegram: not connected".into()), "ran out");
        assert_eq!(state(false, &[lease("me", 110)]), Err("telegram: not connected".into()));
        // Discord's shards: some held here, some elsewhere.
        let shard = |index: u32, holder: &str| Lease { name: format!("discord:{index}"), ..lease(holder, 110) };
        let discord = |up, leases: &[Lease]| connection_state(Platform::Discord, up, leases, "me", 100);
        let (mine, theirs) = (shard(0, "me"), shard(1, "other"));
        assert_eq!(
            discord(true, &[mine.clone(), theirs.clone()]),
            Ok(Some("discord: held by this process (discord:0)".into()))
        );
        assert_eq!(
            discord(false, std::slice::from_ref(&theirs)),
            Ok(Some("discord: standing by (held by other)".into()))
        );
        assert_eq!(discord(false, &[mine, theirs]), Err("discord: not connected".into()), "a shard held, not up");
        let presence = Lease { name: "discord@me".into(), ..lease("me", 110) };
        assert!(!presence.is_connection() && shard(0, "me").is_connection());
    }
}
