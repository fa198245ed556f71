//! Hostile command lines and configuration, end to end through the real
//! binary (issues 7 and 18): error messages about hostile file names,
//! usage errors, hostile arguments to every subcommand, and config and
//! theme files from someone else print no control character.

mod common;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use common::hostile::{
    C1, all_raw, assert_clean_text, assert_no_injected_sequences, escape_kinds, forbidden,
};
use common::run::{brief, os, write};
use common::{Session, TempDir};

#[test]
fn errors_about_hostile_file_names_print_no_control_characters() {
    let dir = TempDir::new("hostile-names-cli");
    let data = TempDir::new("hostile-names-data");
    // A valid UTF-8 name with escapes, and a name that is not UTF-8 at all
    // (raw ESC, BEL and a lone 0x9b byte).
    let utf8 = dir.path().join(format!("evil{}{C1}.md", all_raw()));
    let bytes = {
        let mut name = dir.path().as_os_str().as_bytes().to_vec();
        name.extend_from_slice(b"/raw\x1b]0;pwned\x07\x9b2J\x1b[2J.md");
        PathBuf::from(OsStr::from_bytes(&name))
    };
    for path in [&utf8, &bytes] {
        // Missing.
        for args in [
            vec![os("outline"), path.as_os_str()],
            vec![os("outline"), os("--json"), path.as_os_str()],
            vec![path.as_os_str()],
            vec![os("notes"), path.as_os_str()],
            vec![
                os("cite"),
                path.as_os_str(),
                os("--section"),
                os("1"),
                os("--block"),
                os("1"),
            ],
        ] {
            let out = brief(&args, data.path());
            assert_eq!(out.code, Some(2), "{args:?}: {}", out.stderr());
            assert!(out.stderr().contains("no such file"), "{}", out.stderr());
            assert_clean_text(&format!("stderr of {args:?}"), &out.stderr);
        }
        // Binary, then a directory.
        std::fs::write(path, b"\0binary").expect("write a binary file");
        let out = brief(&[os("outline"), path.as_os_str()], data.path());
        assert_eq!(out.code, Some(2));
        assert!(out.stderr().contains("binary"), "{}", out.stderr());
        assert_clean_text("stderr (binary)", &out.stderr);
        std::fs::remove_file(path).expect("remove");
        std::fs::create_dir(path).expect("a directory with the name");
        let out = brief(&[os("outline"), path.as_os_str()], data.path());
        assert_eq!(out.code, Some(2));
        assert!(out.stderr().contains("is a directory"), "{}", out.stderr());
        assert_clean_text("stderr (directory)", &out.stderr);
    }
    // A data folder with a hostile name that cannot be created.
    let blocker = write(
        &dir,
        format!("blocker{}", all_raw()),
        "a file, not a folder",
    );
    let out = brief(&[os("notes")], &blocker.join("sub"));
    assert_eq!(out.code, Some(2), "{}", out.stderr());
    assert_clean_text("stderr (data folder)", &out.stderr);
}

/// clap prints an argument it rejects inside its error, styled, when
/// stderr is a terminal: `brief outline a.md <name>` (two files from a
/// glob, say) echoes the second name raw. src/main.rs calls `Cli::parse()`;
/// it could use `Cli::try_parse()` and print `err.render()` through
/// `sanitize` (keeping `--help`/`--version` on stdout with exit code 0).
#[test]
fn usage_errors_on_a_terminal_print_no_escape_sequence_from_a_file_name() {
    let dir = TempDir::new("hostile-clap");
    let name = format!("evil{}.md", all_raw());
    let file = write(&dir, &name, "# A\n");
    let path = file.to_str().expect("utf-8");
    let mut s = Session::start(&["outline", path, path], dir.path(), 100, 30);
    assert_eq!(s.wait_exit(), 2);
    let kinds = escape_kinds(&s.raw);
    let bad: Vec<_> = kinds
        .keys()
        .filter(|k| k.starts_with("OSC") || k.starts_with("BEL") || k.contains("2J"))
        .collect();
    assert!(
        bad.is_empty(),
        "{bad:?} in:\n{}",
        String::from_utf8_lossy(&s.raw)
    );
}

/// A config folder from someone else: config.toml and theme files whose
/// keys, values, descriptions and file names hold escape sequences (TOML
/// `\u001b` escapes decode to raw ESC). With `evil` false, the same shape
/// without them.
fn config_folder(dir: &Path, evil: bool) {
    let e = |s: &str| if evil { s.to_owned() } else { String::new() };
    let themes = dir.join("themes");
    std::fs::create_dir_all(&themes).expect("themes folder");
    let name = format!("shared{}", e("\u{1b}]0;pwned\u{7}"));
    let esc = e("\\u001b]0;pwned\\u0007");
    let clear = e("\\u001b[2J");
    std::fs::write(
        dir.join("config.toml"),
        format!(
            "theme = \"shared{esc}\"\nlibrary = \"/nowhere/{clear}\"\n\
             \"bad{esc}\" = 1\nreading_width = \"wide{esc}\"\n\
             [keys]\n\"act{clear}\" = \"j\"\nnext_section = \"key{esc}\"\n\
             [tags]\nallowed = [\"uk{clear}\", \"ports\"]\n"
        ),
    )
    .expect("config.toml");
    std::fs::write(
        themes.join(format!("{name}.toml")),
        format!(
            "description = \"Shared theme{esc}\"\n[colors]\n\"ink{clear}\" = \"#ffffff\"\n\
             [styles]\ntext = {{ fg = \"red\" }}\n"
        ),
    )
    .expect("theme file");
    std::fs::write(
        themes.join(format!("broken{}.toml", e("\u{1b}[2J"))),
        format!("extends = \"base{esc}\"\n[styles]\ntext = {{ fg = \"colour{esc}\" }}\n"),
    )
    .expect("broken theme file");
}

/// src/config.rs puts config.toml's own key names, paths and values into
/// its problems (`unknown key `<ESC>]0;...``, `no folder at ...`), and
/// src/commands/config.rs prints them and the folder's path as they are.
#[test]
fn config_command_prints_no_control_characters_from_a_hostile_config() {
    let data = TempDir::new("hostile-config");
    config_folder(&data.path().join("config"), true);
    let out = brief(&[os("config")], data.path());
    assert_eq!(out.code, Some(0), "{}", out.stderr());
    assert!(out.stdout().contains("unknown key"), "{}", out.stdout());
    assert_clean_text("brief config", &out.stdout);
    assert_clean_text("stderr of brief config", &out.stderr);
}

/// src/commands/themes.rs `list` prints each theme's name (its file
/// name), description and path, and src/theme.rs `ThemeError` the file
/// name and the names a file refers to, as they are.
#[test]
fn themes_command_prints_no_control_characters_from_hostile_theme_files() {
    let data = TempDir::new("hostile-themes");
    config_folder(&data.path().join("config"), true);
    let out = brief(&[os("themes")], data.path());
    // The broken theme file makes the list incomplete: exit code 2.
    assert_eq!(out.code, Some(2), "{}", out.stderr());
    assert!(out.stdout().contains("Shared theme"), "{}", out.stdout());
    assert!(out.stderr().contains("did not load"), "{}", out.stderr());
    assert_clean_text("brief themes", &out.stdout);
    assert_clean_text("stderr of brief themes", &out.stderr);
}

/// In the reader the same strings reach the status bar (the first config
/// problem, theme names when `T` cycles), drawn through ratatui, which
/// drops control characters: nothing gets through.
#[test]
fn reader_writes_no_escape_sequence_from_a_hostile_config() {
    // Wide enough for the status bar to reach the problem after the path.
    let size = (220, 30);
    let run = |evil: bool| {
        let data = TempDir::new(if evil {
            "hostile-config-reader"
        } else {
            "clean-config-reader"
        });
        config_folder(&data.path().join("config"), evil);
        let file = write(&data, "brief.md", "# Config\n\nA paragraph.\n");
        let mut s = Session::start(
            &[file.to_str().expect("utf-8")],
            data.path(),
            size.0,
            size.1,
        );
        s.wait_for("A paragraph");
        s.wait_for("unknown key");
        s.send("TTTTTTTT");
        s.settle();
        s.send("q");
        assert_eq!(s.wait_exit(), 0, "{}", s.screen());
        s.raw.clone()
    };
    let clean = run(false);
    let hostile = run(true);
    assert_no_injected_sequences(&hostile, &clean, size);
}

// ------------------------------------------------ hostile arguments

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ui-brief.md");

/// What a user (or a script fed by someone else) can pass as an argument:
/// OSC title and clipboard sequences, a screen clear, CR and backspace
/// that overwrite a line; C1 controls; bidi controls and invisible
/// characters; and bytes that are not UTF-8 at all.
fn hostile_values() -> Vec<std::ffi::OsString> {
    vec![
        "t\u{1b}]0;pwned\u{7}\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\r\u{8}x".into(),
        format!("c{C1}2J\u{9d}0;pwned\u{9c}").into(),
        "b\u{202e}gnp.exe\u{2066}\u{200b}\u{feff}\u{e0041}x".into(),
        OsStr::from_bytes(b"r\x1b]0;pwned\x07\x9b2J\xff").to_owned(),
    ]
}

/// Every subcommand with `h` in each place an argument goes: file and
/// folder names that do not exist, tag names, queries, dates, kinds,
/// formats, numbers, theme names, data folders, unknown options.
fn runs_with(h: &OsStr, dir: &Path, lib: &Path, blocker: &Path) -> Vec<Vec<std::ffi::OsString>> {
    let file = dir.join(h).with_extension("md").into_os_string();
    let folder = dir.join(h).into_os_string();
    let data = blocker.join(h).into_os_string();
    let (lib, fixture) = (lib.as_os_str(), OsStr::new(FIXTURE));
    let at = ["--section", "1", "--block", "1"].map(OsStr::new);
    let mut flag = std::ffi::OsString::from("--");
    flag.push(h);
    let runs: Vec<Vec<&OsStr>> = vec![
        vec![os("outline"), &file],
        vec![os("outline"), os("--json"), &file],
        vec![os("outline"), fixture, &file],
        vec![&file],
        vec![os("--theme"), h, &file],
        vec![&flag],
        vec![os("notes"), &file],
        vec![os("notes"), os("--tag"), h],
        vec![os("notes"), os("--kind"), h],
        vec![os("notes"), os("--since"), h],
        vec![os("notes"), os("--brief"), h],
        vec![os("notes"), os("--format"), h],
        vec![os("tags"), &file],
        vec![os("tags"), os("rename"), h, os("plain")],
        vec![os("tags"), os("rename"), os("plain"), h],
        vec![os("tags"), os("delete"), h],
        vec![os("tags"), h],
        [&[os("annotate"), &file][..], &at, &[os("--note"), h]].concat(),
        [
            &[os("annotate"), fixture][..],
            &at,
            &[os("--note"), h, os("--tag"), h],
        ]
        .concat(),
        [&[os("annotate"), fixture][..], &at, &[os("--kind"), h]].concat(),
        [&[os("annotate"), fixture][..], &at, &[os("--stance"), h]].concat(),
        vec![
            os("annotate"),
            fixture,
            os("--section"),
            h,
            os("--block"),
            h,
        ],
        [&[os("cite"), &file][..], &at].concat(),
        [&[os("cite"), fixture][..], &at, &[os("--format"), h]].concat(),
        vec![os("search"), h, lib],
        vec![os("search"), os("--json"), h, lib],
        vec![os("search"), os("grain"), &folder],
        vec![os("memo"), os("--tag"), h],
        vec![os("memo"), os("--kind"), h],
        vec![os("memo"), os("--group-by"), h],
        vec![os("memo"), &folder],
        vec![os("themes"), os("--theme"), h],
        vec![os("config"), os("--theme"), h],
        vec![os("--data-dir"), &data, os("notes")],
        vec![
            os("--data-dir"),
            &data,
            os("tags"),
            os("rename"),
            h,
            os("x"),
        ],
    ];
    runs.into_iter()
        .map(|r| r.into_iter().map(OsStr::to_owned).collect())
        .collect()
}

/// Issue 18: every message that repeats what was typed (arguments, paths,
/// tag names, queries, config values) is sanitised, on stdout and stderr,
/// in every subcommand and in the reader's own errors. The library holds a
/// good brief and, per hostile value, an unreadable one named with it; the
/// notes come to carry the hostile tags; the last runs print them all.
#[test]
fn hostile_arguments_to_every_subcommand_print_no_control_characters() {
    let dir = TempDir::new("hostile-args");
    let data = TempDir::new("hostile-args-data");
    let lib = dir.path().join("lib");
    std::fs::create_dir(&lib).expect("library folder");
    write(
        &dir,
        "lib/good.md",
        "# Grain\n\nThe grain corridor is open.\n",
    );
    let blocker = write(&dir, "blocker", "a file where a data folder would go");
    damaged_notes_file(&dir, &data);
    let values = hostile_values();
    for h in &values {
        let name = lib.join(h).with_extension("md");
        std::os::unix::fs::symlink("/nowhere/at/all", name).expect("dangling link");
    }
    let mut runs: Vec<Vec<std::ffi::OsString>> = values
        .iter()
        .flat_map(|h| runs_with(h, dir.path(), &lib, &blocker))
        .collect();
    for last in [
        &["notes"][..],
        &["notes", "--format", "csv"],
        &["tags"],
        &["memo", "--group-by", "tag"],
        &["search", "grain"],
    ] {
        let mut args: Vec<std::ffi::OsString> = last.iter().map(|s| s.into()).collect();
        if last[0] == "search" {
            args.push(lib.clone().into_os_string());
        }
        runs.push(args);
    }
    let (mut leaks, mut warnings) = (Vec::new(), String::new());
    for args in &runs {
        let args: Vec<&OsStr> = args.iter().map(|a| a.as_os_str()).collect();
        let out = brief(&args, data.path());
        assert!(matches!(out.code, Some(0..=2)), "{args:?}: {:?}", out.code);
        for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            leaks.extend(leak(bytes).map(|l| format!("{stream} of {args:?}: {l}")));
        }
        warnings.push_str(&out.stderr());
    }
    assert!(
        leaks.is_empty(),
        "{} leaks:\n{}",
        leaks.len(),
        leaks.join("\n")
    );
    // The runs reached the warnings that quote files and arguments.
    for said in [
        "is damaged",
        "its tags are unchanged",
        "search skipped",
        "not a date",
    ] {
        assert!(warnings.contains(said), "no run said {said:?}");
    }
    eprintln!(
        "{} hostile runs, none printed a control character",
        runs.len()
    );
}

/// A notes file damaged with escape sequences where its tags were, for the
/// commands that read every notes file to warn about (TOML's message quotes
/// the line).
fn damaged_notes_file(dir: &TempDir, data: &TempDir) {
    let file = write(dir, "damaged.md", "# Damaged\n\nA paragraph.\n");
    let at = ["--section", "1", "--block", "1", "--tag", "x"].map(os);
    let out = brief(
        &[&[os("annotate"), file.as_os_str()][..], &at].concat(),
        data.path(),
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr());
    let notes = std::fs::read_dir(data.path().join("notes"))
        .expect("notes folder")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "toml"))
        .expect("the notes file");
    let text = std::fs::read_to_string(&notes).expect("read notes");
    let evil = format!("tags = [{} {C1} \u{202e}", all_raw());
    std::fs::write(&notes, text.replace("tags = [", &evil)).expect("damage it");
}

/// What is wrong with a stream's bytes: not UTF-8, or a character other
/// than newline and tab that is a control or that the sanitiser replaces.
fn leak(bytes: &[u8]) -> Option<String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Some(format!("not UTF-8: {}", String::from_utf8_lossy(bytes)));
    };
    let bad = forbidden(text, &['\n', '\t']);
    (!bad.is_empty()).then(|| format!("{bad:?} in {text:?}"))
}
