//! Stopping cleanly on SIGTERM (systemd, a container) or SIGINT (Ctrl-C): the first signal
//! asks every task to finish what it holds (the event being handled, the send in flight) and
//! to give the rest back; a second signal ends the process at once.

use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::watch;

/// Starts listening for the signals now (before the database is opened, so that an early
/// signal is not fatal) and returns a receiver that turns true at the first one.
pub fn on_signal() -> anyhow::Result<watch::Receiver<bool>> {
    let mut terminate = signal(SignalKind::terminate())?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    let (stop, stopped) = watch::channel(false);
    tokio::spawn(async move {
        tokio::select! {
            _ = terminate.recv() => {}
            _ = interrupt.recv() => {}
        }
        tracing::info!("stopping: finishing what is in hand (a second signal stops at once)");
        let _ = stop.send(true);
        tokio::select! {
            _ = terminate.recv() => {}
            _ = interrupt.recv() => {}
        }
        tracing::warn!("second signal: stopping at once");
        std::process::exit(130);
    });
    Ok(stopped)
}

/// Completes once `stopped` turns true (or its sender is gone).
pub async fn until(mut stopped: watch::Receiver<bool>) {
    let _ = stopped.wait_for(|stop| *stop).await;
}
