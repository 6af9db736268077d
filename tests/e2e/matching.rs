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
