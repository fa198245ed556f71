//! Tags that stay tidy and memos, across briefs, from the shell.

mod common;

use std::process::{Command, Output};

use common::TempDir;

fn brief(data: &TempDir, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("BRIEF_DATA_DIR", data.path())
        .args(args)
        .output()
        .expect("run brief")
}

fn ok(o: Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Two briefs with notes: (path of brief A, path of brief B).
fn two_briefs(data: &TempDir) -> (String, String) {
    let a = data.path().join("alpha.md");
    let b = data.path().join("beta.md");
    std::fs::write(&a, "---\ntitle: Alpha\ndate: 2026-01-10\n---\n## One\n\nFirst paragraph of alpha.\n\nSecond paragraph of alpha.\n").unwrap();
    std::fs::write(
        &b,
        "---\ntitle: Beta\ndate: 2026-06-01\n---\n## One\n\nFirst paragraph of beta.\n",
    )
    .unwrap();
    let (a, b) = (
        a.to_string_lossy().into_owned(),
        b.to_string_lossy().into_owned(),
    );
    let add = |file: &str, block: &str, tags: &[&str], kind: &str, text: &str| {
        let mut args = vec![
            "annotate",
            file,
            "--section",
            "1",
            "--block",
            block,
            "--kind",
            kind,
            "--note",
            text,
        ];
        for t in tags {
            args.extend(["--tag", t]);
        }
        ok(brief(data, &args));
    };
    add(&a, "1", &["energy/grid", "uk"], "claim", "alpha one");
    add(&a, "2", &["energy"], "risk", "alpha two");
    add(&b, "1", &["grid"], "claim", "beta one");
    (a, b)
}

fn note_count(data: &TempDir) -> usize {
    let json = ok(brief(data, &["notes", "--format", "json"]));
    serde_json::from_str::<serde_json::Value>(&json)
        .unwrap()
        .as_array()
        .unwrap()
        .len()
}

#[test]
fn rename_and_merge_rewrite_every_brief_and_keep_every_note() {
    let data = TempDir::new("analyst-rename");
    two_briefs(&data);
    assert_eq!(note_count(&data), 3);
    let out = ok(brief(&data, &["tags", "rename", "energy", "power"]));
    assert!(out.contains("on 2 note(s) in 1 brief(s)"), "{out}");
    // Merge: `grid` into the existing `power/grid`.
    ok(brief(&data, &["tags", "rename", "grid", "power/grid"]));
    assert_eq!(note_count(&data), 3, "notes are conserved");
    let tags = ok(brief(&data, &["tags"]));
    assert_eq!(tags, "3  power\n2    power/grid\n1  uk\n");
}

#[test]
fn deleting_a_tag_removes_it_and_only_it() {
    let data = TempDir::new("analyst-delete");
    two_briefs(&data);
    ok(brief(&data, &["tags", "delete", "energy"]));
    let tags = ok(brief(&data, &["tags"]));
    assert_eq!(tags, "1  grid\n1  uk\n");
    assert_eq!(note_count(&data), 3, "notes with text stay");
}

#[test]
fn notes_filter_by_kind_date_and_brief() {
    let data = TempDir::new("analyst-filter");
    two_briefs(&data);
    let claims = ok(brief(
        &data,
        &["notes", "--kind", "claim", "--format", "json"],
    ));
    let v: serde_json::Value = serde_json::from_str(&claims).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    let recent = ok(brief(
        &data,
        &["notes", "--brief-since", "2026-03-01", "--format", "json"],
    ));
    let v: serde_json::Value = serde_json::from_str(&recent).unwrap();
    assert_eq!(v[0]["brief"], "Beta");
    assert_eq!(v.as_array().unwrap().len(), 1);
    // --since is about when the notes were made: all of them today.
    let made = |since: &str| {
        let out = ok(brief(
            &data,
            &["notes", "--since", since, "--format", "json"],
        ));
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v.as_array().map_or(0, Vec::len)
    };
    assert_eq!(made("2000-01-01"), 3);
    assert_eq!(made("2999-01-01"), 0);
    let alpha = ok(brief(
        &data,
        &[
            "notes", "--brief", "alph", "--tag", "energy", "--format", "json",
        ],
    ));
    let v: serde_json::Value = serde_json::from_str(&alpha).unwrap();
    assert_eq!(
        v.as_array().unwrap().len(),
        2,
        "energy finds energy/grid too"
    );
}

#[test]
fn memo_groups_notes_with_quotes_and_citations() {
    let data = TempDir::new("analyst-memo");
    two_briefs(&data);
    let memo = ok(brief(&data, &["memo", "--group-by", "kind"]));
    let claim = memo.find("## claim").expect("a claim group");
    let risk = memo.find("## risk").expect("a risk group");
    assert!(claim < risk);
    assert!(
        memo.contains(
            "alpha one\n\n> First paragraph of alpha.\n>\n> — Alpha, 2026-01-10, One, §1 ¶1"
        ),
        "{memo}"
    );
    let by_tag = ok(brief(
        &data,
        &["memo", "--group-by", "tag", "--tag", "energy"],
    ));
    assert!(
        by_tag.contains("## #energy\n") && by_tag.contains("## #energy/grid\n"),
        "{by_tag}"
    );
    assert!(!by_tag.contains("beta one"), "{by_tag}");
}

#[test]
fn cite_from_the_shell_in_every_format() {
    let data = TempDir::new("analyst-cite");
    let (a, _) = two_briefs(&data);
    let plain = ok(brief(
        &data,
        &["cite", &a, "--section", "1", "--block", "2"],
    ));
    assert_eq!(
        plain,
        format!("Alpha, 2026-01-10, One, §1 ¶2, {a}\n“Second paragraph of alpha.”\n")
    );
    let md = ok(brief(
        &data,
        &[
            "cite",
            &a,
            "--section",
            "1",
            "--block",
            "2",
            "--format",
            "markdown",
        ],
    ));
    assert_eq!(
        md,
        format!("> Second paragraph of alpha.\n\n— Alpha, 2026-01-10, One, §1 ¶2, {a}\n")
    );
    let json = ok(brief(
        &data,
        &[
            "cite",
            &a,
            "--section",
            "1",
            "--block",
            "2",
            "--format",
            "json",
        ],
    ));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["address"], "§1 ¶2");
    let bad = brief(&data, &["cite", &a, "--section", "1", "--block", "9"]);
    assert_eq!(bad.status.code(), Some(2));
}
