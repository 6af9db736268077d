//! Storage faults, as an operator meets them: a full disk on SQLite, a killed connection on
//! PostgreSQL. A member is told "recorded" only when the commit succeeded, a failure says that
//! nothing was recorded, `/readyz`'s write check fails meanwhile, and the bot recovers by
//! itself when the cause is gone, losing nothing it confirmed.

use std::path::Path;
use std::process::Command;

use entraide_core::rules::Refusal;

use crate::support::{self, as_, number_after};

/// A small tmpfs mounted on a temporary folder, unmounted on drop: a disk that really fills.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    /// Needs root (CI runs as root); elsewhere `None`, and the test says it could not run.
    fn mount(size: &str) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .status()
            .is_ok_and(|status| status.success());
        mounted.then_some(SmallDisk { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Gives the disk more room, as an operator freeing space would.
    fn grow(&self, size: &str) {
        let status =
            Command::new("mount").args(["-o", &format!("remount,size={size}")]).arg(self.dir.path()).status().unwrap();
        assert!(status.success(), "remount the tmpfs");
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(self.dir.path()).status();
    }
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

/// One offer: its number when confirmed, `None` when the member was told nothing was recorded.
async fn offer(service: &entraide_core::service::Service, i: usize) -> Option<i64> {
    let reply = as_(service, "alice", &format!("/offre je prête ma perceuse, outil numéro {i}")).await;
    if reply == Refusal::NotRecorded.render(entraide_core::model::Lang::Fr) {
        return None;
    }
    assert!(reply.contains("enregistrée"), "either recorded or told it was not: {reply}");
    Some(number_after(&reply, "n°").expect("the offer's number"))
}

#[tokio::test]
async fn a_full_disk_never_confirms_what_was_not_stored_and_recovers_alone() {
    let Some(disk) = SmallDisk::mount("1536k") else {
        assert!(!is_root(), "running as root, a tmpfs must mount");
        eprintln!("not root: cannot mount a small tmpfs; this test runs in CI (as root)");
        return;
    };
    let url = format!("sqlite:{}", disk.path().join("entraide.db").display());
    let mut confirmed = Vec::new();
    {
        let (app, _clock) = support::app_with(support::config(&url, 24.0)).await;
        let service = app.service.as_ref();
        as_(service, "alice", "/lieu Lyon").await;
        let mut refused = 0;
        for i in 0..4_000 {
            match offer(service, i).await {
                Some(id) => confirmed.push(id),
                None => refused += 1,
            }
            if refused >= 30 {
                break;
            }
        }
        assert!(refused >= 30, "the disk filled up ({} offers confirmed)", confirmed.len());
        assert!(app.store.check_writes().await.is_err(), "not ready while writes fail");
        let before = confirmed.len();
        // Space comes back: no restart, the next commands are recorded.
        disk.grow("50m");
        for i in 0..50 {
            let id = offer(service, 10_000 + i).await;
            assert!(id.is_some(), "recorded once space is back (offer {i})");
            confirmed.extend(id);
        }
        assert!(app.store.check_writes().await.is_ok(), "ready again");
        assert_eq!(confirmed.len(), before + 50);
        app.store.close().await;
    }
    // Everything confirmed is there, read back by a new process.
    let store = entraide_store_sql::open(&url).await.unwrap();
    for id in &confirmed {
        assert!(store.post(*id).await.unwrap().is_some(), "offer {id} was confirmed: it must be stored");
    }
    store.close().await;
}

#[tokio::test]
async fn killed_postgres_connections_never_confirm_a_lost_write_and_the_bot_reconnects() {
    let db = support::postgres().await;
    let (app, _clock) = support::app_with(support::config(&db.url, 24.0)).await;
    let service = app.service.as_ref();
    as_(service, "alice", "/lieu Lyon").await;
    // Meanwhile, the bot's connections are killed again and again, as a server restart or a
    // network cut would, landing inside transactions and commits.
    let admin = sqlx::PgPool::connect(&db.url).await.unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let killer = tokio::spawn({
        let stop = stop.clone();
        async move {
            let mut kills = 0_usize;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                let killed: Vec<(bool,)> = sqlx::query_as(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                     WHERE datname = current_database() AND pid <> pg_backend_pid()",
                )
                .fetch_all(&admin)
                .await
                .unwrap_or_default();
                kills += killed.len();
                tokio::time::sleep(std::time::Duration::from_millis(40)).await;
            }
            kills
        }
    });
    let (mut confirmed, mut refused) = (Vec::new(), 0);
    for i in 0..60 {
        match offer(service, i).await {
            Some(id) => confirmed.push(id),
            None => refused += 1,
        }
    }
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let kills = killer.await.unwrap();
    assert!(kills > 0, "connections were killed");
    eprintln!("{kills} connections killed: {} offers confirmed, {refused} said not recorded", confirmed.len());
    // Once the server is left alone, every command is recorded again, without a restart.
    for i in 0..10 {
        confirmed.push(offer(service, 1_000 + i).await.expect("recorded once the connections are left alone"));
    }
    assert!(app.store.check_writes().await.is_ok());
    for id in &confirmed {
        assert!(app.store.post(*id).await.unwrap().is_some(), "offer {id} was confirmed: it must be stored");
    }
}
