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
use entraide_core::metrics as names;
use entraide_core::model::{CommunityId, MemberStatus, Platform};
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
    for (platform, connection) in probe.platforms() {
        if !connection.is_up() {
            wrong.push(format!("{platform}: not connected"));
        }
    }
    match wrong.is_empty() {
        true => (StatusCode::OK, "ready\n".into()),
        false => (StatusCode::SERVICE_UNAVAILABLE, format!("{}\n", wrong.join("\n"))),
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
    probe.metrics.render()
}
