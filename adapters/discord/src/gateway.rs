//! The gateway side of the Discord adapter: one serenity client per shard, each opened only
//! while this process holds the shard's lease (always, on SQLite), closed for good when it is
//! lost, and handed on once closed.

use std::sync::Arc;

use entraide_core::lease::{LeaseWatch, lost, taken};
use serenity::all::{ClientBuilder, HttpBuilder};

use crate::{Discord, DiscordError, Handler, intents};

impl Discord {
    /// Reads gateway events until `shutdown` completes. Says at start which privileged
    /// intents the bot needs (Discord's developer portal must allow them).
    pub async fn run(&self, shutdown: impl std::future::Future<Output = ()>) -> Result<(), DiscordError> {
        match self.missing_intents().await {
            Ok(missing) if missing.is_empty() => {}
            Ok(missing) => return Err(DiscordError::Intents(missing.join(", "))),
            Err(error) => tracing::warn!(
                %error,
                "Discord: could not read which privileged intents the developer portal allows; the bot needs Server Members (joins) and Message Content (hashtags, request channels)"
            ),
        }
        let shards = self.shared.settings.shards.max(1);
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let gateways = futures::future::join_all((0..shards).map(|shard| {
            let lease = self.leases.as_ref().and_then(|leases| leases.get(shard as usize).cloned());
            self.run_shard(shard, shards, lease, stopped.clone())
        }));
        tokio::pin!(gateways);
        tokio::pin!(shutdown);
        let ended = tokio::select! {
            ended = &mut gateways => ended,
            () = &mut shutdown => {
                let _ = stop.send(true);
                gateways.await
            }
        };
        // Events already dispatched finish (they may be writing to the database), within 8 s;
        // what is left unhandled is read back by the next session.
        for _ in 0..80 {
            if self.shared.in_flight.load(std::sync::atomic::Ordering::SeqCst) == 0 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let left = self.shared.in_flight.load(std::sync::atomic::Ordering::SeqCst);
        if left > 0 {
            tracing::warn!(left, "Discord events still being handled at stop: the next session reads them back");
        }
        ended.into_iter().collect::<Result<Vec<()>, _>>().map(drop)
    }

    /// One shard's gateway, while this process holds its lease (always, without one): closed
    /// at once when the lease is lost, opened again when it is taken back.
    async fn run_shard(
        &self,
        shard: u32,
        shards: u32,
        mut lease: Option<LeaseWatch>,
        mut stopped: tokio::sync::watch::Receiver<bool>,
    ) -> Result<(), DiscordError> {
        loop {
            tokio::select! {
                () = taken(&mut lease) => {}
                _ = stopped.changed() => return Ok(()),
            }
            if *stopped.borrow() {
                return Ok(());
            }
            let http = match &self.shared.settings.api_url {
                Some(url) => HttpBuilder::new(&self.token).proxy(url.trim_end_matches('/')).ratelimiter_disabled(true),
                None => HttpBuilder::new(&self.token),
            };
            let handler = Handler { shared: Arc::clone(&self.shared) };
            let mut client = ClientBuilder::new_with_http(http.build(), intents())
                .event_handler(handler)
                .await
                .map_err(|error| DiscordError::Gateway(error.to_string()))?;
            let manager = Arc::clone(&client.shard_manager);
            tracing::info!(shard, shards, "opening a Discord gateway shard");
            self.shared.shard_opens(shard);
            let running = client.start_shard(shard, shards);
            tokio::pin!(running);
            // While connected and caught up, the shard says so now and then: a later session
            // reads back from there what it missed.
            let mut seen = tokio::time::interval(crate::catch_up::SEEN_EVERY);

            let stopping = loop {
                tokio::select! {
                    biased;
                    () = lost(&mut lease) => {
                        tracing::warn!(shard, "the lease on a Discord shard was lost: its gateway closes");
                        break false;
                    }
                    _ = stopped.changed() => break true,
                    result = &mut running => {
                        return result.map_err(|error| DiscordError::Gateway(error.to_string()));
                    }
                    _ = seen.tick() => {
                        // Apart, so that the lease is watched while the database answers.
                        let marker = Handler { shared: Arc::clone(&self.shared) };
                        tokio::spawn(async move { marker.mark_seen(shard).await });
                    }
                }
            };
            Self::close(&manager, running, &stopped).await;
            self.shared.shard_down(shard);
            if stopping {
                return Ok(());
            }
            // Closed: a lease let go to another process is handed on at once.
            if let Some(held) = lease.as_ref() {
                held.stopped();
            }
        }
    }

    /// Closes a shard for good: serenity's manager stops only the runners it already has,
    /// so a shard still connecting is told again until the client's run has returned. The
    /// shard is not opened again here before. A process stopping waits 5 s at most: its
    /// connections end with it.
    async fn close(
        manager: &serenity::gateway::ShardManager,
        running: std::pin::Pin<&mut impl std::future::Future<Output = serenity::Result<()>>>,
        stopped: &tokio::sync::watch::Receiver<bool>,
    ) {
        let mut running = running;
        for tries in 1_u32.. {
            manager.shutdown_all().await;
            if tokio::time::timeout(std::time::Duration::from_secs(1), running.as_mut()).await.is_ok() {
                return;
            }
            if *stopped.borrow() && tries >= 5 {
                return;
            }
            if tries == 30 {
                tracing::error!("a Discord shard has not closed within 30 s; still trying");
            }
        }
    }
}
