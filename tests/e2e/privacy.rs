//! Members' rights, end to end: a JSON export of everything stored about a member (never who
//! reported them), erasure after a confirmation (no copy left in the SQLite files), one
//! community's data invisible from another on the same database, and logs that carry no
//! message text, name or token.

use entraide_console::Console;
use entraide_core::model::{AccountRef, Lang, MemberStatus, OutgoingBody, Platform};
use entraide_core::service::Service;

use crate::moderation::community;
use crate::support::{self, code_in, number_after};
use crate::support::{as_, pending, say};

/// The member's data export waiting in the outbox.
async fn export_for(service: &Service, store: &dyn entraide_core::ports::Store, user: &str) -> serde_json::Value {
    let reply = as_(service, user, "/mes-donnees").await;
    assert!(reply.contains("fichier JSON"), "{reply}");
    let bodies = pending(store, &AccountRef::new(Platform::Console, user)).await;
    let content = bodies
        .iter()
        .find_map(|b| match b {
            OutgoingBody::Document { name, content, .. } if name == "mes-donnees.json" => Some(content.clone()),
            _ => None,
        })
        .expect("a JSON document");
    serde_json::from_str(&content).unwrap()
}

async fn export_and_erase(url: &str) {
    let (app, _clock) = community(url, &["bob", "carol"]).await;
    let (service, store) = (&app.service, app.store.as_ref());
    as_(service, "bob", "/lieu Croix-Rousse").await;
    let post = number_after(&as_(service, "bob", "/besoin un vélo cargo pour Zéphyrine").await, "n°").unwrap();
    let link = as_(service, "bob", "/lier").await;
    let link_code = crate::support::link_code_in(&link).unwrap();
    say(service, Platform::Telegram, "4242", &format!("/lier {link_code}")).await;
    as_(service, "carol", "/signaler @bob il ne rend jamais rien").await;

    let data = export_for(service, store, "bob").await;
    assert_eq!(data["member"]["display_name"], "bob");
    assert_eq!(data["member"]["place"], "Croix-Rousse");
    assert_eq!(data["accounts"].as_array().unwrap().len(), 2);
    assert_eq!(data["posts"][0]["text"], "un vélo cargo pour Zéphyrine");
    let received = &data["reports_received"][0];
    assert_eq!(received["state"], "open");
    let text = data.to_string();
    assert!(!text.contains("carol") && !text.contains("ne rend jamais"), "who reported stays hidden: {text}");

    let ask = as_(service, "bob", "/supprimer-compte").await;
    assert!(ask.contains("/supprimer-compte confirmer"), "{ask}");
    assert!(store.account(service.community().id, &AccountRef::new(Platform::Console, "bob")).await.unwrap().is_some());
    let done = as_(service, "bob", "/supprimer-compte confirmer").await;
    assert!(done.contains("tes données personnelles sont effacées"), "{done}");
    let bob = store.post(post).await.unwrap().unwrap().author_id;
    let erased = store.member(bob).await.unwrap().unwrap();
    assert_eq!(erased.display_name, format!("membre-{bob}"));
    assert_eq!((erased.place, erased.status), (None, MemberStatus::Erased));
    assert!(store.accounts_of(bob).await.unwrap().is_empty(), "accounts unlinked");
    assert_eq!(store.post(post).await.unwrap().unwrap().text, "", "texts erased");
    assert!(pending(store, &AccountRef::new(Platform::Console, "bob")).await.is_empty());
    assert!(as_(service, "bob", "/besoin x").await.contains("pas encore membre"));
    let record = as_(service, "alice", &format!("/fiche #{bob}")).await;
    assert!(record.contains(&format!("membre-{bob}")) && !record.contains("bob ("), "{record}");
    let journal = as_(service, "alice", "/journal").await;
    assert!(journal.contains("données effacées") && !journal.contains("bob ("), "{journal}");
}

#[tokio::test]
async fn export_and_erase_on_sqlite() {
    export_and_erase(&support::sqlite().url).await;
}

#[tokio::test]
async fn export_and_erase_on_postgres() {
    export_and_erase(&support::postgres().await.url).await;
}

/// What a console line printed, as one text.
async fn line(console: &mut Console, text: &str) -> String {
    console.execute(text).await.0.join("\n")
}

/// Which of `words` (lowercase) a SQLite database's file or its write-ahead log still holds,
/// in any case: what `strings entraide.db` would find.
fn left_on_disk<'a>(url: &str, words: &[&'a str]) -> Vec<&'a str> {
    let path = url.strip_prefix("sqlite:").expect("a SQLite URL");
    let mut bytes = std::fs::read(path).expect("the database file");
    if let Ok(log) = std::fs::read(format!("{path}-wal")) {
        bytes.extend(log);
    }
    let bytes = bytes.to_ascii_lowercase();
    words.iter().copied().filter(|word| bytes.windows(word.len()).any(|window| window == word.as_bytes())).collect()
}

/// While the bot runs on a SQLite file: once a relayed message is delivered, and once a
/// member erased their data, neither the file nor its write-ahead log holds a copy (the log
/// keeps every version of a page until it is folded into the file and emptied).
#[tokio::test]
async fn nothing_erased_stays_in_the_sqlite_files() {
    let db = support::sqlite();
    let (app, _clock) = support::app(&db.url, 72.0, Lang::Fr).await;
    let mut console = app.console(Some("alice"));
    let code = code_in(&line(&mut console, "/inviter pour ma voisine Hippocampe").await).unwrap();
    line(&mut console, "/offre Cours d'anglais en visio").await;
    line(&mut console, "/as quetzalia").await;
    let joined = line(&mut console, &format!("/rejoindre {code}")).await;
    assert!(joined.contains("Bienvenue"), "{joined}");
    line(&mut console, "/lieu Tataouine").await;
    line(&mut console, "/offre je prête ma ponceuse Kinkajou").await;
    let asked = line(&mut console, "/besoin des cours d'anglais pour mon voyage Ornithorynque").await;
    let proposal = number_after(&asked, "/accepter ").unwrap_or_else(|| panic!("alice is asked: {asked}"));
    line(&mut console, "/as alice").await;
    line(&mut console, &format!("/accepter {proposal}")).await;
    line(&mut console, "/as quetzalia").await;
    let confirmed = line(&mut console, &format!("/accepter {proposal}")).await;
    assert!(confirmed.contains("Mise en relation"), "{confirmed}");

    let relayed = line(&mut console, &format!("/repondre {proposal} Rendez-vous au Capybara samedi")).await;
    assert!(relayed.contains("📩 alice") && relayed.contains("Capybara"), "delivered: {relayed}");
    assert_eq!(left_on_disk(&db.url, &["capybara"]), Vec::<&str>::new(), "the relayed text, once delivered");

    let done = line(&mut console, "/supprimer-compte confirmer").await;
    assert!(done.contains("tes données personnelles sont effacées"), "{done}");
    let words = ["quetzalia", "tataouine", "hippocampe", "kinkajou", "ornithorynque", "capybara"];
    assert_eq!(left_on_disk(&db.url, &words), Vec::<&str>::new(), "name, place, note, posts and relayed text");
    // Still so once the bot stops.
    app.store.close().await;
    assert_eq!(left_on_disk(&db.url, &words), Vec::<&str>::new());
}

/// Data rights do not depend on standing: a banned member reads and erases their data, and
/// erasure is no way back in (their account is recognised by a salted digest alone).
async fn banned_then_erased(url: &str) {
    let (app, _clock) = community(url, &["bob"]).await;
    let (service, store) = (&app.service, app.store.as_ref());
    let link = as_(service, "bob", "/lier").await;
    let link_code = crate::support::link_code_in(&link).unwrap();
    say(service, Platform::Telegram, "4242", &format!("/lier {link_code}")).await;
    assert!(as_(service, "alice", "/bannir bob insultes").await.contains("banni·e"));
    let data = export_for(service, store, "bob").await;
    assert_eq!(data["member"]["status"], "banned");
    let done = say(service, Platform::Telegram, "4242", "/supprimer-compte confirmer").await;
    assert!(done.contains("tes données personnelles sont effacées"), "{done}");
    let telegram = AccountRef::new(Platform::Telegram, "4242");
    assert!(pending(store, &telegram).await.contains(&OutgoingBody::Ban), "the ban still reaches Telegram");
    let barred = store.barred_accounts(service.community().id).await.unwrap();
    assert_eq!(barred.len(), 2, "one digest per account");
    assert!(store.account(service.community().id, &telegram).await.unwrap().is_none(), "no account left");
    let code = code_in(&as_(service, "alice", "/inviter").await).unwrap();
    for (platform, user) in [(Platform::Telegram, "4242"), (Platform::Console, "bob")] {
        let again = say(service, platform, user, &format!("/rejoindre {code}")).await;
        assert!(again.contains("banni·e"), "{again}");
    }
    assert!(as_(service, "newcomer", &format!("/rejoindre {code}")).await.contains("Bienvenue"));
}

#[tokio::test]
async fn banned_then_erased_on_sqlite() {
    banned_then_erased(&support::sqlite().url).await;
}

#[tokio::test]
async fn banned_then_erased_on_postgres() {
    banned_then_erased(&support::postgres().await.url).await;
}

/// Two communities share a PostgreSQL database: neither sees the other's members, posts,
/// codes, reports, log or statistics.
#[tokio::test]
async fn one_community_never_sees_another() {
    let db = support::postgres().await;
    let (first, _) = community(&db.url, &["bob"]).await;
    let post = number_after(&as_(&first.service, "bob", "/besoin une tondeuse").await, "n°").unwrap();
    let code = code_in(&as_(&first.service, "alice", "/inviter").await).unwrap();
    let bob = first.store.post(post).await.unwrap().unwrap().author_id;

    let mut config = support::config(&db.url, 72.0);
    config.community.slug = "autre".into();
    config.community.name = "Autre réseau".into();
    config.community.founders[0].account = "console:zed".into();
    config.community.founders[0].name = "zed".into();
    let (second, _) = support::app_with(config).await;
    let other = &second.service;
    assert!(as_(other, "zed", &format!("/fiche #{bob}")).await.contains("Je ne trouve aucun membre"));
    assert!(as_(other, "zed", "/fiche alice").await.contains("Je ne trouve aucun membre"));
    assert!(as_(other, "zed", &format!("/signaler {post} x")).await.contains("Je ne trouve pas de publication"));
    assert!(as_(other, "zed", &format!("/masquer {post} x")).await.contains("Je ne trouve pas de publication"));
    assert!(as_(other, "visitor", &format!("/rejoindre {code}")).await.contains("n'existe pas"));
    assert!(as_(other, "bob", "/besoin x").await.contains("pas encore membre"), "accounts are per community");
    let journal = as_(other, "zed", "/journal").await;
    assert!(!journal.contains("alice") && !journal.contains("bob"), "{journal}");
    let stats = as_(other, "zed", "/stats").await;
    assert!(stats.contains("demandes : 0") && stats.contains("Membres actifs : 1"), "{stats}");
    assert!(as_(&first.service, "alice", "/stats").await.contains("demandes : 1"));
}
