//! Arbitrary bytes as config.toml and as a theme file: they load, with
//! problems or errors for what cannot be used, never a panic.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn dir() -> &'static std::path::Path {
    static DIR: OnceLock<std::path::PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("brief-fuzz-config-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("themes")).expect("scratch folder");
        dir
    })
}

fuzz_target!(|bytes: &[u8]| {
    let dir = dir();
    std::fs::write(dir.join("config.toml"), bytes).expect("config.toml");
    std::fs::write(dir.join("themes/fuzzed.toml"), bytes).expect("theme");
    let (config, problems) = brief::config::Config::load(Some(dir));
    for p in &problems {
        let _ = p.to_string();
    }
    let _ = config.theme(brief::theme::ColorDepth::TrueColor);
    let _ = brief::theme::load("fuzzed", Some(dir));
});
