//! The shape ARCHITECTURE.md promises, checked on the source itself: the
//! state machine (`src/app`) does no I/O and starts no thread, files stay
//! small enough to read in one go, `main.rs` stays a thin dispatcher, the
//! App keeps to a handful of fields, and the scrolling of lists is written
//! once.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)
            .expect("read a source folder")
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn src(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The code of a file as built outside tests: comments and everything
/// from the first `#[cfg(test)]` on left out.
fn production_code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("read a source file");
    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
    without_comments(code)
}

fn without_comments(code: &str) -> String {
    // Comment lines are blanked, not dropped, so line numbers still match.
    code.lines()
        .map(|l| {
            if l.trim_start().starts_with("//") {
                ""
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Test-only files of the app: its own tests and test helpers.
fn is_test_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name == "tests.rs"
        || name == "testing.rs"
        || path.components().any(|c| c.as_os_str() == "tests")
}

/// What no code reached from `App::update` may name: files, folders,
/// threads, processes, the network, and the modules that do I/O.
const FORBIDDEN: &[&str] = &[
    "std::fs",
    "fs::",
    "File::",
    "OpenOptions",
    "read_dir",
    "canonicalize",
    ".exists()",
    "try_exists",
    ".is_file()",
    ".is_dir()",
    "metadata(",
    "std::thread",
    "thread::spawn",
    "std::process",
    "Command::new",
    "std::net",
    "std::io::stdout",
    "std::io::stdin",
    "io::stdout",
    "Store::open_dir",
    "StateStore::open_dir",
    "load_path",
    "crate::runtime",
    "crate::tui",
    "crate::fsio",
];

#[test]
fn the_state_machine_does_no_io_and_starts_no_thread() {
    let mut found = Vec::new();
    for path in rust_files(&src("src/app")) {
        // The app's own tests drive it with messages alone, so they need
        // no disk either: a test that must write files belongs in tests/.
        let code = if is_test_file(&path) {
            let text = std::fs::read_to_string(&path).expect("read a test file");
            without_comments(&text)
        } else {
            production_code(&path)
        };
        for (n, line) in code.lines().enumerate() {
            for word in FORBIDDEN {
                if line.contains(word) {
                    found.push(format!(
                        "{}:{}: {word}: {}",
                        path.display(),
                        n + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "src/app must leave I/O and threads to the runtime (push an Effect):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_finds_io_where_there_is_some() {
    // The runtime does the I/O: the same check must see it there, or it
    // proves nothing about src/app.
    let hits = rust_files(&src("src/runtime"))
        .iter()
        .map(|p| production_code(p))
        .filter(|code| FORBIDDEN.iter().any(|w| code.contains(w)))
        .count();
    assert!(hits >= 2, "only {hits} runtime files seen doing I/O");
}

#[test]
fn no_source_file_is_longer_than_one_read() {
    let long: Vec<String> = rust_files(&src("src"))
        .into_iter()
        .filter_map(|p| {
            let lines = std::fs::read_to_string(&p).ok()?.lines().count();
            (lines > 450).then(|| format!("{}: {lines} lines", p.display()))
        })
        .collect();
    assert!(long.is_empty(), "split by concern:\n{}", long.join("\n"));
}

#[test]
fn main_is_a_thin_dispatcher() {
    let lines = std::fs::read_to_string(src("src/main.rs"))
        .expect("main.rs")
        .lines()
        .count();
    assert!(lines <= 150, "main.rs has {lines} lines");
}

#[test]
fn the_app_keeps_to_a_handful_of_fields() {
    let code = std::fs::read_to_string(src("src/app/mod.rs")).expect("app/mod.rs");
    let start = code.find("pub struct App {").expect("the App struct");
    let body = &code[start..];
    let body = &body[..body.find("\n}").expect("the struct's end")];
    let fields = body
        .lines()
        .skip(1)
        .filter(|l| {
            let l = l.trim();
            !l.starts_with("//") && l.contains(':') && l.ends_with(',')
        })
        .count();
    assert!((1..=12).contains(&fields), "App has {fields} fields");
}

#[test]
fn list_scrolling_is_written_once() {
    // The one rule "the view follows the selection" lives in app/select.rs;
    // any other copy of it is a list that will drift from the others.
    let copies: Vec<String> = rust_files(&src("src"))
        .into_iter()
        .filter(|p| !p.ends_with("app/select.rs"))
        .filter(|p| {
            let code = production_code(p);
            code.contains("offset = self.selected") || code.contains("selected + 1 - ")
        })
        .map(|p| p.display().to_string())
        .collect();
    assert!(
        copies.is_empty(),
        "use app::select::Selection:\n{}",
        copies.join("\n")
    );
}
