//! Importing a Facebook-era network: the rows of the spreadsheet such groups keep (name,
//! platform account, city, sponsor, join date, role), validated all together before anything
//! is written, then written in one transaction. Reading the file is the caller's business
//! (the `entraide import` command reads CSV); this module owns the rules.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use crate::catalog;
use crate::identity::{self, NameError};
use crate::matching::fold;
use crate::model::{AccountRef, AuditAction, AuditEntry, Lang, Member, Platform, Role, Timestamp};
use crate::place::{self, PlaceError};
use crate::ports::{Change, IdKind, StoreError};
use crate::service::Service;

/// One spreadsheet row, as read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    /// Line in the file (the header is line 1).
    pub line: usize,
    /// Display name (unique in the file).
    pub name: String,
    /// `telegram`, `matrix`, `discord` or `console`.
    pub platform: String,
    /// The platform's user id or handle.
    pub user_id: String,
    /// City or neighbourhood (optional).
    pub city: String,
    /// The sponsor's name, in the file or already a member (empty for founders).
    pub sponsor: String,
    /// `YYYY-MM-DD` (optional: today).
    pub joined: String,
    /// `member`, `moderator` or `admin` (optional: member).
    pub role: String,
}

/// A problem with one cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// Line in the file.
    pub line: usize,
    /// Column name.
    pub column: &'static str,
    /// What is wrong, in the community's language.
    pub message: String,
}

/// Why an import wrote nothing.
#[derive(Debug)]
pub enum ImportError {
    /// Some rows are wrong: every problem found, by line and column.
    Rows(Vec<RowError>),
    /// The database failed; nothing was written.
    Store(StoreError),
}

impl From<StoreError> for ImportError {
    fn from(error: StoreError) -> Self {
        ImportError::Store(error)
    }
}

/// What an import is doing, for its progress bar: each stage goes through every line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading which of the file's accounts are already linked here.
    Linked,
    /// Checking each line.
    Checking,
    /// Writing the members (sponsors first).
    Members,
    /// Writing their accounts.
    Accounts,
}

impl Stage {
    /// The stage's name in the catalog.
    pub fn catalog_id(self) -> &'static str {
        match self {
            Stage::Linked => "import-stage-linked",
            Stage::Checking => "import-stage-checking",
            Stage::Members => "import-stage-members",
            Stage::Accounts => "import-stage-accounts",
        }
    }
}

/// What a row says once read, when its platform, role and date are all right.
struct Parsed {
    platform: Platform,
    role: Role,
    joined: Timestamp,
    city: Option<String>,
}

/// Longest value quoted back in an error message, in characters.
const QUOTED_CHARS: usize = 40;

/// Rows whose changes go to the store at once (see [`Storage::apply_in_slices`]).
///
/// [`Storage::apply_in_slices`]: crate::ports::Storage::apply_in_slices
const SLICE_ROWS: usize = 5_000;

/// Validates every row; with `dry_run` stops there, else writes them all in one transaction.
/// Returns how many members were (or would be) imported. `progress` is told of the stage and
/// of how many lines it has done.
///
/// A national file (350,000 lines) is held once: each row keeps only the cells writing needs
/// once read, and its changes are made and written a slice at a time.
pub async fn import(
    service: &Service,
    mut rows: Vec<Row>,
    dry_run: bool,
    progress: &(dyn Fn(Stage, usize) + Sync),
) -> Result<usize, ImportError> {
    let lang = service.default_lang();
    let store = service.store();
    let community = service.community().id;
    let now = service.now();
    let say = |id: &str, value: &str| catalog::text(lang, id, &[("value", quoted(value).into())]);
    let mut errors = Vec::new();
    // Each name in the file, folded, to the first row that has it. A row without a name
    // (reported as such) is nobody's sponsor: an empty sponsor cell must not lead to it.
    let mut first_row: HashMap<String, usize> = HashMap::with_capacity(rows.len());
    let mut accounts: HashSet<AccountRef> = HashSet::with_capacity(rows.len());
    // Accounts already linked here, read thousands of rows at a time: one read a row was
    // 350,000 round trips to PostgreSQL.
    let mut linked: HashSet<AccountRef> = HashSet::new();
    for (done, chunk) in rows.chunks(5_000).enumerate() {
        progress(Stage::Linked, done * 5_000);
        let asked: Vec<AccountRef> = chunk
            .iter()
            .filter_map(|row| {
                // Only well-formed ids reach the database (a NUL would fail the whole read
                // on PostgreSQL); the others are reported below.
                let platform = Platform::parse(&row.platform.trim().to_lowercase())?;
                let user_id = row.user_id.trim();
                identity::check_user_id(platform, user_id).ok()?;
                Some(AccountRef::new(platform, user_id))
            })
            .collect();
        linked.extend(store.linked_among(community, &asked).await?);
    }
    let mut parsed: Vec<Option<Parsed>> = Vec::with_capacity(rows.len());
    for (index, row) in rows.iter_mut().enumerate() {
        progress(Stage::Checking, index);
        let line = row.line;
        let mut fail = |column, message: String| errors.push(RowError { line, column, message });
        let name = row.name.trim();
        let repeated = !name.is_empty()
            && match first_row.entry(fold(name)) {
                Entry::Occupied(_) => true,
                Entry::Vacant(first) => {
                    first.insert(index);
                    false
                }
            };
        match identity::check_name(&row.name) {
            Err(error) => fail("name", explain(lang, &error, &row.name)),
            Ok(_) if repeated => fail("name", say("import-duplicate-name", &row.name)),
            Ok(_) => {}
        }
        let platform = Platform::parse(&row.platform.trim().to_lowercase());
        if platform.is_none() {
            fail("platform", say("import-bad-platform", &row.platform));
        }
        let user_id = row.user_id.trim();
        match platform.map(|platform| (platform, identity::check_user_id(platform, user_id))) {
            _ if user_id.is_empty() => fail("user_id", say("import-empty", "")),
            None => {}
            Some((platform, Err(error))) => fail("user_id", explain_user_id(lang, platform, &error, user_id)),
            Some((platform, Ok(()))) => {
                let account = AccountRef::new(platform, user_id);
                if linked.contains(&account) || !accounts.insert(account) {
                    fail("user_id", say("import-duplicate-account", &row.user_id));
                }
            }
        }
        let role = match row.role.trim().to_lowercase().as_str() {
            "" => Some(Role::Member),
            other => Role::parse(other),
        };
        if role.is_none() {
            fail("role", say("import-bad-role", &row.role));
        }
        let joined = match row.joined.trim() {
            "" => Some(now),
            date => match crate::calendar::parse_date(date) {
                None => {
                    fail("joined", say("import-bad-date", &row.joined));
                    None
                }
                // Well written, but no one joined in the future or before 1900.
                Some(at) if !(EARLIEST_JOIN..=now).contains(&at) => {
                    fail("joined", say("import-implausible-date", &row.joined));
                    None
                }
                Some(at) => Some(at),
            },
        };
        let city = row.city.trim();
        let city = match (city.is_empty(), identity::find_invisible(city)) {
            (true, _) => Ok(None),
            // Refused rather than dropped: the file says something else than it shows.
            (false, Some(c)) => Err(explain(lang, &NameError::Invisible(c), city)),
            (false, None) => place::check(city).map(Some).map_err(|why| match why {
                PlaceError::TooLong => {
                    catalog::text(lang, "import-too-long", &[("max", (place::MAX_PLACE_CHARS as i64).into())])
                }
                why => catalog::text(
                    lang,
                    "import-place",
                    &[("value", quoted(city).into()), ("why", catalog::text(lang, why.catalog_id(), &[]).into())],
                ),
            }),
        };
        let city = city.unwrap_or_else(|message| {
            fail("city", message);
            None
        });
        let sponsor = row.sponsor.trim();
        if !sponsor.is_empty()
            && let Err(error) = identity::check_name(sponsor)
        {
            fail("sponsor", explain(lang, &error, sponsor));
        }
        parsed.push(match (platform, role, joined) {
            (Some(platform), Some(role), Some(joined)) => Some(Parsed { platform, role, joined, city }),
            _ => None,
        });
        // Read: the cells writing does not need go now.
        for cell in [&mut row.platform, &mut row.city, &mut row.joined, &mut row.role] {
            *cell = String::new();
        }
    }
    drop((accounts, linked));
    // Sponsors: in the file or already members; no cycles.
    let mut members: HashMap<String, i64> = HashMap::new();
    for row in &rows {
        let sponsor = row.sponsor.trim();
        let key = fold(sponsor);
        if sponsor.is_empty()
            || first_row.contains_key(&key)
            || members.contains_key(&key)
            || identity::check_name(sponsor).is_err()
        {
            continue;
        }
        match store.members_named(community, &key).await?.as_slice() {
            [member] => {
                members.insert(key, member.id);
            }
            _ => errors.push(RowError {
                line: row.line,
                column: "sponsor",
                message: say("import-unknown-sponsor", sponsor),
            }),
        }
    }
    // Each row's sponsor among the rows, when it is one of them.
    let parent: Vec<Option<usize>> = rows
        .iter()
        .map(|row| Some(row.sponsor.trim()).filter(|s| !s.is_empty()).and_then(|s| first_row.get(&fold(s)).copied()))
        .collect();
    drop(first_row);
    for (index, row) in rows.iter().enumerate() {
        let mut seen = HashSet::from([index]);
        let mut next = parent[index];
        while let Some(sponsor) = next {
            if !seen.insert(sponsor) {
                errors.push(RowError { line: row.line, column: "sponsor", message: say("import-cycle", &row.sponsor) });
                break;
            }
            next = parent[sponsor];
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Err(ImportError::Rows(errors));
    }
    if dry_run || rows.is_empty() {
        return Ok(rows.len());
    }
    let count = rows.len();
    let first = store.allocate_ids(IdKind::Member, u32::try_from(count).unwrap_or(u32::MAX)).await?;
    let id = |index: usize| first + index as i64;
    // Sponsors first, so that every row's sponsor exists when it is written.
    let mut order: Vec<usize> = Vec::with_capacity(count);
    let mut placed = vec![false; count];
    for start in 0..count {
        let mut path = Vec::new();
        let mut at = Some(start);
        while let Some(index) = at.filter(|i| !placed[*i]) {
            path.push(index);
            at = parent[index];
        }
        for index in path.into_iter().rev() {
            if !placed[index] {
                placed[index] = true;
                order.push(index);
            }
        }
    }
    drop(placed);
    // Every row was read, since none has an error: `?` skips nothing.
    let member = |&index: &usize| {
        let (row, read) = (&rows[index], parsed[index].as_ref()?);
        let sponsor = parent[index].map(id).or_else(|| members.get(&fold(row.sponsor.trim())).copied());
        Some(Change::InsertMember(Member {
            place: read.city.clone(),
            role: read.role,
            joined_at: read.joined,
            // Seen at the import, not at their (old) join date: nobody is inactive on day one.
            ..Member::newcomer(id(index), community, row.name.trim().to_owned(), lang, sponsor, now)
        }))
    };
    let account = |&index: &usize| {
        let (row, read) = (&rows[index], parsed[index].as_ref()?);
        Some(Change::LinkAccount(crate::model::Account {
            account: AccountRef::new(read.platform, row.user_id.trim()),
            member_id: id(index),
            community_id: community,
            display_name: row.name.trim().to_owned(),
            linked_at: now,
        }))
    };
    let audit = Change::Audit(AuditEntry {
        community_id: community,
        actor_id: None,
        action: AuditAction::Import,
        target_id: None,
        reason: format!("{count} members"),
        at: now,
        platform: None,
        from_web: false,
    });
    // Members, then their accounts: the store writes each run many rows a statement.
    let mut slices = order
        .chunks(SLICE_ROWS)
        .enumerate()
        .map(|(done, part)| {
            progress(Stage::Members, done * SLICE_ROWS);
            part.iter().filter_map(&member).collect()
        })
        .chain(order.chunks(SLICE_ROWS).enumerate().map(|(done, part)| {
            progress(Stage::Accounts, done * SLICE_ROWS);
            part.iter().filter_map(&account).collect()
        }))
        .chain(std::iter::once(vec![audit]));
    store.apply_in_slices(&mut slices).await?;
    Ok(count)
}

/// A cell's value as quoted in a message: its first characters, invisible ones shown by code.
fn quoted(value: &str) -> String {
    let mut out = String::new();
    for c in value.trim().chars().take(QUOTED_CHARS) {
        if identity::is_invisible(c) {
            out.push_str(&format!("<{}>", identity::code_point(c)));
        } else {
            out.push(c);
        }
    }
    if value.trim().chars().count() > QUOTED_CHARS {
        out.push('…');
    }
    out
}

/// Why a name, a sponsor's name or an account id is refused, in the community's language.
pub fn explain(lang: Lang, error: &NameError, value: &str) -> String {
    let t = |id: &str, args: &[catalog::Arg<'_>]| catalog::text(lang, id, args);
    match error {
        NameError::Empty => t("import-empty", &[]),
        NameError::TooLong { max } => t("import-too-long", &[("max", (*max as i64).into())]),
        NameError::Invisible(c) => t("import-invisible", &[("char", identity::code_point(*c).into())]),
        NameError::Contact(why) => {
            t("import-contact", &[("value", quoted(value).into()), ("why", t(why.catalog_id(), &[]).into())])
        }
        NameError::BadId(platform) => t(
            "import-bad-user-id",
            &[
                ("value", quoted(value).into()),
                ("platform", platform.as_str().into()),
                ("expected", t(&format!("user-id-{platform}"), &[]).into()),
            ],
        ),
    }
}

/// Why an account id is refused: an e-mail is told as what the platform's ids look like.
pub fn explain_user_id(lang: Lang, platform: Platform, error: &NameError, value: &str) -> String {
    match error {
        NameError::Contact(_) => explain(lang, &NameError::BadId(platform), value),
        other => explain(lang, other, value),
    }
}

/// 1900-01-01: no one joined a network earlier.
const EARLIEST_JOIN: Timestamp = -2_208_988_800;

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::memory::MemoryStore;
    use crate::ports::store_prelude::*;
    use crate::ports::{CountingRandomness, ManualClock};
    use crate::service::{Founder, Settings};

    /// A service in French on a memory store, with console account "alice" as founder.
    async fn service() -> (Service, Arc<MemoryStore>) {
        let store = Arc::new(MemoryStore::new());
        let founder = Founder { account: AccountRef::new(Platform::Console, "alice"), name: "alice".into() };
        let settings = Settings { founders: vec![founder], ..Settings::default() };
        let clock = Arc::new(ManualClock::at(0));
        let service = Service::start(store.clone(), clock, Arc::new(CountingRandomness::default()), settings)
            .await
            .expect("start");
        (service, store)
    }

    fn row(line: usize, name: &str, platform: &str, user_id: &str, city: &str) -> Row {
        let (name, platform, user_id, city) = (name.into(), platform.into(), user_id.into(), city.into());
        Row { line, name, platform, user_id, city, ..Row::default() }
    }

    /// The errors of an import that must fail, as (line, column, message).
    async fn refused(service: &Service, rows: Vec<Row>) -> Vec<(usize, &'static str, String)> {
        match import(service, rows, false, &|_, _| {}).await {
            Err(ImportError::Rows(errors)) => errors.into_iter().map(|e| (e.line, e.column, e.message)).collect(),
            other => panic!("refused rows expected: {other:?}"),
        }
    }

    #[tokio::test]
    async fn e_mails_huge_cells_hidden_characters_and_addresses_are_refused() {
        let (service, store) = service().await;
        let huge_city = "Lyon".repeat(25_000);
        let rows = vec![
            row(2, "Bob", "telegram", "bob@example.org", "Lyon"),
            row(3, "Carla", "telegram", "@carla_lyon", &huge_city),
            row(4, "al\u{200B}ice", "telegram", "@alice_lyon", "Lyon"),
            row(5, "Dan", "discord", "dan#4242", "Lyon"),
            row(6, "Eve", "matrix", "eve@example.org", "Lyon"),
            row(7, "Fanny", "telegram", "@fanny", "7 ter, route de Lyon"),
            row(8, "Gus", "telegram", "@gus", "Résidence les Tilleuls, bât. C"),
            row(9, "Hana", "telegram", "@hana", "06 12 34 56 78"),
            row(10, "Ines", "telegram", "@ines", "Croix\u{202E}-Rousse"),
            row(11, "Jo 06 12 34 56 78", "telegram", "@jo", "Lyon"),
            row(12, &"K".repeat(100_000), "telegram", "@k", "Lyon"),
            row(13, "Léo", "telegram", &"1".repeat(100_000), "Lyon"),
            Row { sponsor: "B\u{200B}ob".into(), ..row(14, "Mia", "telegram", "@mia", "Lyon") },
        ];
        let errors = refused(&service, rows).await;
        let at = |line: usize, column: &str| -> String {
            let found = errors.iter().find(|(l, c, _)| *l == line && *c == column);
            found.map(|(_, _, message)| message.clone()).unwrap_or_else(|| panic!("{line} {column}: {errors:?}"))
        };
        let email = at(2, "user_id");
        assert!(email.contains("n'est pas un identifiant telegram") && email.contains("jamais d'e-mail"), "{email}");
        assert_eq!(at(3, "city"), "trop long (60 caractères au plus)");
        assert!(at(4, "name").contains("U+200B"), "{}", at(4, "name"));
        assert!(at(5, "user_id").contains("identifiant discord"), "{}", at(5, "user_id"));
        assert!(at(6, "user_id").contains("@nom:serveur.org"), "{}", at(6, "user_id"));
        assert!(at(7, "city").contains("ressemble à une adresse"), "{}", at(7, "city"));
        assert!(at(8, "city").contains("logement"), "{}", at(8, "city"));
        assert!(at(9, "city").contains("numéro de téléphone"), "{}", at(9, "city"));
        assert!(at(10, "city").contains("U+202E"), "{}", at(10, "city"));
        assert!(at(11, "name").contains("numéro de téléphone"), "{}", at(11, "name"));
        assert_eq!(at(12, "name"), "trop long (64 caractères au plus)");
        assert_eq!(at(13, "user_id"), "trop long (255 caractères au plus)");
        assert!(at(14, "sponsor").contains("U+200B"), "{}", at(14, "sponsor"));
        assert!(errors.iter().all(|(_, _, message)| message.chars().count() < 300), "{errors:?}");
        let alice = AccountRef::new(Platform::Telegram, "@alice_lyon");
        let alice = store.account(service.community().id, &alice).await.expect("store");
        assert!(alice.is_none(), "nothing is imported");
    }

    #[tokio::test]
    async fn cities_with_postcodes_and_every_platform_s_ids_are_imported() {
        let (service, store) = service().await;
        let rows = vec![
            row(2, "Martine", "telegram", "@martine_lyon", "Paris 75011"),
            row(3, "Karim", "telegram", "123456789", "Lyon 7e arrondissement"),
            row(4, "Sophie", "matrix", "@sophie:matrix.org", "Croix-Rousse"),
            row(5, "Jean-Pierre", "discord", "412345678901234567", "Place des Terreaux"),
            row(6, "Zoé", "console", "zoe", "  Saint-Étienne "),
            row(7, "Yann", "telegram", "@yann", ""),
        ];
        let told = std::sync::Mutex::new(Vec::new());
        let progress = |stage: Stage, done: usize| told.lock().expect("not poisoned").push((stage, done));
        assert_eq!(import(&service, rows, false, &progress).await.ok(), Some(6));
        let told = told.into_inner().expect("not poisoned");
        let checked: Vec<(Stage, usize)> = (0..6).map(|line| (Stage::Checking, line)).collect();
        let expected = [&[(Stage::Linked, 0)], &checked[..], &[(Stage::Members, 0), (Stage::Accounts, 0)]].concat();
        assert_eq!(told, expected, "every stage is told, in order, line by line");
        let community = service.community().id;
        let account = AccountRef::new(Platform::Telegram, "@martine_lyon");
        let id = store.account(community, &account).await.expect("store").expect("martine").member_id;
        let martine = store.member(id).await.expect("store").expect("martine");
        assert_eq!(martine.place.as_deref(), Some("Paris 75011"));
        let account = AccountRef::new(Platform::Console, "zoe");
        let id = store.account(community, &account).await.expect("store").expect("zoe").member_id;
        assert_eq!(store.member(id).await.expect("store").expect("zoe").place.as_deref(), Some("Saint-Étienne"));
    }

    fn dated(line: usize, name: &str, user_id: &str, sponsor: &str, joined: &str) -> Row {
        Row {
            line,
            name: name.into(),
            platform: "telegram".into(),
            user_id: user_id.into(),
            sponsor: sponsor.into(),
            joined: joined.into(),
            ..Row::default()
        }
    }

    /// The problems an import finds, as (line, column, message).
    async fn problems(rows: Vec<Row>) -> Vec<(usize, &'static str, String)> {
        let store = std::sync::Arc::new(crate::memory::MemoryStore::new());
        let clock = std::sync::Arc::new(crate::ports::ManualClock::at(1_795_510_800));
        let randomness = std::sync::Arc::new(crate::ports::CountingRandomness::default());
        let service =
            Service::start(store, clock, randomness, crate::settings::Settings::default()).await.expect("start");
        match import(&service, rows, true, &|_, _| {}).await {
            Err(ImportError::Rows(errors)) => errors.into_iter().map(|e| (e.line, e.column, e.message)).collect(),
            other => panic!("problems expected: {other:?}"),
        }
    }

    #[tokio::test]
    async fn a_date_in_the_future_is_implausible_not_malformed() {
        let found = problems(vec![
            dated(2, "Zoé", "1", "", "2999-01-01"),
            dated(3, "Yann", "2", "Zoé", "1850-06-01"),
            dated(4, "Xavier", "3", "Zoé", "01/02/2020"),
        ])
        .await;
        assert_eq!(found.len(), 3, "{found:?}");
        for (line, column, message) in &found[..2] {
            assert!(*column == "joined" && message.contains("pas une date d'arrivée plausible"), "{line}: {message}");
        }
        assert!(found[2].2.contains("date invalide"), "{found:?}");
    }

    #[tokio::test]
    async fn an_empty_name_is_reported_alone() {
        let found =
            problems(vec![dated(2, "Zoé", "1", "", ""), dated(3, "", "2", "", ""), dated(4, "Yann", "3", "Zoé", "")])
                .await;
        assert_eq!(found, vec![(3, "name", "ce champ est obligatoire".to_owned())]);
    }
}
