//! Matching benchmark: synthetic communities of 1,000, 10,000 and 100,000 open offers, and in
//! the same run Entraide's matcher and a BM25 baseline (SQLite FTS5 `bm25()`) answering the
//! same requests. Prints requests per second for both, their ratio, the index's memory and
//! the cost of adding and removing an offer.
//!
//!     cargo bench -p entraide --bench matching            (add -- --quick for a smoke run)

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::Instant;

use entraide_core::matching::{MAX_RESULTS, Matcher, places};
use entraide_core::model::{Category, Place, Post, PostKind, PostState};
use entraide_store_sql::Bm25Baseline;

/// Counts live heap bytes, to measure the index's memory.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

// SAFETY: forwards to the system allocator and only counts sizes.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: same layout contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: `ptr` was allocated by `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// A small deterministic generator (xorshift), so every run sees the same community.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const CITIES: &[&str] = &[
    "Paris",
    "Lyon",
    "Marseille",
    "Toulouse",
    "Bordeaux",
    "Lille",
    "Nantes",
    "Strasbourg",
    "Rennes",
    "Montpellier",
    "Nice",
    "Grenoble",
    "Dijon",
    "Angers",
    "Reims",
    "Tours",
    "Brest",
    "Metz",
    "Caen",
    "Rouen",
    "Nancy",
    "Limoges",
    "Poitiers",
    "Besançon",
    "Orléans",
    "Perpignan",
    "Avignon",
    "Toulon",
    "Pau",
    "Bayonne",
    "La Rochelle",
    "Niort",
    "Vannes",
    "Lorient",
    "Quimper",
    "Saint-Brieuc",
    "Le Mans",
    "Laval",
    "Chartres",
    "Troyes",
    "Amiens",
    "Arras",
    "Calais",
    "Valence",
    "Annecy",
    "Chambéry",
    "Nîmes",
    "Béziers",
    "Ajaccio",
    "Bastia",
];
const THINGS: &[&str] = &[
    "une perceuse",
    "une échelle",
    "une scie sauteuse",
    "un escabeau",
    "une tondeuse",
    "un taille-haie",
    "une poussette",
    "un lit parapluie",
    "un siège auto",
    "une tente",
    "un vidéoprojecteur",
    "une sono",
    "un nettoyeur haute pression",
    "une remorque",
    "une camionnette",
    "un appareil à raclette",
    "une ponceuse",
    "un diable",
    "des cartons",
    "une machine à coudre",
    "un fauteuil roulant",
    "des béquilles",
    "un vélo cargo",
    "a ladder",
    "a drill",
    "a lawn mower",
    "a tent",
    "a projector",
    "a pressure washer",
    "a stroller",
];
const SKILLS: &[&str] = &[
    "réparer les vélos",
    "dépanner les ordinateurs",
    "faire de la plomberie",
    "garder des enfants le samedi",
    "donner des cours de maths",
    "aider aux démarches administratives",
    "promener les chiens",
    "faire les courses",
    "rendre visite aux personnes âgées",
    "faire des retouches",
    "monter des meubles",
    "repeindre un appartement",
    "aider à déménager",
    "cours d'anglais",
    "conversation en espagnol",
    "aide aux devoirs",
    "covoiturage vers la gare",
    "fix bikes",
    "teach English",
    "babysitting",
    "walk dogs",
    "help with paperwork",
    "electrical repairs",
];
const EXTRAS: &[&str] =
    &["ce week-end", "le soir", "en semaine", "quand vous voulez", "pour quelques jours", "", "", ""];

fn offer_text(random: &mut Random) -> String {
    if random.next().is_multiple_of(2) {
        format!("Je prête {} {}", random.pick(THINGS), random.pick(EXTRAS))
    } else {
        format!("Je peux {} {}", random.pick(SKILLS), random.pick(EXTRAS))
    }
}

fn request_text(random: &mut Random) -> String {
    if random.next().is_multiple_of(2) {
        format!("Quelqu'un aurait {} à prêter {} ?", random.pick(THINGS), random.pick(EXTRAS))
    } else {
        format!("Qui pourrait {} {} ?", random.pick(SKILLS), random.pick(EXTRAS))
    }
}

fn post(id: i64, kind: PostKind, text: String, place: Place) -> Post {
    Post {
        id,
        community_id: 1,
        author_id: id,
        kind,
        category: Category::Other,
        topic: "other".to_owned(),
        text,
        place,
        state: PostState::Open,
        created_at: 0,
        updated_at: 0,
        on_behalf_of: None,
    }
}

fn place(random: &mut Random) -> Place {
    if random.next().is_multiple_of(10) { Place::Online } else { Place::Local(random.pick(CITIES).to_owned()) }
}

fn area(place: &Place) -> String {
    match place {
        Place::Local(city) => places::area(city),
        _ => "online".to_owned(),
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let quick = std::env::args().any(|arg| arg == "--quick");
    let sizes: &[usize] = if quick { &[1_000] } else { &[1_000, 10_000, 100_000] };
    let requests_per_size = if quick { 200 } else { 2_000 };
    println!("offers   | entraide req/s | bm25 req/s | ratio | index MB | insert µs | remove µs");
    for &size in sizes {
        let mut random = Random(0x5eed_0000 + size as u64);
        let offers: Vec<Post> = (1..=size as i64)
            .map(|id| post(id, PostKind::Offer, offer_text(&mut random), place(&mut random)))
            .collect();
        let requests: Vec<Post> = (0..requests_per_size)
            .map(|i| {
                let city = Place::Local(random.pick(CITIES).to_owned());
                post(10_000_000 + i as i64, PostKind::Request, request_text(&mut random), city)
            })
            .collect();

        let before = LIVE.load(Ordering::Relaxed);
        let started = Instant::now();
        let mut matcher = Matcher::new();
        offers.iter().for_each(|offer| matcher.insert(offer));
        let insert_us = started.elapsed().as_secs_f64() * 1e6 / size as f64;
        let memory_mb = (LIVE.load(Ordering::Relaxed) - before) as f64 / 1_048_576.0;

        let started = Instant::now();
        let mut found = 0;
        for request in &requests {
            found += matcher.best_for(request, MAX_RESULTS).len();
        }
        let entraide_rps = requests.len() as f64 / started.elapsed().as_secs_f64();

        let started = Instant::now();
        for offer in offers.iter().take(1_000) {
            matcher.remove(offer.id);
        }
        let remove_us = started.elapsed().as_secs_f64() * 1e6 / 1_000f64.min(size as f64);

        let rows: Vec<(i64, String, String)> = offers.iter().map(|o| (o.id, o.text.clone(), area(&o.place))).collect();
        let baseline = match Bm25Baseline::new(&rows).await {
            Ok(baseline) => baseline,
            Err(error) => {
                eprintln!("the BM25 baseline could not be built: {error}");
                return;
            }
        };
        let started = Instant::now();
        let mut baseline_found = 0;
        for request in &requests {
            baseline_found +=
                baseline.search(&request.text, &area(&request.place)).await.map(|ids| ids.len()).unwrap_or(0);
        }
        let bm25_rps = requests.len() as f64 / started.elapsed().as_secs_f64();
        println!(
            "{size:>8} | {entraide_rps:>14.0} | {bm25_rps:>10.0} | {:>5.1} | {memory_mb:>8.1} | {insert_us:>9.1} | {remove_us:>9.1}",
            entraide_rps / bm25_rps
        );
        eprintln!("  ({found} matches from Entraide, {baseline_found} from BM25, for {} requests)", requests.len());
    }
}
