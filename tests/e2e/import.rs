//! Importing a Facebook-era network: 10,000 members in one transaction on SQLite and
//! PostgreSQL; one bad line imports nothing and is named; a dry run writes nothing.

use std::io::Write;
use std::path::Path;

use entraide_core::model::{AccountRef, Lang, Platform};
use entraide_core::ports::Store;

use crate::support;

/// A members file: ten founders, each other member sponsored by member i / 2 (deep chains),
/// written newest first so that sponsors come after the people they brought in.
fn write_members(path: &Path, count: usize, bad_line: Option<usize>) {
    let mut file = std::fs::File::create(path).unwrap();
    writeln!(file, "name,platform,user_id,city,sponsor,joined,role").unwrap();
    for (row, i) in (0..count).rev().enumerate() {
        let sponsor = if i < 10 { String::new() } else { format!("Membre {}", i / 2) };
        let role = if i < 10 { "admin" } else { "" };
        let joined = if Some(row + 2) == bad_line { "31/12/2020" } else { "2021-05-04" };
        writeln!(file, "Membre {i},telegram,tg{i},Lyon,{sponsor},{joined},{role}").unwrap();
    }
}

async fn member_count(store: &dyn Store, community: i64, count: usize) -> usize {
    let mut found = 0;
    for i in [0, count / 2, count - 1] {
        if store.account(community, &AccountRef::new(Platform::Telegram, format!("tg{i}"))).await.unwrap().is_some() {
            found += 1;
        }
    }
    found
}

async fn ten_thousand(url: &str) {
    let (app, _clock) = support::app(url, 72.0, Lang::Fr).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("members.csv");
    let community = app.service.community().id;

    // One bad line: nothing is imported, and the line and column are named.
    write_members(&path, 10_000, Some(5_000));
    let rows = entraide::import::read(&path).unwrap();
    let Err(entraide_core::import::ImportError::Rows(errors)) =
        entraide_core::import::import(&app.service, rows, false, &|_, _| {}).await
    else {
        panic!("a bad line");
    };
    assert_eq!(errors.iter().map(|e| (e.line, e.column)).collect::<Vec<_>>(), vec![(5_000, "joined")]);
    let error = format!("{:#}", entraide::import::run(&app, &path, false).await.expect_err("a bad line"));
    assert!(error.contains("Rien n'a été importé"), "{error}");
    assert_eq!(member_count(app.store.as_ref(), community, 10_000).await, 0);

    write_members(&path, 10_000, None);
    assert_eq!(entraide::import::run(&app, &path, true).await.unwrap(), 10_000);
    assert_eq!(member_count(app.store.as_ref(), community, 10_000).await, 0, "a dry run writes nothing");
    assert_eq!(entraide::import::run(&app, &path, false).await.unwrap(), 10_000);
    assert_eq!(member_count(app.store.as_ref(), community, 10_000).await, 3);
    let account = app.store.account(community, &AccountRef::new(Platform::Telegram, "tg9999")).await.unwrap().unwrap();
    let member = app.store.member(account.member_id).await.unwrap().unwrap();
    assert_eq!(member.place.as_deref(), Some("Lyon"));
    assert_eq!(member.joined_at, entraide_core::calendar::parse_date("2021-05-04").unwrap());
    let sponsor = app.store.member(member.sponsor_id.unwrap()).await.unwrap().unwrap();
    assert_eq!(sponsor.display_name, "Membre 4999");
    let grand = app.store.member(sponsor.sponsor_id.unwrap()).await.unwrap().unwrap();
    assert_eq!(grand.display_name, "Membre 2499", "deep chains, sponsors written after their invitees");
    // Everyone is counted once below the founder above them (`/fiche` reads those counts).
    let mut below = 0;
    for founder in 0..10 {
        let account = AccountRef::new(Platform::Telegram, format!("tg{founder}"));
        let founder = app.store.account(community, &account).await.unwrap().unwrap().member_id;
        for (_, under) in app.store.sponsored(founder).await.unwrap() {
            below += under + 1;
        }
    }
    assert_eq!(below, 9_990);
    // Importing again finds every account taken.
    let again = format!("{:#}", entraide::import::run(&app, &path, false).await.expect_err("duplicates"));
    assert!(again.contains("Rien n'a été importé"), "{again}");
}

#[tokio::test]
async fn ten_thousand_members_on_sqlite() {
    ten_thousand(&support::sqlite().url).await;
}

#[tokio::test]
async fn ten_thousand_members_on_postgres() {
    ten_thousand(&support::postgres().await.url).await;
}

#[tokio::test]
async fn every_bad_row_is_named_and_cycles_are_errors() {
    let db = support::sqlite();
    let (app, _clock) = support::app(&db.url, 72.0, Lang::En).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.csv");
    std::fs::write(
        &path,
        "name,platform,user_id,city,sponsor,joined,role\n\
         Ann,telegram,@ann,Paris,,2020-01-01,admin\n\
         Ben,myspace,ben,Paris,Ann,2020-01-01,\n\
         Cat,telegram,@cat,12 rue de la Paix,Nobody,2020-02-30,boss\n\
         Dan,telegram,@dan,Paris,Eve,,\n\
         Eve,telegram,@eve,Paris,Dan,,\n\
         Ann,telegram,@ann,Paris,,,\n",
    )
    .unwrap();
    let rows = entraide::import::read(&path).unwrap();
    let Err(entraide_core::import::ImportError::Rows(errors)) =
        entraide_core::import::import(&app.service, rows, false, &|_, _| {}).await
    else {
        panic!("the file has errors");
    };
    let found: Vec<(usize, &str)> = errors.iter().map(|e| (e.line, e.column)).collect();
    for expected in [
        (3, "platform"),
        (4, "city"),
        (4, "joined"),
        (4, "role"),
        (4, "sponsor"),
        (5, "sponsor"),
        (6, "sponsor"),
        (7, "name"),
        (7, "user_id"),
    ] {
        assert!(found.contains(&expected), "{expected:?} in {found:?}");
    }
    assert!(errors.iter().any(|e| e.message.contains("forms a loop")));
    // The binary says the same and exits with an error (on a database of its own: a SQLite
    // file serves one process, and this test holds the first).
    let other = support::sqlite();
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_entraide"))
        .arg("import")
        .arg(&path)
        .env("ENTRAIDE_DATABASE_URL", &other.url)
        .env("ENTRAIDE_COMMUNITY_LANGUAGE", "en")
        .output()
        .await
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("line 3, column platform: unknown platform \"myspace\""), "{stderr}");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../config/members.example.csv");
    let rows = entraide::import::read(&example).unwrap();
    assert_eq!(entraide_core::import::import(&app.service, rows, false, &|_, _| {}).await.ok(), Some(4));
}

/// An id with a character no PostgreSQL text takes (NUL) is reported on its line, as on
/// SQLite: ids are checked before any is looked up in the database.
#[tokio::test]
async fn a_nul_in_an_id_is_named_on_its_line_on_postgres() {
    use entraide_core::import::{ImportError, Row, import};
    let db = support::postgres().await;
    let (app, _clock) = support::app(&db.url, 72.0, Lang::En).await;
    let row = |line: usize, name: &str, user_id: &str| Row {
        line,
        name: name.into(),
        platform: "telegram".into(),
        user_id: user_id.into(),
        ..Row::default()
    };
    // The founder's console account is already linked here: refused on its line too.
    let founders =
        Row { line: 4, name: "Alf".into(), platform: "console".into(), user_id: "alice".into(), ..Row::default() };
    let rows = vec![row(2, "Ann", "@ann"), row(3, "Ben", "@b\0en"), founders];
    let Err(ImportError::Rows(errors)) = import(&app.service, rows, false, &|_, _| {}).await else {
        panic!("the file has an error");
    };
    assert_eq!(errors.iter().map(|e| (e.line, e.column)).collect::<Vec<_>>(), vec![(3, "user_id"), (4, "user_id")]);
}
