//! Build script: a fingerprint of the code and data that read posts for matching, so that a
//! post's analysis kept in the store between starts is used only by the build that made it.
//! Any change to `core/src` or `core/data`, to the manifests and the crates locked (stemmers,
//! Unicode normalisation, their features) or to the compiler (its Unicode tables) makes a new
//! fingerprint: one start reads every open post again. A narrower choice would risk a stale
//! analysis.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

fn main() {
    let mut files = Vec::new();
    for root in ["src", "data"] {
        println!("cargo:rerun-if-changed={root}");
        collect(Path::new(root), &mut files);
    }
    for manifest in ["Cargo.toml", "../Cargo.toml", "../Cargo.lock"] {
        println!("cargo:rerun-if-changed={manifest}");
        files.push(PathBuf::from(manifest));
    }
    println!("cargo:rerun-if-env-changed=RUSTC");
    files.sort();
    let mut hash = Sha256::new();
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let version = std::process::Command::new(rustc).arg("-vV").output().map(|out| out.stdout).unwrap_or_default();
    hash.update(&version);
    for file in &files {
        hash.update(file.to_string_lossy().as_bytes());
        hash.update([0]);
        hash.update(std::fs::read(file).unwrap_or_default());
        hash.update([0]);
    }
    let digest = hash.finalize();
    let fingerprint: String = digest.iter().take(12).map(|byte| format!("{byte:02x}")).collect();
    println!("cargo:rustc-env=ENTRAIDE_ANALYSIS_FINGERPRINT={fingerprint}");
}

/// Every file under `dir`, at any depth.
fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}
