//! The matcher held to its numbers on the project's own labelled set (`tests/eval`, written
//! from what mutual-aid groups ask, in both languages, with typos and places). CI also scores
//! it, and `shared/eval`, with `shared/eval/score.py`.

use std::path::Path;

fn eval_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/eval")
}

#[test]
fn the_own_labelled_set_scores() {
    let dir = eval_dir();
    let output = entraide::eval::run(&dir.join("offers.jsonl"), &dir.join("requests.jsonl"), false).unwrap();
    let score = entraide::eval::score(&dir.join("requests.jsonl"), &output).unwrap();
    println!("tests/eval: {score:?}");
    assert!(score.recall >= 0.9, "{score:?}");
    assert!(score.precision >= 0.9, "{score:?}");
    assert_eq!(score.false_alarms, 0, "{score:?}");
    assert!(score.empty_requests >= 10, "the set keeps requests that nothing fits");
}

#[test]
fn the_own_labelled_set_is_large_enough() {
    let dir = eval_dir();
    let count =
        |file: &str| std::fs::read_to_string(dir.join(file)).unwrap().lines().filter(|l| !l.trim().is_empty()).count();
    assert!(count("requests.jsonl") >= 60 && count("offers.jsonl") >= 40);
}

#[test]
fn explain_prints_the_reasons() {
    let dir = eval_dir();
    let lines = entraide::eval::run(&dir.join("offers.jsonl"), &dir.join("requests.jsonl"), true).unwrap();
    let text = lines.join("\n");
    assert!(text.contains("r01 (Paris 20e) Qqn aurait une perceuse"), "{text}");
    assert!(
        text.contains("→ o01") && text.contains("— perceuse ~ perceuse à percussion ; même lieu : Paris"),
        "{text}"
    );
    assert!(text.contains("echelle ~ escabeau ; même lieu : Paris"), "Vincennes is near Paris: {text}");
    assert!(text.contains("nothing fits: nobody is notified"));
}

/// A start reads the board from the analyses an earlier one kept (#25: a national board took
/// 18 s to read again), and keeps those of posts written since, in the background.
#[tokio::test]
async fn a_start_reads_the_board_from_the_analyses_kept() {
    use crate::support::{as_, newcomer};
    use entraide_core::matching::{analyze_post, stored};
    use entraide_core::model::PostKind;
    let db = crate::support::sqlite();
    let (app, _) = crate::support::app_with(crate::support::config(&db.url, 72.0)).await;
    let service = app.service.as_ref();
    service.warm_matching().await.expect("an empty board");
    newcomer(service, "perceuse").await;
    as_(service, "perceuse", "/offre je prête ma perceuse").await;
    newcomer(service, "guitare").await;
    as_(service, "guitare", "/offre je donne des cours de guitare").await;
    newcomer(service, "voisin").await;
    as_(service, "voisin", "/besoin une perceuse pour samedi").await;
    let community = service.community().id;
    let kept = || async { app.store.kept_analyses(community, PostKind::Offer, stored::FINGERPRINT).await.unwrap() };
    assert!(kept().await.is_empty(), "kept in the background, not while a member waits");
    service.keep_analyses().await;
    let mut kept_now = kept().await;
    kept_now.sort();
    assert_eq!(kept_now.len(), 2, "both offers' analyses kept");
    let offers = app.store.open_posts(community, PostKind::Offer).await.unwrap();
    for (post, (id, analysis)) in offers.iter().zip(&kept_now) {
        assert_eq!(post.id, *id);
        assert_eq!(stored::decode(analysis), Some(analyze_post(post.kind, &post.text, &post.place)));
    }
    // The guitar lessons' analysis made to say "drill": a start that reads it finds two drills.
    let drill = kept_now[0].1.clone();
    let swapped = entraide_core::ports::Change::KeepAnalyses {
        fingerprint: stored::FINGERPRINT.into(),
        analyses: vec![(kept_now[1].0, drill)],
    };
    app.store.apply(vec![swapped]).await.unwrap();
    drop(app);
    let (again, _) = crate::support::app_with(crate::support::config(&db.url, 72.0)).await;
    again.service.warm_matching().await.expect("the board");
    newcomer(again.service.as_ref(), "voisine").await;
    let asked = as_(again.service.as_ref(), "voisine", "/besoin une perceuse pour samedi").await;
    assert!(asked.contains("prévenu en privé 2 membres"), "the kept analyses were read: {asked}");
}
