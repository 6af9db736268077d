//! The real `entraide` binary: a session stopped (killed) and started again on the same
//! SQLite file loses nothing and sends nothing twice; scripts, bad configuration and the
//! matching command behave as documented.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, Lines};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};

use crate::support::{code_in, number_after};

const BIN: &str = env!("CARGO_BIN_EXE_entraide");

/// A running `entraide console` driven line by line.
struct Bot {
    child: Child,
    stdin: ChildStdin,
    stdout: Lines<BufReader<ChildStdout>>,
}

impl Bot {
    fn start(config: &Path) -> Self {
        let mut child = Command::new(BIN)
            .arg("--config")
            .arg(config)
            .arg("console")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap()).lines();
        Self { child, stdin, stdout }
    }

    /// Types a line; returns its output (the console ends each command with an empty line).
    async fn say(&mut self, line: &str) -> String {
        self.stdin.write_all(format!("{line}\n").as_bytes()).await.unwrap();
        self.stdin.flush().await.unwrap();
        let mut out = Vec::new();
        loop {
            let next = tokio::time::timeout(Duration::from_secs(30), self.stdout.next_line()).await;
            match next.expect("the bot answers within 30 s").unwrap() {
                Some(text) if text.is_empty() => break,
                Some(text) => out.push(text),
                None => break,
            }
        }
        out.join("\n")
    }

    async fn as_(&mut self, name: &str, line: &str) -> String {
        self.say(&format!("/as {name}")).await;
        self.say(line).await
    }
}

fn write_config(dir: &Path, follow_up_hours: f64) -> std::path::PathBuf {
    let db = dir.join("entraide.db");
    let text = entraide::config::EXAMPLE
        .replace("url = \"sqlite:entraide.db\"", &format!("url = \"sqlite:{}\"", db.display()))
        .replace("follow_up_hours = 72", &format!("follow_up_hours = {follow_up_hours}"))
        .replace("files_dir = \".\"", &format!("files_dir = \"{}\"", dir.display()));
    let path = dir.join("entraide.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[tokio::test]
async fn a_restart_loses_nothing_and_sends_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    // The follow-up question falls due 3 seconds after contacts are exchanged.
    let config = write_config(dir.path(), 3.0 / 3600.0);

    let mut bot = Bot::start(&config);
    bot.say("/lieu Lille").await;
    let code = code_in(&bot.say("/inviter").await).unwrap();
    bot.as_("bob", &format!("/rejoindre {code}")).await;
    bot.say("/lieu Lille").await;
    bot.say("/offre je prête mon vélo cargo").await;
    let asked = bot.as_("alice", "/besoin un vélo cargo pour un déménagement").await;
    assert!(asked.contains("📩 bob : alice cherche de l'aide"), "{asked}");
    let proposal = number_after(&asked, "/accepter ").unwrap();
    bot.as_("bob", &format!("/accepter {proposal}")).await;
    let confirmed = bot.as_("alice", &format!("/accepter {proposal}")).await;
    assert!(confirmed.contains("📩 bob : Mise en relation"), "{confirmed}");
    assert!(!confirmed.contains("où en es-tu"), "the follow-up is not due yet: {confirmed}");
    // A crash: no clean shutdown at all.
    bot.child.kill().await.unwrap();

    let url = format!("sqlite:{}", dir.path().join("entraide.db").display());
    let store = entraide_store_sql::open(&url).await.unwrap();
    assert_eq!(store.pending_count().await.unwrap(), 1, "the follow-up waits in the outbox");
    drop(store);

    tokio::time::sleep(Duration::from_secs(4)).await;
    let mut bot = Bot::start(&config);
    let mine = bot.say("/mes").await;
    assert!(mine.contains("un vélo cargo pour un déménagement") && mine.contains("mise en relation faite"), "{mine}");
    assert_eq!(mine.matches("où en es-tu").count(), 1, "the pending follow-up arrives once: {mine}");
    assert!(!mine.contains("Mise en relation pour"), "messages sent before the crash are not sent again: {mine}");
    let again = bot.say("/mes").await;
    assert!(!again.contains("📩"), "nothing is sent twice: {again}");
    let bobs = bot.as_("bob", "/mes").await;
    assert!(bobs.contains("je prête mon vélo cargo"), "{bobs}");
    assert!(bot.as_("carol", &format!("/rejoindre {code}")).await.contains("déjà été utilisé"));
    bot.child.kill().await.unwrap();

    let store = entraide_store_sql::open(&url).await.unwrap();
    assert_eq!(store.pending_count().await.unwrap(), 0);
}

#[tokio::test]
async fn a_script_file_prints_a_transcript() {
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), 72.0);
    let script = dir.path().join("script.txt");
    std::fs::write(&script, "/aide\n/as zoe\n/besoin un marteau\n/rejoindre ABCD-EFGH-JKMN-PQRS\n/quitter\n/aide\n")
        .unwrap();
    let output = Command::new(BIN)
        .arg("--config")
        .arg(&config)
        .arg("console")
        .arg("--script")
        .arg(&script)
        .output()
        .await
        .unwrap();
    assert!(output.status.success());
    let transcript = String::from_utf8(output.stdout).unwrap();
    assert!(transcript.starts_with("alice> /aide\n↳ Commandes de Réseau d'entraide"), "{transcript}");
    assert!(transcript.contains("zoe> /besoin un marteau\n↳ Tu n'es pas encore membre"), "{transcript}");
    assert!(
        transcript.contains("zoe> /rejoindre ABCD-EFGH-JKMN-PQRS\n↳ Ce code d'invitation n'existe pas"),
        "{transcript}"
    );
    assert!(transcript.trim_end().ends_with("À bientôt !"), "stops at /quitter: {transcript}");
}

/// A console session folds SQLite's write-ahead log into the file when it ends: no log is
/// left beside it, and what a member erased during the session is in neither.
#[tokio::test]
async fn a_console_session_leaves_no_log_and_nothing_erased() {
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), 72.0);
    let script = dir.path().join("script.txt");
    std::fs::write(&script, "/lieu Tataouine\n/offre je prête ma ponceuse Kinkajou\n/supprimer-compte confirmer\n")
        .unwrap();
    let output = Command::new(BIN)
        .arg("--config")
        .arg(&config)
        .arg("console")
        .arg("--script")
        .arg(&script)
        .output()
        .await
        .unwrap();
    assert!(output.status.success());
    let transcript = String::from_utf8(output.stdout).unwrap();
    assert!(transcript.contains("tes données personnelles sont effacées"), "{transcript}");
    let log = std::fs::metadata(dir.path().join("entraide.db-wal")).map(|log| log.len()).unwrap_or(0);
    assert_eq!(log, 0, "the write-ahead log is folded into the file and emptied");
    let file = std::fs::read(dir.path().join("entraide.db")).unwrap().to_ascii_lowercase();
    for word in ["tataouine", "kinkajou"] {
        assert!(!file.windows(word.len()).any(|window| window == word.as_bytes()), "{word} is still in the file");
    }
}

#[tokio::test]
async fn a_corrupt_config_names_the_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    let text = entraide::config::EXAMPLE.replace("valid_days = 7", "valid_days = \"sept\"");
    std::fs::write(&path, text).unwrap();
    let output = Command::new(BIN).arg("--config").arg(&path).arg("migrate").output().await.unwrap();
    assert!(!output.status.success());
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("bad.toml") && error.contains("ligne") && error.contains("valid_days"), "{error}");

    let missing =
        Command::new(BIN).arg("--config").arg(dir.path().join("nope.toml")).arg("run").output().await.unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nope.toml"));
}

#[tokio::test]
async fn run_without_tokens_says_so_and_runs_the_console() {
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), 72.0);
    let mut child = Command::new(BIN)
        .arg("--config")
        .arg(&config)
        .arg("run")
        .env_remove("ENTRAIDE_TELEGRAM_TOKEN")
        .env_remove("ENTRAIDE_DISCORD_TOKEN")
        .env_remove("ENTRAIDE_MATRIX_PASSWORD")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"/aide\n").await.unwrap();
    let output = child.wait_with_output().await.unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("Aucun jeton de plateforme n'est configuré"));
    assert!(String::from_utf8_lossy(&output.stdout).contains("/besoin TEXTE"));
    assert!(dir.path().join("entraide.db").exists(), "the SQLite file is created on first run");
}

#[tokio::test]
async fn match_writes_one_line_per_request_with_reasons() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/e2e/fixtures");
    let output = Command::new(BIN)
        .arg("match")
        .arg("--offers")
        .arg(fixtures.join("offers.jsonl"))
        .arg("--requests")
        .arg(fixtures.join("requests.jsonl"))
        .output()
        .await
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let lines: Vec<serde_json::Value> =
        String::from_utf8(output.stdout).unwrap().lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["request"], "r1");
    assert_eq!(lines[0]["matches"][0]["offer"], "o1", "the Lyon drill for the Lyon request");
    assert_eq!(lines[0]["matches"].as_array().unwrap().len(), 1, "not the Marseille drill");
    let reasons: Vec<&str> =
        lines[0]["matches"][0]["reasons"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
    assert_eq!(reasons, vec!["perceuse", "Lyon"]);
    assert_eq!(lines[1]["matches"][0]["offer"], "o3", "online help helps anywhere");
    assert!(lines[2]["matches"].as_array().unwrap().is_empty(), "nothing fits, nothing returned");

    let bad = fixtures.join("bad.jsonl");
    let output =
        Command::new(BIN).arg("match").arg("--offers").arg(&bad).arg("--requests").arg(&bad).output().await.unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("bad.jsonl:2"));
}

/// Runs `entraide console` with a Telegram token in the environment and the most verbose
/// logs, feeding `input`; returns the transcript and the logs.
async fn run_traced(config: &Path, input: &str, token: &str) -> (String, String) {
    let mut child = Command::new(BIN)
        .arg("--config")
        .arg(config)
        .arg("console")
        .env("RUST_LOG", "trace")
        .env("ENTRAIDE_TELEGRAM_TOKEN", token)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(input.as_bytes()).await.unwrap();
    drop(stdin);
    let output = tokio::time::timeout(Duration::from_secs(60), child.wait_with_output()).await.unwrap().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    (String::from_utf8_lossy(&output.stdout).into_owned(), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[tokio::test]
async fn logs_carry_no_message_text_personal_data_or_token() {
    const TOKEN: &str = "7301234567:AAFakeTokenQx9Wombat";
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), 72.0);
    let (first, mut logs) = run_traced(&config, "/inviter vladimir_zq, mon voisin Hippolyte\n", TOKEN).await;
    let code = code_in(&first).unwrap();
    let script = format!(
        "/as vladimir_zq\n/rejoindre {code}\n/lieu Quimperlé\n/besoin une perceuse Zorglub à Quimperlé\n\
         /as alice\n/lieu Quimperlé\n/offre je prête ma perceuse Zorglub à Quimperlé\n\
         /avertir vladimir_zq motif-Tralala\n/signaler @vladimir_zq motif-Tralala\n/fiche vladimir_zq\n/stats\n\
         /as vladimir_zq\n/mes-donnees\n/supprimer-compte confirmer\n"
    );
    let (transcript, more) = run_traced(&config, &script, TOKEN).await;
    logs.push_str(&more);
    assert!(transcript.contains("Zorglub") && transcript.contains("motif-Tralala"), "{transcript}");
    assert!(logs.contains("TRACE"), "the most verbose level was on: {logs}");
    // The console writes the weekly chart /stats sends as an image.
    assert!(transcript.contains("🖼 alice : Demandes satisfaites et sans suite par semaine"), "{transcript}");
    let chart = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .find(|entry| entry.file_name().to_string_lossy().ends_with(".png"))
        .expect("a chart file");
    assert!(std::fs::read(chart.path()).unwrap().starts_with(b"\x89PNG"));
    for secret in [TOKEN, "AAFakeToken", "Zorglub", "perceuse", "Quimperlé", "Tralala", "vladimir", "Hippolyte", &code]
    {
        assert!(!logs.contains(secret), "{secret:?} leaked into the logs");
    }

    // The audit log of that session, exported for the moderators' records.
    let export = |format: &'static str, since: &'static str| {
        let mut command = Command::new(BIN);
        command.arg("--config").arg(&config).arg("audit").arg("--format").arg(format).arg("--since").arg(since);
        command
    };
    let json = export("json", "2020-01-01").output().await.unwrap();
    assert!(json.status.success());
    let lines: Vec<serde_json::Value> =
        String::from_utf8(json.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let actions: Vec<&str> = lines.iter().filter_map(|l| l["action"].as_str()).collect();
    assert_eq!(actions.first(), Some(&"founder"), "oldest first: {actions:?}");
    assert!(actions.contains(&"warn") && actions.contains(&"erase"), "{actions:?}");
    let warn = lines.iter().find(|l| l["action"] == "warn").unwrap();
    assert_eq!((warn["actor"].as_str(), warn["platform"].as_str()), (Some("alice"), Some("console")));
    let csv = export("csv", "2020-01-01").output().await.unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(csv.starts_with("at,timestamp,actor_id,actor,action,target_id,target,platform,reason\n"), "{csv}");
    assert_eq!(csv.lines().count(), lines.len() + 1);
    let later = export("json", "2999-01-01").output().await.unwrap();
    assert!(later.status.success() && later.stdout.is_empty());
    let bad = export("json", "hier").output().await.unwrap();
    assert!(!bad.status.success() && String::from_utf8_lossy(&bad.stderr).contains("is not a date"));
}

#[tokio::test]
async fn a_second_process_on_one_sqlite_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), 72.0);
    let mut bot = Bot::start(&config);
    assert!(bot.as_("alice", "/aide").await.contains("Commandes"));
    let second = Command::new(BIN).arg("--config").arg(&config).arg("migrate").output().await.unwrap();
    let said = String::from_utf8_lossy(&second.stderr);
    assert!(!second.status.success(), "refused: {said}");
    assert!(said.contains("already used by another entraide process") && said.contains("PostgreSQL"), "{said}");
    assert!(bot.as_("alice", "/aide").await.contains("Commandes"), "the first one goes on");
    bot.child.kill().await.unwrap();
    bot.child.wait().await.unwrap();
    let after = Command::new(BIN).arg("--config").arg(&config).arg("migrate").output().await.unwrap();
    assert!(after.status.success(), "free again once it stopped: {}", String::from_utf8_lossy(&after.stderr));
}

/// `entraide backup` copies the SQLite database while the bot runs; `entraide restore`
/// refuses while a bot uses the database, refuses a damaged copy, and otherwise brings back
/// exactly what the copy held.
#[tokio::test]
async fn a_backup_taken_while_the_bot_runs_restores_the_same_data() {
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), 72.0);
    let entraide = async |args: &[&std::ffi::OsStr]| {
        let out = Command::new(BIN).arg("--config").arg(&config).args(args).output().await.unwrap();
        (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let mut bot = Bot::start(&config);
    bot.as_("alice", "/lieu Lyon").await;
    assert!(bot.as_("alice", "/besoin une perceuse Okapi").await.contains("enregistrée"));
    let copy = dir.path().join("copy.db");
    let (done, said) = entraide(&["backup".as_ref(), copy.as_os_str()]).await;
    assert!(done && said.contains("Copie écrite"), "{said}");
    let (again, said) = entraide(&["backup".as_ref(), copy.as_os_str()]).await;
    assert!(!again && said.contains("exists already"), "never over a file: {said}");
    assert!(bot.as_("alice", "/besoin une scie Narval").await.contains("enregistrée"));

    let (done, said) = entraide(&["restore".as_ref(), copy.as_os_str()]).await;
    assert!(!done && said.contains("already used by another entraide process"), "refused while it runs: {said}");
    bot.child.kill().await.unwrap();
    bot.child.wait().await.unwrap();
    let damaged = dir.path().join("damaged.db");
    std::fs::write(&damaged, b"not a database at all, just words").unwrap();
    let (done, said) = entraide(&["restore".as_ref(), damaged.as_os_str()]).await;
    assert!(!done, "a damaged copy is refused: {said}");
    let live = dir.path().join("entraide.db");
    let (done, said) = entraide(&["restore".as_ref(), live.as_os_str()]).await;
    assert!(!done && said.contains("the database itself"), "never onto itself: {said}");
    let (done, said) = entraide(&["restore".as_ref(), copy.as_os_str()]).await;
    assert!(done && said.contains("restaurée"), "{said}");

    let mut bot = Bot::start(&config);
    let mine = bot.as_("alice", "/mes").await;
    assert!(mine.contains("Okapi") && !mine.contains("Narval"), "the copy's data, nothing after: {mine}");
    bot.child.kill().await.unwrap();
}

/// `--log-format json` writes one JSON object a line (what a log collector reads), from start
/// to a clean stop on SIGTERM; here with Telegram out of reach, so warnings are logged.
#[tokio::test]
async fn json_logs_are_one_object_a_line() {
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), 72.0);
    let text = std::fs::read_to_string(&config).unwrap().replace("api_url = \"\"", "api_url = \"http://127.0.0.1:9\"");
    std::fs::write(&config, text).unwrap();
    let bot = Command::new(BIN)
        .args(["--log-format", "json", "--config"])
        .arg(&config)
        .arg("run")
        .env("RUST_LOG", "info")
        .env("ENTRAIDE_TELEGRAM_TOKEN", "7301234567:AAFakeTokenJsonLines")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let output = crate::support::terminate(bot).await;
    assert!(output.status.success(), "{}", output.status);
    let logs = String::from_utf8(output.stderr).unwrap();
    let lines: Vec<serde_json::Value> =
        logs.lines().map(|line| serde_json::from_str(line).unwrap_or_else(|_| panic!("not JSON: {line}"))).collect();
    let messages: Vec<&str> = lines.iter().filter_map(|line| line["fields"]["message"].as_str()).collect();
    assert!(messages.contains(&"serving the community on Telegram"), "{messages:?}");
    assert!(lines.iter().any(|line| line["level"] == "WARN" && line["target"] == "entraide_telegram"), "{logs}");
    assert_eq!(messages.last(), Some(&"stopped"), "{messages:?}");
    assert!(!logs.contains("AAFakeToken"), "{logs}");
}
