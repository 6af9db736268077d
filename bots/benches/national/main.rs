//! National-scale benchmark (#25): what members, sponsors and moderators wait for, and what
//! the bot costs in memory, start-up and disk, on a community of 350,000 members with two
//! years of history — each figure beside the same one on 1,000 members measured in the same
//! run (the growth factor is what matters), on SQLite and, when a server is given, PostgreSQL.
//!
//!     cargo bench -p entraide --bench national                 (350,000 members; about 15 minutes)
//!     cargo bench -p entraide --bench national -- --quick      (20,000 members: a smoke run)
//!     ENTRAIDE_BENCH_POSTGRES_URL=postgres://user@host/postgres cargo bench …   (adds PostgreSQL)
//!     cargo bench -p entraide --bench national -- --keep       (keeps the SQLite files to look into)

mod generate;
mod measure;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use entraide_core::ports::{Clock, Store, SystemClock};
use generate::{Random, Shape, Texts};
use measure::Latency;

/// Everything measured on one community.
struct Figures {
    members: usize,
    generated_in: Duration,
    changes: usize,
    founder_descendants: usize,
    size_mb: f64,
    warm: Duration,
    latencies: Vec<(String, Latency)>,
    /// The first start of a build on the community: every open post read, the analyses kept.
    first_start: measure::Run,
    run: measure::Run,
    backup: Option<Duration>,
    import: (Duration, f64),
}

/// Where a community lives: a SQLite file, or a PostgreSQL database made for the run.
enum Backend {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Backend {
    fn name(&self) -> &'static str {
        match self {
            Backend::Sqlite(_) => "SQLite",
            Backend::Postgres(_) => "PostgreSQL",
        }
    }

    /// A new, empty database for `label`: its URL.
    async fn database(&self, label: &str) -> String {
        match self {
            Backend::Sqlite(dir) => format!("sqlite:{}", dir.join(format!("{label}.db")).display()),
            Backend::Postgres(admin) => {
                let name = format!("entraide_national_{label}_{}", std::process::id());
                entraide_store_sql::create_postgres_database(admin, &name).await.expect("a PostgreSQL database")
            }
        }
    }

    async fn size_mb(&self, url: &str) -> f64 {
        match self {
            Backend::Sqlite(_) => {
                let path = url.trim_start_matches("sqlite:");
                let size = |p: &str| std::fs::metadata(p).map_or(0, |m| m.len());
                (size(path) + size(&format!("{path}-wal"))) as f64 / 1_048_576.0
            }
            Backend::Postgres(_) => {
                let pool = sqlx::PgPool::connect(url).await.expect("PostgreSQL");
                let bytes: i64 = sqlx::query_scalar("SELECT pg_database_size(current_database())")
                    .fetch_one(&pool)
                    .await
                    .expect("size");
                pool.close().await;
                bytes as f64 / 1_048_576.0
            }
        }
    }
}

/// The configuration `entraide` runs with on `url`.
fn write_config(dir: &Path, label: &str, url: &str) -> PathBuf {
    let path = dir.join(format!("{label}.toml"));
    let text = format!(
        "[community]\nslug = \"entraide\"\nname = \"Entraide\"\nlanguage = \"fr\"\n\
         founders = [{{ account = \"console:alice\", name = \"alice\" }}]\n\n\
         [database]\nurl = \"{url}\"\n\n[console]\nact_as = \"alice\"\nfiles_dir = \"{}\"\n",
        dir.display()
    );
    std::fs::write(&path, text).expect("a configuration");
    path
}

/// A spreadsheet of `rows` members to import, as a Facebook-era network keeps one.
fn spreadsheet(dir: &Path, rows: usize) -> PathBuf {
    let path = dir.join(format!("members-{rows}.csv"));
    let mut random = Random::new(3);
    let cities = ["Paris", "Lyon", "Marseille", "Toulouse", "Lille", "Bordeaux", "Nantes", "Villeurbanne", "Montreuil"];
    let mut text = String::from("name,platform,user_id,city,sponsor,joined,role\n");
    for row in 0..rows {
        let sponsor = match row {
            0 => String::new(),
            _ => format!("Membre{}", random.below(row)),
        };
        let platform = ["telegram", "discord", "matrix"][row % 3];
        let user = match platform {
            "telegram" => (2_000_000_000 + row).to_string(),
            "discord" => (500_000_000_000_000_000u64 + row as u64).to_string(),
            _ => format!("@membre{row}:example.org"),
        };
        let joined = format!("20{:02}-{:02}-{:02}", 19 + row * 6 / rows, 1 + row % 12, 1 + row % 28);
        let city = cities[random.below(cities.len())];
        text.push_str(&format!("Membre{row},{platform},{user},{city},{sponsor},{joined},member\n"));
    }
    std::fs::write(&path, text).expect("a spreadsheet");
    path
}

async fn measure(backend: &Backend, dir: &Path, members: usize, texts: &Texts, quick: bool) -> Figures {
    let label = format!("{}{members}", backend.name().to_lowercase());
    println!("{} with {members} members:", backend.name());
    let url = backend.database(&label).await;
    let store: Arc<dyn Store> = entraide_store_sql::open(&url).await.expect("the store");
    let started = Instant::now();
    let now = SystemClock.now();
    let generated = generate::generate(Arc::clone(&store), "entraide", Shape { members }, texts, now).await;
    let generated_in = started.elapsed();
    println!(
        "  generated in {:.1} s ({} changes); the founder {} has {} descendants",
        generated_in.as_secs_f64(),
        generated.changes,
        generated.founder.0,
        generated.founder.1
    );
    // Closed and dropped: a SQLite file serves one process, and `entraide` opens it next.
    store.close().await;
    drop(store);
    let config = write_config(dir, &label, &url);
    // The first start reads every open post and keeps the analyses (as the first start after
    // an upgrade does); the next ones read them back.
    let first_start = measure::run(&config, &generated, texts, 0);
    println!(
        "  entraide run, first start (every post read): first answer after {:.2} s, {:.0} MB idle",
        first_start.startup.as_secs_f64(),
        first_start.idle_mb
    );
    let size_mb = backend.size_mb(&url).await;
    let backup = match backend {
        Backend::Sqlite(_) => {
            let copy = dir.join(format!("{label}-copy.db"));
            let (took, _) = measure::timed_process(&config, &["backup", &copy.display().to_string()]);
            let _ = std::fs::remove_file(copy);
            Some(took)
        }
        Backend::Postgres(_) => None,
    };
    let run = measure::run(&config, &generated, texts, if quick { 10 } else { 60 });
    println!(
        "  entraide run: first answer after {:.2} s, {:.0} MB idle, {:.0} MB after {} commands",
        run.startup.as_secs_f64(),
        run.idle_mb,
        run.busy_mb,
        run.answered
    );
    let store: Arc<dyn Store> = entraide_store_sql::open(&url).await.expect("the store");
    let samples = if quick { 60 } else { 200 };
    let (warm, latencies) = measure::commands(Arc::clone(&store), &generated, texts, samples).await;
    store.close().await;
    drop(store);
    let import_url = backend.database(&format!("{label}import")).await;
    let import_config = write_config(dir, &format!("{label}import"), &import_url);
    let sheet = spreadsheet(dir, members);
    let import = measure::timed_process(&import_config, &["import", &sheet.display().to_string()]);
    println!("  import of {members} lines: {:.1} s, {:.0} MB at most", import.0.as_secs_f64(), import.1);
    Figures {
        members,
        generated_in,
        changes: generated.changes,
        founder_descendants: generated.founder.1,
        size_mb,
        warm,
        latencies,
        first_start,
        run,
        backup,
        import,
    }
}

/// One table row: the baseline's figure, the big one's, their ratio, and the goal.
fn row(what: &str, small: f64, big: f64, unit: &str, goal: &str) {
    let ratio = if small > 0.0 { format!("{:.1}×", big / small) } else { "—".into() };
    println!("| {what} | {small:.1} {unit} | {big:.1} {unit} | {ratio} | {goal} |");
}

fn table(backend: &str, small: &Figures, big: &Figures) {
    println!();
    println!("{backend}: {} members (baseline) and {} members, measured in the same run", small.members, big.members);
    println!();
    println!("| measure | {} members | {} members | ratio | goal |", small.members, big.members);
    println!("|---|---:|---:|---:|---|");
    let seconds = |d: Duration| d.as_secs_f64();
    row("generated (changes written)", small.changes as f64, big.changes as f64, "", "");
    row("generation time", seconds(small.generated_in), seconds(big.generated_in), "s", "minutes");
    row("founder's descendants", small.founder_descendants as f64, big.founder_descendants as f64, "", "");
    row("database on disk", small.size_mb, big.size_mb, "MB", "");
    row(
        "`entraide run`: first start of a build (every post read)",
        seconds(small.first_start.startup),
        seconds(big.first_start.startup),
        "s",
        "once a build",
    );
    row(
        "memory idle after the first start of a build (RSS)",
        small.first_start.idle_mb,
        big.first_start.idle_mb,
        "MB",
        "< 200 MB",
    );
    row("`entraide run`: start to first answer", seconds(small.run.startup), seconds(big.run.startup), "s", "< 10 s");
    row("matching indexes read (in the start-up)", seconds(small.warm), seconds(big.warm), "s", "");
    row("memory idle (RSS)", small.run.idle_mb, big.run.idle_mb, "MB", "< 200 MB");
    row("memory after 20 commands/s (RSS)", small.run.busy_mb, big.run.busy_mb, "MB", "< 200 MB");
    row("memory at its peak (RSS)", small.run.peak_mb, big.run.peak_mb, "MB", "< 200 MB");
    if let (Some(a), Some(b)) = (small.backup, big.backup) {
        row("`entraide backup`", seconds(a), seconds(b), "s", "");
    }
    row("`entraide import` (one line a member)", seconds(small.import.0), seconds(big.import.0), "s", "< 2 min");
    row("`entraide import`: peak memory", small.import.1, big.import.1, "MB", "< 200 MB");
    for ((what, a), (_, b)) in small.latencies.iter().zip(&big.latencies) {
        let goal = match what.as_str() {
            w if w.starts_with("/fiche") || w.starts_with("/journal") || w.starts_with("/stats") => "< 500 ms",
            w if w.starts_with("upkeep") || w.starts_with("/bannir") || w.starts_with("/supprimer") => "",
            _ => "p99 < 20 ms",
        };
        row(&format!("{what}: median"), a.p50, b.p50, "ms", "");
        row(&format!("{what}: 99th percentile ({} samples)", b.samples), a.p99, b.p99, "ms", goal);
    }
}

#[tokio::main]
async fn main() {
    let quick = std::env::args().any(|arg| arg == "--quick");
    let members = if quick { 20_000 } else { 350_000 };
    println!(
        "national: {members} members against a baseline of 1,000, in the same run\ncommand: cargo bench -p entraide --bench national{}",
        if quick { " -- --quick" } else { "" }
    );
    let texts = Texts::read();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut backends = vec![Backend::Sqlite(dir.path().to_path_buf())];
    match std::env::var("ENTRAIDE_BENCH_POSTGRES_URL") {
        Ok(admin) => backends.push(Backend::Postgres(admin)),
        Err(_) => {
            println!("PostgreSQL: skipped (set ENTRAIDE_BENCH_POSTGRES_URL to an account that may create databases)")
        }
    }
    for backend in &backends {
        let small = measure(backend, dir.path(), 1_000, &texts, quick).await;
        let big = measure(backend, dir.path(), members, &texts, quick).await;
        table(backend.name(), &small, &big);
    }
    if std::env::args().any(|arg| arg == "--keep") {
        println!("the databases and configurations are kept in {}", dir.keep().display());
    }
}
