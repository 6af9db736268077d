//! The moderators' dashboard in a real headless Chromium, driven through WebDriver as a
//! moderator would use it: the link from a private answer in the console, the reports queue
//! (one report upheld), a member found in a sponsor tree of 500, the audit log filtered and
//! exported as CSV, a held arrival let in, a setting changed; then the public invitation page.
//! Each page is checked by axe-core (no serious or critical violation) and kept as a
//! screenshot in `$CARGO_TARGET_TMPDIR/dashboard-screenshots`, at a desktop's width and a
//! phone's.
//!
//! Needs `ENTRAIDE_TEST_WEBDRIVER_URL` (a ChromeDriver) and `ENTRAIDE_TEST_AXE_JS` (axe-core's
//! `axe.min.js`); `tests/with-servers.sh` provides both.

use std::path::{Path, PathBuf};
use std::time::Duration;

use entraide_core::model::{AccountRef, JoinEvidence, Platform, PostState};
use entraide_core::service::{JoinEvent, JoinOutcome};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use crate::dashboard::{five_hundred_below, link_in, served};
use crate::support::{self, as_, newcomer, number_after};

/// A fresh headless Chromium, in French, that saves downloads in `downloads`.
async fn browser(downloads: &Path) -> Client {
    let driver = std::env::var("ENTRAIDE_TEST_WEBDRIVER_URL")
        .expect("ENTRAIDE_TEST_WEBDRIVER_URL is not set: run the tests with `bash tests/with-servers.sh cargo test`");
    // The flags this machine's closed network needs, and a window of a laptop's size.
    let args = [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--lang=fr-FR",
        "--window-size=1280,900",
    ];
    let mut options = json!({
        "args": args,
        "prefs": {
            "intl.accept_languages": "fr-FR,fr",
            "download.default_directory": downloads,
            "download.prompt_for_download": false,
        },
    });
    // The Chromium tests/with-browser.sh found; otherwise the driver looks for one itself.
    if let Ok(binary) = std::env::var("ENTRAIDE_TEST_CHROMIUM") {
        options["binary"] = binary.into();
    }
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("goog:chromeOptions".into(), options);
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(&driver)
        .await
        .expect("a Chromium session from ChromeDriver");
    // axe-core on a page of 200 people, while CI runs the other tests on two cores.
    let patient = fantoccini::wd::TimeoutConfiguration::new(Some(Duration::from_secs(180)), None, None);
    client.update_timeouts(patient).await.unwrap();
    client
}

/// Where screenshots are kept (CI's artefacts).
fn screenshots() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("dashboard-screenshots")
}

/// The page's visible text.
async fn body(client: &Client) -> String {
    client.find(Locator::Css("body")).await.unwrap().text().await.unwrap()
}

/// Keeps a screenshot of the page as `name.png`, and checks it with axe-core: no serious or
/// critical violation of the accessibility rules (WCAG 2.1 A and AA).
async fn look_at(client: &Client, name: &str) {
    // The whole page in one picture: the window grows to the page's height for it.
    let (width, height) = client.get_window_size().await.unwrap();
    let page = client.execute("return document.documentElement.scrollHeight;", vec![]).await.unwrap();
    let page = u32::try_from(page.as_u64().unwrap_or(0)).unwrap_or(0).clamp(400, 4_000);
    client.set_window_size(width as u32, page + 140).await.unwrap();
    let png = client.screenshot().await.unwrap();
    client.set_window_size(width as u32, height as u32).await.unwrap();
    assert!(png.starts_with(b"\x89PNG"), "a screenshot of {name}");
    std::fs::write(screenshots().join(format!("{name}.png")), png).unwrap();

    let axe = std::env::var("ENTRAIDE_TEST_AXE_JS")
        .expect("ENTRAIDE_TEST_AXE_JS is not set: run the tests with `bash tests/with-servers.sh cargo test`");
    // WebDriver runs scripts outside the page's Content-Security-Policy (which forbids all
    // script): the dashboard itself runs none.
    client.execute(&std::fs::read_to_string(axe).unwrap(), vec![]).await.unwrap();
    let found = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] })
               .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                                                          nodes: v.nodes.map(n => n.html).slice(0, 3) }))))
               .catch(e => done([{ id: 'axe-error', impact: 'critical', help: String(e) }]));",
            vec![],
        )
        .await
        .unwrap();
    let violations = found.as_array().unwrap_or_else(|| panic!("axe ran on {name}: {found}"));
    let serious: Vec<&Value> = violations
        .iter()
        .filter(|violation| matches!(violation["impact"].as_str(), Some("serious" | "critical")))
        .collect();
    assert!(serious.is_empty(), "accessibility of {name}: {serious:#?}");
}

/// Clicks what `css` finds, then waits for the page it leads to.
async fn click(client: &Client, css: &str) {
    let before = client.find(Locator::Css("html")).await.unwrap();
    client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}")).click().await.unwrap();
    // The page before is gone once its root element is (a new page has loaded).
    // (Up to 30 s: CI runs the other end-to-end tests meanwhile.)
    for _ in 0..600 {
        if before.tag_name().await.is_err() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("clicking {css} led to no new page");
}

/// Clicks a link that downloads a file (the page stays).
async fn download(client: &Client, css: &str) {
    client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}")).click().await.unwrap();
}

/// Types `text` in the field `css` finds.
async fn fill(client: &Client, css: &str, text: &str) {
    let field = client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"));
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

/// The first CSV file that appears in `dir` within thirty seconds (Chromium writes it under
/// another name until it is complete).
async fn downloaded(dir: &Path) -> String {
    for _ in 0..300 {
        let done = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .find(|path| path.extension().is_some_and(|ext| ext == "csv"));
        if let Some(path) = done {
            return std::fs::read_to_string(path).unwrap();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no CSV downloaded in {}", dir.display());
}

#[tokio::test]
async fn a_moderator_goes_through_the_dashboard_in_a_real_browser() {
    let db = support::sqlite();
    let (app, _clock, base) = served(&db.url, "navigateur").await;
    let (service, store) = (&app.service, app.store.as_ref());
    for name in ["bob", "carol", "dave"] {
        newcomer(service, name).await;
    }
    let community = service.community().id;
    let alice_id = store.members_named(community, "alice").await.unwrap()[0].id;
    five_hundred_below(store, community, alice_id).await;
    let post = number_after(&as_(service, "bob", "/besoin une perceuse, vite").await, "n°").unwrap();
    let report = as_(service, "carol", &format!("/signaler {post} annonce louche")).await;
    let report = number_after(&report, "signalement n°").unwrap();
    as_(service, "dave", "/signaler @bob <script>document.title='pwned'</script>").await;
    assert!(as_(service, "alice", "/avertir dave propos blessants").await.contains("avertissement"));
    let join = JoinEvent {
        account: AccountRef::new(Platform::Telegram, "300"),
        display_name: "zoe".into(),
        lang: None,
        evidence: JoinEvidence::Unknown,
        request: false,
    };
    let JoinOutcome::Held(held) = service.member_joined(join).await.unwrap() else { panic!("held") };
    as_(service, "yan", "/candidater").await;

    let downloads = tempfile::tempdir().unwrap();
    // This run's screenshots only.
    let _ = std::fs::remove_dir_all(screenshots());
    std::fs::create_dir_all(screenshots()).unwrap();
    let client = browser(downloads.path()).await;

    // The link from the console's private answer: a page that asks to confirm, then the overview.
    let link = link_in(&as_(service, "alice", "/tableau").await).unwrap();
    client.goto(&link).await.unwrap();
    assert!(body(&client).await.contains("Ouvrir le tableau de bord"));
    look_at(&client, "01-entree").await;
    click(&client, "form[action='/entree'] button").await;
    assert_eq!(client.current_url().await.unwrap().path(), "/");
    let overview = body(&client).await;
    assert!(overview.contains("Demandes ouvertes") && overview.contains("alice"), "{overview}");
    look_at(&client, "02-apercu").await;

    // The reports queue: markup in a reason is shown as text; one report is upheld by hiding
    // the post, from the queue's own form.
    click(&client, "nav a[href='/signalements']").await;
    let queue = body(&client).await;
    assert!(queue.contains("annonce louche") && queue.contains("une perceuse, vite"), "{queue}");
    assert!(queue.contains("<script>document.title='pwned'</script>"), "shown as text: {queue}");
    assert_ne!(client.title().await.unwrap(), "pwned");
    look_at(&client, "03-signalements").await;
    let form = format!("form[action='/signalements/{report}/resoudre']");
    client.find(Locator::Css(&format!("{form} select"))).await.unwrap().select_by_value("masquer").await.unwrap();
    fill(&client, &format!("{form} input[name='motif']"), "annonce trompeuse").await;
    click(&client, &format!("{form} button")).await;
    assert!(body(&client).await.contains(&format!("Signalement n°{report} traité")));
    assert_eq!(store.post(post).await.unwrap().unwrap().state, PostState::Hidden);
    look_at(&client, "04-signalement-traite").await;

    // A member found by name in a tree of 500: the path down to them, marked.
    click(&client, "nav a[href='/membres']").await;
    fill(&client, "#nom", "alice").await;
    click(&client, "form[action='/membres'] button").await;
    assert!(body(&client).await.contains("A fait entrer 503 personnes"));
    fill(&client, "#cherche", "membre123").await;
    click(&client, "form[action^='/membres/'] button").await;
    let marked = client.find(Locator::Css("mark a")).await.unwrap().text().await.unwrap();
    assert_eq!(marked, "membre123");
    look_at(&client, "05-arbre").await;

    // The audit log, filtered by action and words, then exported as CSV.
    click(&client, "nav a[href='/journal']").await;
    look_at(&client, "06-journal").await;
    fill(&client, "#mots", "blessants").await;
    click(&client, "form[action='/journal'] button").await;
    let filtered = body(&client).await;
    assert!(filtered.contains("propos blessants") && !filtered.contains("annonce trompeuse"), "{filtered}");
    look_at(&client, "07-journal-filtre").await;
    download(&client, "a[href^='/journal.csv']").await;
    let csv = downloaded(downloads.path()).await;
    assert_eq!(csv.lines().count(), 2, "the header and the one line filtered: {csv}");
    assert!(csv.contains("propos blessants") && csv.contains("dave"), "{csv}");

    // Arrivals: a held join let in from its row.
    click(&client, "nav a[href='/arrivees']").await;
    look_at(&client, "08-arrivees").await;
    click(&client, &format!("form[action='/arrivees/{held}/approuver'] button")).await;
    assert!(body(&client).await.contains("est accueilli·e comme membre"));

    // Settings: one changed from its own form.
    click(&client, "nav a[href='/reglages']").await;
    look_at(&client, "09-reglages").await;
    fill(&client, "#setting-asks_per_week", "4").await;
    click(&client, "form[action='/reglages/asks_per_week'] button").await;
    assert!(body(&client).await.contains("Réglage asks_per_week = 4"));
    assert_eq!(service.settings().asks_per_week, 4);

    // The deliveries page, and the overview on a phone's screen.
    click(&client, "nav a[href='/envois']").await;
    look_at(&client, "10-envois").await;
    client.set_window_size(390, 844).await.unwrap();
    let member = format!("/membres/{alice_id}");
    for path in ["/signalements", "/journal", "/arrivees", "/envois", "/reglages", &member, "/"] {
        client.goto(&format!("{base}{path}")).await.unwrap();
        let root = "const root = document.documentElement; return [root.scrollWidth, root.clientWidth];";
        let widths = client.execute(root, vec![]).await.unwrap();
        let (width, room) = (widths[0].as_i64().unwrap_or_default(), widths[1].as_i64().unwrap_or_default());
        if width > room {
            look_at(&client, "phone-too-wide").await;
        }
        let wide = "return [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
            .map(e => e.outerHTML.slice(0, 80));";
        let wide = if width > room { client.execute(wide, vec![]).await.unwrap() } else { Value::Null };
        assert!(width <= room, "no sideways scrolling of {path} on a phone: {width}px wide in {room}px: {wide}");
    }
    look_at(&client, "11-apercu-telephone").await;

    // The public invitation page, on a phone, as an invitee opens it from a text message.
    let code = crate::support::code_in(&as_(service, "alice", "/inviter").await).unwrap();
    client.goto(&format!("{base}/i/{code}")).await.unwrap();
    let invited = body(&client).await;
    assert!(invited.contains("alice t'invite à rejoindre") && invited.contains(&format!("/rejoindre {code}")));
    look_at(&client, "12-invitation").await;

    client.close().await.unwrap();
    eprintln!("screenshots in {}", screenshots().display());
}
