//! Throughput benchmark: commands per second through the core and a store — SQLite, and
//! PostgreSQL when a server is given — with the in-memory store as the baseline measured in
//! the same run (the ratio is the cost of real storage). The load is the crash harness's mix
//! is members' everyday use, each in turn: a request (matched against the community's offers,
//! helpers asked privately), a look at their own posts (`/mes`, answered privately from a
//! group), the help, their place, and closing the request. Played one command at a time,
//! then by 8 members at once.
//!
//!     cargo bench -p entraide --bench throughput             (add -- --quick for a smoke run)
//!     ENTRAIDE_BENCH_POSTGRES_URL=postgres://user@host/postgres cargo bench …   (adds PostgreSQL)

use std::sync::Arc;
use std::time::Instant;

use entraide::harness::MEMBERS;
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

fn incoming(member: usize, text: String) -> Incoming {
    Incoming {
        account: AccountRef::new(Platform::Telegram, format!("m{member}")),
        display_name: String::new(),
        lang: None,
        chat: ChatContext::Group { request_channel: false },
        text,
        message: None,
    }
}

/// One member's everyday cycle of five commands, the `round`th time.
async fn cycle(service: &Service, member: usize, round: u64) {
    let asked = service.handle(incoming(member, format!("/besoin un escabeau pour repeindre, lot {round}"))).await;
    let request = asked.and_then(|reply| entraide::harness::post_number(&reply.text));
    service.handle(incoming(member, "/mes".into())).await;
    service.handle(incoming(member, "/aide".into())).await;
    service.handle(incoming(member, "/lieu Lyon".into())).await;
    if let Some(request) = request {
        service.handle(incoming(member, format!("/fermer {request}"))).await;
    }
}

/// Commands per second: `commands` one member after the other, then as many by
/// `parallel` members at once.
async fn measure(store: Arc<dyn Store>, commands: u64, parallel: u64) -> (f64, f64) {
    let service = community(store).await;
    // Every member offers something first: requests have helpers to ask.
    for member in 0..MEMBERS {
        service.handle(incoming(member, "/offre je prête un escabeau et des outils".into())).await;
    }
    let cycles = commands / 5;
    let started = Instant::now();
    for round in 0..cycles {
        cycle(&service, round as usize % MEMBERS, round).await;
    }
    let sequential = commands as f64 / started.elapsed().as_secs_f64();
    let started = Instant::now();
    let mut tasks = Vec::new();
    for lane in 0..parallel {
        let service = Arc::clone(&service);
        tasks.push(tokio::spawn(async move {
            let mut round = cycles + lane;
            while round < 2 * cycles {
                cycle(&service, round as usize % MEMBERS, round).await;
                round += parallel;
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
