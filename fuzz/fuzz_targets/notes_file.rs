//! Arbitrary bytes as a notes file: opens (maybe read-only), never panics,
//! and a file that does not parse is never written over.

#![no_main]

use std::sync::OnceLock;

use brief::notes::store::Store;
use libfuzzer_sys::fuzz_target;

fn store() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("brief-fuzz-notes-{}", std::process::id()));
        Store::open_dir(&dir).expect("a scratch store")
    })
}

fuzz_target!(|bytes: &[u8]| {
    let path = store().dir().join("fuzzed.toml");
    std::fs::write(&path, bytes).expect("write the notes file");
    if let Ok(mut notes) = store().open_file(&path) {
        let header = notes.header().clone();
        let damaged = notes.read_only.is_some();
        let saved = notes.save(header);
        if damaged {
            assert!(saved.is_err(), "a damaged file is never written over");
            assert_eq!(std::fs::read(&path).expect("still there"), bytes);
        }
    }
});
