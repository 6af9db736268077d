//! Throughput benchmark: commands per second through the core and a store — SQLite, and
//! PostgreSQL when a server is given — with the in-memory store as the baseline measured in
//! the same run (the ratio is the cost of real storage). The load is the crash harness's mix
//! (mostly private answers to commands typed in a group, one offer and one request in ten),
//! played one command at a time, then by 8 members at once.
//!
//!     cargo bench -p entraide --bench throughput             (add -- --quick for a smoke run)
//!     ENTRAIDE_BENCH_POSTGRES_URL=postgres://user@host/postgres cargo bench …   (adds PostgreSQL)

use std::sync::Arc;
use std::time::Instant;

use entraide::harness::{MEMBERS, command};
use entraide_core::command::ChatContext;
use entraide_core::memory::MemoryStore;
use entraide_core::model::{Account, AccountRef, Lang, Member, Platform};
use entraide_core::ports::{Change, IdKind, OsRandomness, Store, SystemClock};
use entraide_core::service::{Incoming, Service, Settings};

/// A community with the load's members.
async fn community(store: Arc<dyn Store>) -> Arc<Service> {
    let clock = Arc::new(SystemClock);
    let service =
        Service::start(Arc::clone(&store), clock, Arc::new(OsRandomness), Settings::default()).await.expect("start");
    let community = service.community().id;
    for k in 0..MEMBERS {
        let id = store.allocate_id(IdKind::Member).await.expect("id");
        let now = service.now();
        let member = Member {
            place: Some("Lyon".into()),
            ..Member::newcomer(id, community, format!("m{k}"), Lang::Fr, None, now)
        };
        let account = AccountRef::new(Platform::Telegram, format!("m{k}"));
        let link =
            Account { account, member_id: id, community_id: community, display_name: format!("m{k}"), linked_at: now };
        store.apply(vec![Change::InsertMember(member), Change::LinkAccount(link)]).await.expect("member");
    }
    Arc::new(service)
}

fn incoming(index: u64) -> Incoming {
    // ENTRAIDE_BENCH_MIX=aide|mes|posts plays one kind of command only, to see what costs.
    let text = match std::env::var("ENTRAIDE_BENCH_MIX").as_deref() {
        Ok("aide") => "/aide".to_owned(),
        Ok("mes") => "/mes".to_owned(),
        // Offers and requests in turn (the load's own numbering: 10n offers, 10n + 5 asks).
        Ok("posts") => command(index * 10 + if index.is_multiple_of(2) { 0 } else { 5 }),
        _ => command(index),
    };
    Incoming {
        account: AccountRef::new(Platform::Telegram, format!("m{}", index as usize % MEMBERS)),
        display_name: String::new(),
        lang: None,
        chat: ChatContext::Group { request_channel: false },
        text,
    }
}

/// Commands per second: `commands` one after the other, then as many by `parallel` tasks.
async fn measure(store: Arc<dyn Store>, commands: u64, parallel: u64) -> (f64, f64) {
    let service = community(store).await;
    let started = Instant::now();
    for index in 0..commands {
        service.handle(incoming(index)).await;
    }
    let sequential = commands as f64 / started.elapsed().as_secs_f64();
    let started = Instant::now();
    let mut tasks = Vec::new();
    for lane in 0..parallel {
        let service = Arc::clone(&service);
        tasks.push(tokio::spawn(async move {
            let mut index = commands + lane;
            while index < 2 * commands {
                service.handle(incoming(index)).await;
                index += parallel;
            }
        }));
    }
    for task in tasks {
        task.await.expect("task");
    }
    let concurrent = commands as f64 / started.elapsed().as_secs_f64();
    (sequential, concurrent)
}

#[tokio::main]
async fn main() {
    if std::env::var("RUST_LOG").is_ok() {
        tracing_subscriber::fmt().with_env_filter(tracing_subscriber::EnvFilter::from_default_env()).init();
    }
    let quick = std::env::args().any(|arg| arg == "--quick");
    let commands: u64 = if quick { 300 } else { 5_000 };
    println!("throughput: {commands} commands one at a time, then {commands} by 8 members at once");
    println!("command: cargo bench -p entraide --bench throughput{}", if quick { " -- --quick" } else { "" });

    let (memory, memory_parallel) = measure(Arc::new(MemoryStore::new()), commands, 8).await;
    println!("in-memory store (baseline): {memory:>8.0} commands/s, {memory_parallel:>8.0} with 8 at once");

    let dir = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite:{}", dir.path().join("bench.db").display());
    let sqlite = entraide_store_sql::open(&url).await.expect("SQLite");
    let (sqlite, sqlite_parallel) = measure(sqlite, commands, 8).await;
    println!(
        "SQLite:                      {sqlite:>8.0} commands/s, {sqlite_parallel:>8.0} with 8 at once — {:.2}× the baseline; target 2,000/s: {}",
        sqlite / memory,
        if sqlite.max(sqlite_parallel) >= 2_000.0 { "met" } else { "NOT met" }
    );

    if let Ok(admin) = std::env::var("ENTRAIDE_BENCH_POSTGRES_URL") {
        let name = format!("entraide_bench_{}", std::process::id());
        let url = entraide_store_sql::create_postgres_database(&admin, &name).await.expect("a PostgreSQL database");
        let postgres = entraide_store_sql::open(&url).await.expect("PostgreSQL");
        let (postgres, postgres_parallel) = measure(postgres, commands, 8).await;
        println!(
            "PostgreSQL:                  {postgres:>8.0} commands/s, {postgres_parallel:>8.0} with 8 at once — {:.2}× the baseline",
            postgres / memory
        );
    } else {
        println!("PostgreSQL: skipped (set ENTRAIDE_BENCH_POSTGRES_URL to an account that may create databases)");
    }
}
