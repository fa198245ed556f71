//! The command line: outline, notes, tags, annotate, as a user runs them.

mod common;

use std::process::{Command, Output};

use common::TempDir;

const FIXTURE: &str = "tests/fixtures/ui-brief.md";

fn brief(data: &TempDir, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("BRIEF_DATA_DIR", data.path())
        .args(args)
        .output()
        .expect("run brief")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn outline_lists_sections_with_numbers_and_block_counts() {
    let data = TempDir::new("cli-outline");
    let out = brief(&data, &["outline", FIXTURE]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 6);
    assert!(
        lines[0].starts_with("1  Port Security in the Baltic Approaches  (1 block)"),
        "{text}"
    );
    assert!(lines[3].contains("    Staffing  (1 block)"), "{text}");
}

#[test]
fn outline_json_has_the_promised_shape() {
    let data = TempDir::new("cli-outline-json");
    let out = brief(&data, &["outline", FIXTURE, "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(v["title"], "Port Security in the Baltic Approaches");
    let s = &v["sections"][3];
    assert_eq!(s["number"], 4);
    assert_eq!(s["level"], 3);
    assert_eq!(s["title"], "Staffing");
    assert_eq!(s["blocks"], 1);
    assert_eq!(s["parent"], 3);
    assert!(v["sections"][0]["parent"].is_null());
}

#[test]
fn annotate_prints_an_id_and_notes_shows_the_note() {
    let data = TempDir::new("cli-annotate");
    let out = brief(
        &data,
        &[
            "annotate",
            FIXTURE,
            "--section",
            "3",
            "--block",
            "2",
            "--tag",
            "Quotes",
            "--note",
            "Who said this?",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let id = stdout(&out).trim().to_owned();
    assert!(id.starts_with('n'), "{id}");

    let notes = brief(&data, &["notes", FIXTURE, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&notes)).expect("valid JSON");
    assert_eq!(v[0]["id"], id.as_str());
    assert_eq!(v[0]["text"], "Who said this?");
    assert_eq!(v[0]["tags"][0], "quotes");
    assert_eq!(v[0]["section_number"], 3);
    assert_eq!(v[0]["block"], 2);
    assert!(
        v[0]["quote"]
            .as_str()
            .unwrap_or_default()
            .starts_with("We cannot inspect")
    );
}

#[test]
fn annotate_rejects_a_bad_section_or_block_with_exit_2() {
    let data = TempDir::new("cli-annotate-bad");
    let out = brief(
        &data,
        &[
            "annotate",
            FIXTURE,
            "--section",
            "9",
            "--block",
            "1",
            "--note",
            "x",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("sections 1 to 6"), "{}", stderr(&out));
    let out = brief(
        &data,
        &[
            "annotate",
            FIXTURE,
            "--section",
            "2",
            "--block",
            "7",
            "--note",
            "x",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("blocks 1 to 3"), "{}", stderr(&out));
}

#[test]
fn notes_filter_by_tag_and_every_format_parses() {
    let data = TempDir::new("cli-formats");
    for (block, tag, text) in [
        ("1", "energy/grid", "grid note"),
        ("2", "ports", "port note"),
    ] {
        let out = brief(
            &data,
            &[
                "annotate",
                FIXTURE,
                "--section",
                "2",
                "--block",
                block,
                "--tag",
                tag,
                "--note",
                text,
            ],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let md = stdout(&brief(&data, &["notes", "--tag", "energy"]));
    assert!(
        md.contains("grid note") && !md.contains("port note"),
        "{md}"
    );
    assert!(md.starts_with("# Notes on Port Security"), "{md}");

    let csv = stdout(&brief(&data, &["notes", FIXTURE, "--format", "csv"]));
    assert_eq!(csv.lines().count(), 3, "{csv}");
    let toml_out = stdout(&brief(&data, &["notes", FIXTURE, "--format", "toml"]));
    let parsed: toml::Table = toml_out.parse().expect("valid TOML");
    assert_eq!(parsed["notes"].as_array().map(Vec::len), Some(2));

    let tags = stdout(&brief(&data, &["tags"]));
    assert_eq!(tags, "1  energy\n1    energy/grid\n1  ports\n");
}

#[test]
fn notes_of_a_missing_brief_exit_2_naming_it() {
    let data = TempDir::new("cli-missing");
    let out = brief(&data, &["notes", "nowhere.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nowhere.md"));
}

#[test]
fn search_prints_file_section_block_and_snippet_and_exits_1_on_no_match() {
    let data = TempDir::new("cli-search");
    let dir = data.path().join("lib");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(
        dir.join("a.md"),
        "## Ports\n\nNight inspections are thin.\n\n## Grain\n\nThe grain corridor is open.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("sub/b.md"),
        "## Corridor\n\nA grain corridor needs escorts; the corridor is long.\n",
    )
    .unwrap();
    let dir_arg = dir.to_string_lossy().into_owned();
    let out = brief(&data, &["search", "grain corridor", &dir_arg]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with("a.md:2:1: The grain corridor is open.")),
        "{text}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("b.md:1:1: A grain corridor needs escorts")),
        "{text}"
    );
    // A phrase and an exclusion.
    let out = stdout(&brief(
        &data,
        &["search", "\"grain corridor\" -escorts", &dir_arg],
    ));
    assert_eq!(out.lines().count(), 1, "{out}");
    let json = stdout(&brief(
        &data,
        &["search", "inspections", &dir_arg, "--json"],
    ));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[0]["section"], 1);
    assert_eq!(v[0]["block"], 1);
    let none = brief(&data, &["search", "zebra", &dir_arg]);
    assert_eq!(none.status.code(), Some(1));
    assert!(stdout(&none).is_empty());
}

#[test]
fn notes_from_a_damaged_file_are_reported_not_silently_left_out() {
    let data = TempDir::new("cli-damaged");
    let dir = TempDir::new("cli-damaged-briefs");
    let good = dir.path().join("good.md");
    let bad = dir.path().join("bad.md");
    std::fs::write(&good, "## One\n\nA paragraph on ports.\n").expect("write brief");
    std::fs::write(&bad, "## Two\n\nA paragraph on grain.\n").expect("write brief");
    for (file, tag) in [(&good, "ports"), (&bad, "grain")] {
        let f = file.to_str().expect("utf-8");
        let out = brief(
            &data,
            &[
                "annotate",
                f,
                "--section",
                "1",
                "--block",
                "1",
                "--tag",
                tag,
            ],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    // Break the grain brief's notes file.
    let notes_dir = data.path().join("notes");
    let damaged = std::fs::read_dir(&notes_dir)
        .expect("notes folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            // Not its `.lock` beside it.
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            name.is_some_and(|n| n.starts_with("bad-") && n.ends_with(".toml"))
        })
        .expect("the bad brief's notes file");
    let text = std::fs::read_to_string(&damaged).expect("read notes");
    std::fs::write(&damaged, text.replace("tags = [", "tags = [oops ")).expect("damage it");

    for args in [vec!["notes"], vec!["tags"], vec!["memo"]] {
        let out = brief(&data, &args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?} must not pass for complete"
        );
        assert!(
            stdout(&out).contains("ports"),
            "{args:?}: what could be read is printed"
        );
        let err = stderr(&out);
        assert!(
            err.contains("could not be fully read") && err.contains("bad-"),
            "{args:?}: {err}"
        );
    }
    let out = brief(&data, &["notes", bad.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("damaged at line"), "{}", stderr(&out));
}

#[test]
fn a_since_that_is_not_a_date_and_a_memo_of_no_folder_are_errors() {
    let data = TempDir::new("cli-since");
    for bad in ["2026-13-45", "yesterday"] {
        let out = brief(&data, &["notes", "--since", bad]);
        assert_eq!(out.status.code(), Some(2), "--since {bad}");
        assert!(stderr(&out).contains("YYYY-MM-DD"), "{}", stderr(&out));
    }
    let out = brief(&data, &["notes", "--since", "2026-03-01"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = brief(&data, &["memo", "/no/such/folder"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a folder"), "{}", stderr(&out));
}

#[test]
fn options_every_command_takes_may_come_before_the_command() {
    let data = TempDir::new("cli-global-first");
    let dir = data.path().to_str().expect("utf-8");
    let out = brief(&data, &["--theme", "light", "config"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("theme = \"light\""),
        "{}",
        stdout(&out)
    );
    let out = brief(&data, &["--data-dir", dir, "outline", FIXTURE]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("Port Security"), "{}", stdout(&out));
}

#[test]
fn config_says_when_the_named_theme_cannot_be_used() {
    let data = TempDir::new("cli-config-theme");
    let out = brief(&data, &["config", "--theme", "nosuch"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.contains("theme \"nosuch\" not used, showing the default")
            && text.contains("no theme named \"nosuch\""),
        "{text}"
    );
}

#[test]
fn search_keeps_stdout_one_result_a_line_and_says_on_stderr_when_it_stops() {
    let data = TempDir::new("cli-search-more");
    let dir = TempDir::new("cli-search-more-briefs");
    let text: String = (0..1100)
        .map(|i| format!("Paragraph {i} about the corridor.\n\n"))
        .collect();
    std::fs::write(dir.path().join("long.md"), format!("## One\n\n{text}")).expect("write");
    let out = brief(
        &data,
        &[
            "search",
            "--passages",
            "corridor",
            dir.path().to_str().expect("utf-8"),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.lines()
            .all(|l| l.contains(":1:") && l.contains("corridor")),
        "only results on stdout"
    );
    assert!(
        stderr(&out).contains("the first 1000 of 1100 passages"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn search_with_no_library_says_how_to_give_one() {
    let data = TempDir::new("cli-search-nolib");
    let empty = TempDir::new("cli-search-nolib-cwd");
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .current_dir(empty.path())
        .env("BRIEF_DATA_DIR", data.path())
        .env("BRIEF_CONFIG_DIR", empty.path())
        .args(["search", "water"])
        .output()
        .expect("run brief");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no library to search"),
        "{}",
        stderr(&out)
    );
}
