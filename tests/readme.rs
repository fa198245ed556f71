//! The README tells the truth: its key table is the keymap's, and its two
//! opening commands are the ones CI runs.

use brief::keys::{COMMANDS, Keymap};

const README: &str = include_str!("../README.md");
const START: &str = "<!-- keys:start (generated from assets/keymap.toml by tests/readme.rs) -->\n";
const END: &str = "<!-- keys:end -->";

/// The key table as the keymap says it, grouped like the help overlay
/// (src/keys/help.rs `help_rows`): every command of every context (reading,
/// lists, prompts, the editor, questions) with the keys bound to it there.
fn key_table() -> String {
    let map = Keymap::default();
    let mut out = String::new();
    let mut group = "";
    for info in COMMANDS {
        if info.group != group {
            group = info.group;
            out.push_str(&format!("\n**{group}**\n\n| keys | action |\n|---|---|\n"));
        }
        let keys: Vec<String> = map
            .keys_in(info.context, info.command)
            .iter()
            .map(|k| format!("`{k}`"))
            .collect();
        out.push_str(&format!("| {} | {} |\n", keys.join(", "), info.describe));
    }
    out
}

#[test]
fn readme_key_table_matches_the_keymap() {
    let start = README
        .find(START)
        .expect("README has the keys:start marker")
        + START.len();
    let end = README[start..]
        .find(END)
        .expect("README has the keys:end marker")
        + start;
    let expected = key_table();
    if std::env::var_os("BRIEF_BLESS_README").is_some() {
        let updated = format!("{}{}{}", &README[..start], expected, &README[end..]);
        std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"), updated)
            .expect("write README");
        return;
    }
    assert_eq!(
        &README[start..end],
        expected,
        "README key table is stale: run BRIEF_BLESS_README=1 cargo test --test readme"
    );
}

#[test]
fn readme_opens_with_the_two_commands() {
    let first_block = README
        .split("```")
        .nth(1)
        .expect("a code block near the top");
    assert!(first_block.contains("cargo run --release"));
    assert!(first_block.contains("cargo test"));
    let ci = include_str!("../.ci/run");
    assert!(ci.contains("cargo test --locked"));
}
