//! Console transcripts on the wired service and a real database, in French and English:
//! invite → join → offer → request → helper asked privately → accepts → requester confirms
//! → both get the contact → loop closed with thanks; a request nothing fits; a ban; bad input.

use std::sync::Arc;

use entraide_console::Console;
use entraide_core::model::Lang;
use entraide_core::ports::ManualClock;
use proptest::prelude::*;

use crate::support::{self, code_in, number_after};

/// A console session that returns what each line printed, as one text.
struct Session {
    console: Console,
    clock: Arc<ManualClock>,
    _app: entraide::App,
}

impl Session {
    async fn new(url: &str, lang: Lang) -> Self {
        let (app, clock) = support::app(url, 0.0, lang).await;
        let console = app.console(Some("alice"));
        Self { console, clock, _app: app }
    }

    async fn say(&mut self, line: &str) -> String {
        let (lines, _) = self.console.execute(line).await;
        lines.join("\n")
    }

    async fn as_(&mut self, name: &str, line: &str) -> String {
        self.say(&format!("/as {name}")).await;
        self.say(line).await
    }
}

/// The whole help loop in French; returns nothing, asserts along the way.
async fn french_story(url: &str) {
    let mut s = Session::new(url, Lang::Fr).await;

    // A founder sponsors bob; the code is single-use.
    assert!(s.say("/lieu Lyon").await.contains("Lieu enregistré : Lyon"));
    let invited = s.say("/inviter").await;
    let code = code_in(&invited).expect("a code in the reply");
    assert!(invited.contains("expire dans 7 jours"), "{invited}");
    let joined = s.as_("bob", &format!("/rejoindre {}", code.to_lowercase())).await;
    assert!(
        joined.contains("Bienvenue dans Réseau d'entraide, bob") && joined.contains("parrainé·e par alice"),
        "{joined}"
    );
    assert!(
        joined.contains("📩 alice : bob a rejoint la communauté grâce à ton invitation"),
        "the sponsor is told: {joined}"
    );
    assert!(s.say("/lieu Lyon").await.contains("Lyon"));

    // An offer with no open request asks nobody.
    let offered = s.say("/offre Je prête ma perceuse-visseuse, et des scies").await;
    assert!(offered.contains("Offre n°") && !offered.contains("📩"), "{offered}");

    // A request reaches the one member who can help, privately, with the reasons.
    let asked = s.as_("alice", "/besoin Quelqu'un aurait une perceuse à prêter ?").await;
    assert!(asked.contains("J'ai prévenu en privé 1 membre qui peut aider"), "{asked}");
    assert!(asked.contains("📩 bob : alice cherche de l'aide"), "{asked}");
    assert!(asked.contains("(perceuse ~ perceuse-visseuse ; même lieu : Lyon)"), "{asked}");
    assert!(
        !asked.contains("Mise en relation") && !asked.contains("sur console"),
        "no contact before consent: {asked}"
    );
    let request = number_after(&asked, "demande n°").unwrap();
    let proposal = number_after(&asked, "/accepter ").unwrap();

    // Only the helper can say yes first; the requester cannot confirm an unanswered question.
    let early = s.say(&format!("/accepter {proposal}")).await;
    assert!(early.contains("n'attend pas de réponse de ta part"), "{early}");

    let accepted = s.as_("bob", &format!("/accepter {proposal}")).await;
    assert!(accepted.contains("Merci ! J'ai prévenu alice"), "{accepted}");
    assert!(accepted.contains("📩 alice : bob peut t'aider pour ta demande"), "{accepted}");
    assert!(
        !accepted.contains("Mise en relation") && !accepted.contains("sur console"),
        "still no contact: {accepted}"
    );

    // The requester confirms: both are put in touch through the bot, contacts kept private
    // until each gives theirs; the follow-up is scheduled.
    let confirmed = s.as_("alice", &format!("/accepter {proposal}")).await;
    assert!(confirmed.contains("C'est confirmé"), "{confirmed}");
    assert!(confirmed.contains("📩 alice : Mise en relation pour la demande") && confirmed.contains("avec bob"));
    assert!(confirmed.contains("📩 bob : Mise en relation pour la demande") && confirmed.contains("avec alice"));
    assert!(!confirmed.contains("sur console :"), "no contact given yet: {confirmed}");
    assert!(confirmed.contains(&format!("/merci {request}")), "follow-up asked: {confirmed}");
    let hint = s.as_("alice", "Je passe samedi vers 10h ?").await;
    assert!(hint.contains(&format!("/repondre {proposal} ton message → bob")) && !hint.contains("📩"), "{hint}");
    let relayed = s.as_("alice", &format!("/repondre {proposal} Je passe samedi vers 10h ?")).await;
    assert!(relayed.contains("Transmis à bob") && relayed.contains("📩 bob : 💬 alice"), "{relayed}");
    assert!(relayed.contains("Je passe samedi vers 10h ?"), "{relayed}");
    let answered = s.as_("bob", &format!("/repondre {proposal} Parfait")).await;
    assert!(answered.contains("📩 alice : 💬 bob") && answered.contains("Parfait"), "{answered}");
    let shared = s.as_("bob", &format!("/partager {proposal}")).await;
    assert!(shared.contains("📩 alice : Mise en relation") && shared.contains("bob sur console : bob"), "{shared}");
    s.say("/as alice").await;

    let mine = s.say("/mes").await;
    assert!(mine.contains("mise en relation faite"), "{mine}");
    let thanked = s.say(&format!("/merci {request}")).await;
    assert!(thanked.contains("satisfaite et j'ai transmis tes remerciements"), "{thanked}");
    assert!(thanked.contains("📩 bob : alice te remercie pour ton aide"), "{thanked}");
    assert!(s.say(&format!("/merci {request}")).await.contains("n'est plus ouverte"));

    // A request nothing fits notifies nobody.
    let alone = s.say("/besoin Qui peut accorder mon piano ?").await;
    assert!(alone.contains("je n'ai dérangé personne") && !alone.contains("📩"), "{alone}");

    // Bad input gets a clear message and changes nothing.
    assert!(s.say("/frobnicate").await.contains("Je ne connais pas la commande /frobnicate"));
    assert!(s.say("/besoin").await.contains("/besoin TEXTE"));
    assert!(s.say("/accepter douze").await.contains("/accepter N"));
    assert!(s.say("/accepter 999").await.contains("proposition n°999"));
    assert!(s.say("bonjour").await.contains("Tape /aide"));
    let reused = s.as_("dave", &format!("/rejoindre {code}")).await;
    assert!(reused.contains("déjà été utilisé"), "{reused}");
    assert!(s.say("/rejoindre bonjour").await.contains("pas un code d'invitation valide"));
    assert!(
        s.say("/join hello").await.contains("not a valid invitation code"),
        "a visitor is answered in the language of the command"
    );
    assert!(s.say("/besoin une scie").await.contains("pas encore membre"));
    let late = code_in(&s.as_("alice", "/inviter").await).unwrap();
    s.clock.advance(8 * 86_400);
    assert!(s.as_("erin", &format!("/rejoindre {late}")).await.contains("a expiré"));

    // A plain member cannot ban; a founder can, on every linked account.
    assert!(s.as_("bob", "/bannir alice pour voir").await.contains("réservée aux modérateurs"));
    let banned = s.as_("alice", "/bannir bob spam répété").await;
    assert!(banned.contains("bob (n°") && banned.contains("1 compte lié"), "{banned}");
    assert!(banned.contains("📩 bob : Tu as été banni·e de Réseau d'entraide. Motif : spam répété"), "{banned}");
    assert!(banned.contains("⛔") && banned.contains("bob retiré"), "{banned}");
    for line in ["/besoin une scie", "/offre du temps", "/inviter", "/aide", "/accepter 1"] {
        assert!(s.as_("bob", line).await.contains("Tu as été banni·e"), "{line}");
    }
    let journal = s.as_("alice", "/journal").await;
    assert!(journal.contains("— alice (n°1) [console] — bannissement — bob (n°2) — spam répété"), "{journal}");
    assert!(journal.contains("arrivée parrainée"), "{journal}");
    assert!(!journal.contains('⟨'), "every message exists in the catalog");
}

#[tokio::test]
async fn french_story_on_sqlite() {
    french_story(&support::sqlite().url).await;
}

#[tokio::test]
async fn french_story_on_postgres() {
    french_story(&support::postgres().await.url).await;
}

#[tokio::test]
async fn english_story() {
    let db = support::sqlite();
    let mut s = Session::new(&db.url, Lang::En).await;
    assert!(s.say("/langue en").await.contains("I will speak English"));
    assert!(s.say("/place Bristol").await.contains("Place saved: Bristol"));
    let code = code_in(&s.say("/invite").await).unwrap();
    let joined = s.as_("bob", &format!("/join {code}")).await;
    assert!(joined.contains("Welcome to Réseau d'entraide, bob! Your sponsor is alice"), "{joined}");
    s.say("/place bristol").await;
    s.say("/offer I can lend my ladder").await;
    let asked = s.as_("alice", "/need Anyone could lend a ladder?").await;
    assert!(asked.contains("I privately told 1 member who can help"), "{asked}");
    assert!(asked.contains("📩 bob : alice is looking for help"), "{asked}");
    let proposal = number_after(&asked, "/accept ").unwrap();
    let request = number_after(&asked, "request #").unwrap();
    let accepted = s.as_("bob", &format!("/accept {proposal}")).await;
    assert!(accepted.contains("📩 alice : bob can help with your request"), "{accepted}");
    let confirmed = s.as_("alice", &format!("/confirm {proposal}")).await;
    assert!(confirmed.contains("📩 bob : You are in touch") && confirmed.contains("📩 alice : You are in touch"));
    let shared = s.as_("alice", &format!("/share {proposal}")).await;
    assert!(shared.contains("📩 bob : Put in touch") && shared.contains("alice on console: alice"), "{shared}");
    assert!(!shared.contains("bob on console"), "each gives their own: {shared}");
    let thanked = s.say(&format!("/thanks {request}")).await;
    assert!(thanked.contains("passed on your thanks") && thanked.contains("📩 bob : alice thanks you"), "{thanked}");
    let nothing = s.say("/need someone to tune my piano").await;
    assert!(nothing.contains("I bothered nobody") && !nothing.contains("📩"), "{nothing}");
    assert!(s.say("/frobnicate").await.contains("I do not know the command /frobnicate"));
    assert!(s.say("/need").await.contains("/need TEXT"));
    assert!(s.say("/accept twelve").await.contains("/accept N: say yes"));
    assert!(s.say("/place 12 Baker Street").await.contains("/place CITY"), "no addresses");
    assert!(s.as_("carol", &format!("/join {code}")).await.contains("already used"));
    assert!(s.say("/join hello").await.contains("not a valid invitation code"));
    let late = code_in(&s.as_("alice", "/invite").await).unwrap();
    s.clock.advance(8 * 86_400);
    assert!(s.as_("dave", &format!("/join {late}")).await.contains("has expired"));
    s.say("/as alice").await;
    let banned = s.as_("alice", "/ban bob spam").await;
    assert!(
        banned.contains("is banned, on 1 linked account") && banned.contains("📩 bob : You have been banned"),
        "{banned}"
    );
    assert!(s.as_("bob", "/need help").await.contains("You have been banned"));
    let audit = s.as_("alice", "/audit").await;
    assert!(audit.contains("— alice (#1) [console] — ban — bob (#2) — spam"), "{audit}");
}

#[tokio::test]
async fn the_help_loop_can_be_declined_and_reopened() {
    let db = support::sqlite();
    let mut s = Session::new(&db.url, Lang::Fr).await;
    s.say("/lieu Nantes").await;
    let mut codes = Vec::new();
    for _ in 0..2 {
        codes.push(code_in(&s.say("/inviter").await).unwrap());
    }
    for (name, code) in ["bob", "carol"].iter().zip(&codes) {
        s.as_(name, &format!("/rejoindre {code}")).await;
        s.say("/lieu Nantes").await;
        s.say("/offre je peux garder des enfants le samedi").await;
    }
    let asked = s.as_("alice", "/besoin garder mes enfants samedi").await;
    assert!(asked.contains("2 membres"), "{asked}");
    let first = number_after(&asked, "/accepter ").unwrap();
    let bobs = if asked.find("📩 bob").unwrap() < asked.find("📩 carol").unwrap() { first } else { first + 1 };
    let carols = if bobs == first { first + 1 } else { first };
    assert!(s.as_("carol", &format!("/refuser {carols}")).await.contains("merci quand même"));
    s.as_("bob", &format!("/accepter {bobs}")).await;
    let declined = s.as_("alice", &format!("/refuser {bobs}")).await;
    assert!(declined.contains("je n'ai pas transmis ton contact à bob"), "{declined}");
    assert!(declined.contains("📩 bob : Pour la demande"), "{declined}");
    let mine = s.say("/mes").await;
    assert!(mine.contains("(ouverte)"), "back to open when nobody is proposed: {mine}");
    assert!(s.as_("carol", "/fermer 1").await.contains("n'est pas la tienne"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn the_console_never_panics(lines in proptest::collection::vec(any::<String>(), 1..6), bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let store: Arc<dyn entraide_core::ports::Store> = Arc::new(entraide_core::memory::MemoryStore::new());
            let clock = Arc::new(ManualClock::at(support::START));
            let config = support::config("sqlite::memory:", 0.0);
            let app = entraide::App::with(config, store, clock, Arc::new(entraide_core::ports::OsRandomness)).await.unwrap();
            let mut console = app.console(None);
            for line in &lines {
                console.execute(line).await;
                console.execute(&format!("/besoin {line}")).await;
                console.execute(&format!("/as {line}")).await;
            }
            let mut output = Vec::new();
            entraide_console::run(&mut console, &bytes[..], &mut output, false).await.unwrap();
        });
    }
}

#[tokio::test]
async fn a_ban_winds_up_the_members_business() {
    let db = support::sqlite();
    let mut s = Session::new(&db.url, Lang::Fr).await;
    s.say("/lieu Lille").await;
    let code = code_in(&s.say("/inviter").await).unwrap();
    s.as_("bob", &format!("/rejoindre {code}")).await;
    s.say("/lieu Lille").await;
    s.say("/offre je prête ma tondeuse").await;
    let asked = s.as_("alice", "/besoin une tondeuse pour samedi").await;
    let proposal = number_after(&asked, "/accepter ").unwrap();
    s.as_("bob", &format!("/accepter {proposal}")).await;

    // In a group, private answers go privately.
    s.say("/groupe").await;
    let mine = s.say("/mes").await;
    assert!(mine.contains("Je t'ai répondu en privé") && mine.contains("📩 bob : Tes publications en cours"), "{mine}");
    s.say("/prive").await;

    let banned = s.as_("alice", "/bannir bob trop de spam").await;
    assert!(banned.contains("bob retiré"), "{banned}");
    // The proposal cannot go further, the request is open again, and bob's offer is closed.
    let confirm = s.say(&format!("/accepter {proposal}")).await;
    assert!(confirm.contains("n'attend pas de réponse"), "{confirm}");
    assert!(!confirm.contains("Mise en relation"), "no contact for a banned member: {confirm}");
    let mine = s.say("/mes").await;
    assert!(mine.contains("(ouverte)"), "{mine}");
    let offer = number_after(&asked, "Ton offre n°").unwrap();
    assert!(s.say(&format!("/fermer {offer}")).await.contains("n'est plus ouverte"), "bob's offer was closed");

    // A moderator closing someone else's post is logged.
    let again = s.say("/besoin un taille-haie").await;
    let id = number_after(&again, "Demande n°").unwrap();
    let code = code_in(&s.say("/inviter").await).unwrap();
    s.as_("carol", &format!("/rejoindre {code}")).await;
    let own = s.say("/offre du temps pour jardiner").await;
    let carols = number_after(&own, "Offre n°").unwrap();
    assert!(s.as_("alice", &format!("/fermer {carols}")).await.contains("est fermée"));
    let journal = s.say("/journal").await;
    assert!(
        journal.contains("publication fermée par la modération") && journal.contains(&format!("#{carols}")),
        "{journal}"
    );
    assert!(!journal.contains(&format!("#{id}")), "closing one's own post is not moderation: {journal}");
}

#[tokio::test]
async fn the_console_reads_any_bytes_without_stopping() {
    let db = support::sqlite();
    let (app, _clock) = support::app(&db.url, 0.0, Lang::Fr).await;
    let mut console = app.console(None);
    let mut input: Vec<u8> = b"/aide\n".to_vec();
    input.extend_from_slice(&[0xff, 0xfe, b'/', 0xc3, b'\n', 0, 0, b'\r', b'\n']);
    input.extend_from_slice("/besoin ".as_bytes());
    input.extend(std::iter::repeat_n(b'x', 200_000));
    input.extend_from_slice(b"\n/lieu Lyon\n");
    let mut output = Vec::new();
    entraide_console::run(&mut console, &input[..], &mut output, false).await.unwrap();
    let transcript = String::from_utf8(output).unwrap();
    assert!(transcript.contains("trop long"), "the huge request is refused with a message");
    assert!(transcript.contains("Lieu enregistré : Lyon"), "the session went on after odd bytes");
}

#[tokio::test]
async fn unmet_requests_expire_and_their_author_is_told() {
    let db = support::sqlite();
    let mut s = Session::new(&db.url, Lang::Fr).await;
    let posted = s.say("/besoin quelqu'un pour réparer un accordéon").await;
    let id = number_after(&posted, "Demande n°").unwrap();
    s.clock.advance(29 * 86_400);
    assert!(!s.say("/mes").await.contains("a expiré"), "not before 30 days");
    s.clock.advance(2 * 86_400);
    let later = s.say("/mes").await;
    assert!(later.contains(&format!("📩 alice : Ta demande n°{id} a expiré")), "{later}");
    assert!(later.contains("Tu n'as aucune publication en cours"), "{later}");
    assert!(!s.say("/mes").await.contains("a expiré"), "told once");
}

/// A writer that refuses while told to, as a closed terminal or a full pipe would.
#[derive(Clone, Default)]
struct Terminal {
    text: Arc<std::sync::Mutex<Vec<u8>>>,
    broken: Arc<std::sync::atomic::AtomicBool>,
}

impl std::io::Write for Terminal {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.broken.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the terminal is gone"));
        }
        self.text.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A console message counts as sent only once printed: one that could not be printed stays
/// in the outbox and is printed later, once.
#[tokio::test]
async fn a_console_message_is_sent_only_once_printed() {
    let db = support::sqlite();
    let (app, clock) = support::app(&db.url, 72.0, Lang::Fr).await;
    let terminal = Terminal::default();
    let mut console = app.console(Some("alice")).printing_to(terminal.clone());
    terminal.broken.store(true, std::sync::atomic::Ordering::SeqCst);
    let (answer, _) = console.execute("/mes-donnees").await;
    assert!(answer.join("\n").contains("fichier JSON"), "{answer:?}");
    assert_eq!(app.store.pending_count().await.unwrap(), 1, "not printed: still to send");
    terminal.broken.store(false, std::sync::atomic::Ordering::SeqCst);
    clock.advance(60);
    assert!(console.deliver().await.is_empty(), "printed, not returned");
    let printed = String::from_utf8(terminal.text.lock().unwrap().clone()).unwrap();
    assert_eq!(printed.matches("📎 alice").count(), 1, "{printed}");
    assert_eq!(app.store.pending_count().await.unwrap(), 0);
    clock.advance(60);
    console.deliver().await;
    assert_eq!(String::from_utf8(terminal.text.lock().unwrap().clone()).unwrap().matches("📎 alice").count(), 1);
}
