//! Team notes: two analysts, two data folders, one team folder carried by
//! git (a bare remote stands in for the team's server), and the leftovers
//! sync tools make (conflict markers, "(1)" copies, files cut short) read
//! with nothing lost. Hostile team files are reported, never fatal, and
//! nothing is ever written outside the team folder.

mod common;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use brief::notes::store::Header;
use brief::notes::team::{self, Team, folder, read_brief};
use common::run::brief as run_brief;
use common::{Session, TempDir};

const BRIEF: &str = "---\ntitle: Harbour dredging review\nid: desk-2026-031\n---\n\
# Harbour dredging review\n\n## Summary\n\n\
The northern channel silts up twice as fast as the survey of last spring assumed.\n\n\
Dredging contracts run out in the autumn and no tender has been drafted.\n\n\
## Options\n\nA joint tender with the river authority would halve the mobilisation cost.\n";

/// One analyst: a data folder with config.toml naming the team folder (a
/// clone of the team's repository) and the author.
struct Analyst {
    data: PathBuf,
    team: PathBuf,
}

impl Analyst {
    fn new(root: &Path, who: &str, author: &str, remote: &Path) -> Analyst {
        let data = root.join(format!("{who}-data"));
        let team = root.join(format!("{who}-team"));
        std::fs::create_dir_all(data.join("config")).expect("config folder");
        git(
            root,
            &[
                "clone",
                "-q",
                &remote.display().to_string(),
                &team.display().to_string(),
            ],
        );
        let config = format!(
            "[team]\nfolder = {:?}\nauthor = {author:?}\n",
            team.display().to_string()
        );
        std::fs::write(data.join("config").join("config.toml"), config).expect("config");
        Analyst { data, team }
    }

    fn brief(&self, args: &[&str]) -> String {
        let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
        let out = run_brief(&args, &self.data);
        assert_eq!(out.code, Some(0), "brief {args:?}: {}", out.stderr());
        out.stdout()
    }

    fn push(&self, message: &str) {
        git(&self.team, &["add", "-A"]);
        git(&self.team, &["commit", "-q", "-m", message]);
        self.pull();
        git(&self.team, &["push", "-q", "origin", "HEAD:main"]);
    }

    fn pull(&self) {
        // Nothing on the remote yet is not an error worth stopping for.
        let has_main = Command::new("git")
            .args(["ls-remote", "--exit-code", "origin", "main"])
            .current_dir(&self.team)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .is_ok_and(|o| o.status.success());
        if has_main {
            git(
                &self.team,
                &["pull", "-q", "--no-rebase", "--no-edit", "origin", "main"],
            );
        }
    }
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.invalid",
        ])
        .args(["-c", "init.defaultBranch=main", "-c", "pull.rebase=false"])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?} failed (a conflict?): {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn have_git() -> bool {
    let found = Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        println!("skipped: no git on this machine");
    }
    found
}

#[test]
fn two_analysts_share_notes_through_a_git_remote_without_conflicts() {
    if !have_git() {
        return;
    }
    let root = TempDir::new("team-git");
    let remote = root.path().join("desk.git");
    git(
        root.path(),
        &["init", "-q", "--bare", &remote.display().to_string()],
    );
    let ann = Analyst::new(root.path(), "ann", "Ann Ortiz", &remote);
    let ben = Analyst::new(root.path(), "ben", "Ben Okafor", &remote);
    // The same brief at a different path on each machine.
    let ann_brief = root.path().join("ann-briefs").join("harbour.md");
    let ben_brief = root
        .path()
        .join("ben-downloads")
        .join("Harbour review (final).md");
    for path in [&ann_brief, &ben_brief] {
        std::fs::create_dir_all(path.parent().expect("folder")).expect("brief folder");
        std::fs::write(path, BRIEF).expect("brief");
    }
    let (ann_path, ben_path) = (
        ann_brief.display().to_string(),
        ben_brief.display().to_string(),
    );

    // Ann annotates and shares, commits and pushes.
    ann.brief(&[
        "annotate",
        &ann_path,
        "--section",
        "2",
        "--block",
        "1",
        "--note",
        "Survey is stale",
    ]);
    let shared = ann.brief(&["share", &ann_path]);
    assert!(shared.contains("shared 1 note"), "{shared}");
    ann.push("Ann's notes");

    // Ben pulls and sees Ann's note, attributed.
    ben.pull();
    let listed = ben.brief(&["notes", &ben_path]);
    assert!(listed.contains("Survey is stale"), "{listed}");
    assert!(listed.contains("Ann Ortiz"), "{listed}");
    let by_ann = ben.brief(&["notes", "--author", "ann", "--format", "csv"]);
    assert!(
        by_ann.contains("Survey is stale") && by_ann.contains("Ann Ortiz"),
        "{by_ann}"
    );

    // ... and in the reader, with her initials in the notes pane.
    let mut s = Session::start(&[&ben_path], &ben.data, 120, 30);
    s.wait_for("northern channel");
    s.send("m");
    s.wait_for("[AO]");
    s.wait_for("Survey is stale");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    // Both annotate the same paragraph, share, and push: no conflict.
    ben.brief(&[
        "annotate",
        &ben_path,
        "--section",
        "2",
        "--block",
        "1",
        "--note",
        "Agree, resurvey",
    ]);
    ben.brief(&["share", &ben_path]);
    ann.brief(&[
        "annotate",
        &ann_path,
        "--section",
        "2",
        "--block",
        "1",
        "--note",
        "Tender first",
    ]);
    ann.brief(&["share", &ann_path]);
    ben.push("Ben's notes");
    ann.push("Ann's second note");
    ben.pull();

    for (who, path) in [(&ann, &ann_path), (&ben, &ben_path)] {
        let all = who.brief(&["notes", path]);
        for text in ["Survey is stale", "Agree, resurvey", "Tender first"] {
            assert!(
                all.contains(text),
                "{text} missing for {}:\n{all}",
                who.data.display()
            );
        }
    }
    // One file per author in one folder named by the brief, not its path.
    let dirs: Vec<_> = std::fs::read_dir(&ann.team)
        .expect("team folder")
        .flatten()
        .filter(|e| e.file_name() != ".git")
        .collect();
    assert_eq!(dirs.len(), 1, "one folder for the brief");
    let mut files: Vec<String> = std::fs::read_dir(dirs[0].path())
        .expect("brief folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["ann-ortiz.toml", "ben-okafor.toml"]);
    // One analyst's notes gathered.
    let memo = ann.brief(&["memo", "--author", "Ben Okafor"]);
    assert!(
        memo.contains("Agree, resurvey") && !memo.contains("Tender first"),
        "{memo}"
    );
}

// ---- Sync leftovers and hostile files ----

fn header() -> Header {
    Header {
        title: "Harbour dredging review".into(),
        id: "desk-2026-031".into(),
        ..Header::default()
    }
}

fn team_in(dir: &Path, author: &str) -> Team {
    Team {
        folder: dir.to_path_buf(),
        author: author.into(),
        share_new: false,
    }
}

/// A `[[notes]]` table as `brief` writes it.
fn note(id: &str, text: &str, updated: &str) -> String {
    format!(
        "[[notes]]\nid = \"{id}\"\ncreated = \"2026-03-01T09:00:00Z\"\nupdated = \"{updated}\"\n\
         tags = []\ntext = \"{text}\"\n\n[notes.anchor]\nsection = [\"Summary\"]\n\
         section_number = 1\nblock = 1\nhash = \"00ff\"\nquote = \"The northern channel\"\n\
         before = \"\"\nafter = \"\"\n\n"
    )
}

fn file(author: &str, notes: &[String]) -> String {
    format!(
        "version = 1\nauthor = \"{author}\"\ntitle = \"Harbour dredging review\"\n\
         id = \"desk-2026-031\"\n\n{}",
        notes.concat()
    )
}

/// The brief's folder in a fresh team folder.
fn brief_folder(root: &TempDir) -> (Team, PathBuf) {
    let team = team_in(root.path(), "Ann Ortiz");
    let dir = folder::brief_dir(&team, &header());
    std::fs::create_dir_all(&dir).expect("brief folder");
    (team, dir)
}

fn texts(notes: &[brief::notes::Note]) -> Vec<String> {
    let mut t: Vec<String> = notes.iter().map(|n| n.text.clone()).collect();
    t.sort();
    t
}

#[test]
fn git_conflict_markers_are_read_as_both_sides_newest_wins() {
    let root = TempDir::new("team-markers");
    let (team, dir) = brief_folder(&root);
    let text = format!(
        "version = 1\nauthor = \"Dana Reyes\"\ntitle = \"Harbour dredging review\"\n\n{}\
         <<<<<<< HEAD\n{}{}=======\n{}{}>>>>>>> laptop\n",
        note("n1-shared", "on both", "2026-03-01T09:00:00Z"),
        note("n2-desk", "desk only", "2026-03-01T10:00:00Z"),
        note("n3-same", "older edit", "2026-03-01T10:00:00Z"),
        note("n4-laptop", "laptop only", "2026-03-01T11:00:00Z"),
        note("n3-same", "newer edit", "2026-03-02T10:00:00Z"),
    );
    std::fs::write(dir.join("dana-reyes.toml"), text).expect("write");
    let read = read_brief(&team, &header());
    assert_eq!(
        texts(&read.notes),
        ["desk only", "laptop only", "newer edit", "on both"]
    );
    assert!(read.notes.iter().all(|n| n.author == "Dana Reyes"));
    assert_eq!(read.problems.len(), 1, "{:?}", read.problems);
    assert!(read.problems[0].contains("conflict markers"));
}

#[test]
fn copies_a_sync_tool_made_are_joined_by_note_id() {
    let root = TempDir::new("team-copies");
    let (team, dir) = brief_folder(&root);
    let a = note("n1", "first", "2026-03-01T09:00:00Z");
    let b = note("n2", "second", "2026-03-01T09:00:00Z");
    let b_newer = note("n2", "second, edited", "2026-03-03T09:00:00Z");
    let c = note("n3", "third", "2026-03-01T09:00:00Z");
    std::fs::write(dir.join("dana.toml"), file("Dana", &[a.clone(), b])).expect("write");
    std::fs::write(dir.join("dana (1).toml"), file("Dana", &[a, b_newer])).expect("write");
    std::fs::write(
        dir.join("dana.sync-conflict-20260303-101010-ABCDEFG.toml"),
        file("Dana", &[c]),
    )
    .expect("write");
    let read = read_brief(&team, &header());
    assert_eq!(texts(&read.notes), ["first", "second, edited", "third"]);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
}

#[test]
fn a_file_cut_short_keeps_every_whole_note_and_says_so_once() {
    let root = TempDir::new("team-cut");
    let (team, dir) = brief_folder(&root);
    let whole = file(
        "Dana",
        &[
            note("n1", "one", "2026-03-01T09:00:00Z"),
            note("n2", "two", "2026-03-01T09:00:00Z"),
            note(
                "n3",
                "three is long enough to be cut",
                "2026-03-01T09:00:00Z",
            ),
        ],
    );
    let cut = &whole[..whole.find("three is long").expect("text") + 8];
    std::fs::write(dir.join("dana.toml"), cut).expect("write");
    let read = read_brief(&team, &header());
    assert_eq!(texts(&read.notes), ["one", "two"]);
    assert_eq!(read.problems.len(), 1, "{:?}", read.problems);
    assert!(read.problems[0].contains("1 note(s) could not be read"));
}

#[test]
fn the_same_author_on_two_machines_keeps_both_machines_notes() {
    let root = TempDir::new("team-two-machines");
    let (team, dir) = brief_folder(&root);
    // The desktop's note, already in the file the laptop pulled.
    std::fs::write(
        dir.join("ann-ortiz.toml"),
        file(
            "Ann Ortiz",
            &[note("n-desk", "from the desktop", "2026-03-01T09:00:00Z")],
        ),
    )
    .expect("write");
    let laptop: brief::notes::Note = toml::from_str(
        &note("n-lap", "from the laptop", "2026-03-02T09:00:00Z")
            .replace("[[notes]]\n", "")
            .replace("[notes.anchor]", "[anchor]"),
    )
    .expect("a note");
    let mut mine = laptop.clone();
    mine.shared = true;
    team::publish(&team, &header(), &[], std::slice::from_ref(&mine)).expect("publish");
    let read = read_brief(&team, &header());
    assert_eq!(texts(&read.notes), ["from the desktop", "from the laptop"]);
    // Unshared on the laptop: it goes; the desktop's stays.
    let mut unshared = mine.clone();
    unshared.shared = false;
    team::publish(&team, &header(), &[mine], &[unshared]).expect("publish");
    let read = read_brief(&team, &header());
    assert_eq!(texts(&read.notes), ["from the desktop"]);
}

#[test]
fn hostile_files_are_reported_and_skipped_never_fatal() {
    let root = TempDir::new("team-hostile");
    let (team, dir) = brief_folder(&root);
    // Odd ids, paths in fields, escape sequences.
    let odd = file(
        "Mal\\u001b[2J Lory",
        &[
            note("../../etc/passwd", "path as id", "2026-03-01T09:00:00Z"),
            note("n-ok", "\u{1b}]0;owned\u{7}plain", "2026-03-01T09:00:00Z")
                .replace("\u{1b}", "\\u001b")
                .replace("\u{7}", "\\u0007"),
        ],
    );
    std::fs::write(dir.join("mal.toml"), odd).expect("write");
    // A huge file, and one with too many notes.
    let huge = format!(
        "version = 1\nauthor = \"Big\"\ntext = \"{}\"\n",
        "x".repeat(5 << 20)
    );
    std::fs::write(dir.join("big.toml"), huge).expect("write");
    let many: Vec<String> = (0..6000)
        .map(|i| note(&format!("m{i}"), "many", "2026-03-01T09:00:00Z"))
        .collect();
    std::fs::write(dir.join("many.toml"), file("Many", &many)).expect("write");
    // Deeply nested, and not UTF-8.
    let deep = format!(
        "version = 1\nauthor = \"Deep\"\nx = {}\n",
        "[".repeat(200_000)
    );
    std::fs::write(dir.join("deep.toml"), deep).expect("write");
    std::fs::write(dir.join("binary.toml"), [0xff, 0xfe, 0x00, 0x9f, b'\n']).expect("write");
    let read = read_brief(&team, &header());
    let from_mal: Vec<&brief::notes::Note> = read
        .notes
        .iter()
        .filter(|n| n.author.contains("Lory"))
        .collect();
    assert_eq!(
        from_mal.len(),
        1,
        "the note with a path for an id is left out"
    );
    for n in &read.notes {
        let all = format!("{}{}{:?}", n.author, n.text, n.anchor);
        assert!(!all.contains('\u{1b}') && !all.contains('\u{7}'), "{all:?}");
    }
    let many_read = read.notes.iter().filter(|n| n.author == "Many").count();
    assert_eq!(many_read, team::file::MAX_NOTES);
    let said = read.problems.join("\n");
    assert!(
        said.contains("big.toml") && said.contains("larger than"),
        "{said}"
    );
    assert!(said.contains("more than"), "{said}");
}

#[cfg(unix)]
#[test]
fn a_brief_folder_linked_outside_the_team_folder_is_never_written() {
    let root = TempDir::new("team-escape");
    let team_dir = root.path().join("team");
    let outside = root.path().join("outside");
    std::fs::create_dir_all(&team_dir).expect("team");
    std::fs::create_dir_all(&outside).expect("outside");
    let team = team_in(&team_dir, "Ann Ortiz");
    let key = team::brief_key(&header());
    std::os::unix::fs::symlink(&outside, team_dir.join(&key)).expect("link");
    let mut n: brief::notes::Note = toml::from_str(
        &note("n1", "secret", "2026-03-01T09:00:00Z")
            .replace("[[notes]]\n", "")
            .replace("[notes.anchor]", "[anchor]"),
    )
    .expect("a note");
    n.shared = true;
    let err = team::publish(&team, &header(), &[], &[n]).expect_err("refused");
    assert!(err.contains("link"), "{err}");
    assert_eq!(std::fs::read_dir(&outside).expect("outside").count(), 0);
}

#[test]
fn a_note_that_arrives_in_the_team_folder_shows_while_reading() {
    let root = TempDir::new("team-live");
    // One shared folder (a shared drive, Syncthing): no git needed.
    let shared = root.path().join("desk");
    std::fs::create_dir_all(&shared).expect("team folder");
    let mut analysts = Vec::new();
    for (who, author) in [
        ("ann", "Ann Ortiz"),
        ("ben", "Ben Okafor"),
        ("cleo", "Cleo Park"),
    ] {
        let data = root.path().join(format!("{who}-data"));
        std::fs::create_dir_all(data.join("config")).expect("config");
        let config = format!(
            "[team]\nfolder = {:?}\nauthor = {author:?}\n",
            shared.display().to_string()
        );
        std::fs::write(data.join("config").join("config.toml"), config).expect("config");
        analysts.push(data);
    }
    let path = root.path().join("harbour.md");
    std::fs::write(&path, BRIEF).expect("brief");
    let path = path.display().to_string();
    let run = |who: usize, args: &[&str]| {
        let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
        let out = run_brief(&args, &analysts[who]);
        assert_eq!(out.code, Some(0), "{}", out.stderr());
    };
    let note = |who: usize, section: &str, text: &str| {
        let args = [
            "annotate",
            &path,
            "--section",
            section,
            "--block",
            "1",
            "--note",
            text,
        ];
        run(who, &args);
        run(who, &["share", &path]);
    };
    // Cleo's note is there before Ben opens the brief...
    note(2, "3", "Ask the authority");
    let mut s = Session::start(&[&path], &analysts[1], 120, 30);
    s.wait_for("1 note(s) from colleagues on this brief");
    // ... Ann's arrives while he reads.
    note(0, "2", "No tender yet");
    s.wait_for("1 new note from Ann Ortiz on this brief");
    s.send("m");
    s.wait_for("No tender yet");
    s.wait_for("[CP]");
    // Read-only: `x` on her note is refused, saying why.
    s.send("\t");
    s.send("x");
    s.wait_for("Ann Ortiz's note: read-only");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// A brief as a loaded header (what the reader's notes file records).
fn header_of(text: &str) -> Header {
    let dir = TempDir::new("team-header");
    let path = dir.path().join("b.md");
    std::fs::write(&path, text).expect("brief");
    let brief = brief::document::load_path(&path, Default::default()).expect("a brief");
    Header::for_brief(Some(&path), &brief)
}

#[test]
fn a_revised_version_finds_the_first_versions_notes_but_another_brief_of_the_same_title_does_not() {
    let root = TempDir::new("team-versions");
    let old = "# Morning note\n\n## Ports\n\nThe northern channel silts up twice as fast as assumed.\n\n\
               Dredging contracts run out in the autumn.\n\nNo tender has been drafted yet.\n";
    let revised = format!("{old}\n## Annex\n\nSurvey dates for the spring.\n");
    // Same title, other sections and text: another brief. (Same title and
    // sections would be the same brief rewritten, by `identity`'s rules.)
    let other = "# Morning note\n\n## Grain\n\nGrain exports rose by a tenth in March.\n\n\
                 Rail capacity is the limit now.\n\nA second terminal opens in June.\n";
    let (old, revised, other) = (header_of(old), header_of(&revised), header_of(other));
    assert_ne!(
        team::brief_key(&old),
        team::brief_key(&revised),
        "a section more: another key"
    );
    let ann = team_in(root.path(), "Ann Ortiz");
    let mut n: brief::notes::Note = toml::from_str(
        &note("n1", "on the first version", "2026-03-01T09:00:00Z")
            .replace("[[notes]]\n", "")
            .replace("[notes.anchor]", "[anchor]"),
    )
    .expect("a note");
    n.shared = true;
    team::publish(&ann, &old, &[], &[n]).expect("publish");
    let ben = team_in(root.path(), "Ben Okafor");
    assert_eq!(
        texts(&read_brief(&ben, &revised).notes),
        ["on the first version"]
    );
    assert!(
        read_brief(&ben, &other).notes.is_empty(),
        "another day's brief"
    );
}

#[test]
fn a_team_file_of_a_newer_format_is_read_but_never_written_over() {
    let root = TempDir::new("team-newer");
    let (team, dir) = brief_folder(&root);
    let newer = file(
        "Ann Ortiz",
        &[note("n-new", "from a newer brief", "2026-03-01T09:00:00Z")],
    )
    .replace("version = 1", "version = 9");
    let path = dir.join("ann-ortiz.toml");
    std::fs::write(&path, &newer).expect("write");
    let read = read_brief(&team_in(root.path(), "Ben Okafor"), &header());
    assert_eq!(texts(&read.notes), ["from a newer brief"]);
    assert!(
        read.problems.iter().any(|p| p.contains("newer brief")),
        "{:?}",
        read.problems
    );
    let mut mine: brief::notes::Note = toml::from_str(
        &note("n1", "mine", "2026-03-02T09:00:00Z")
            .replace("[[notes]]\n", "")
            .replace("[notes.anchor]", "[anchor]"),
    )
    .expect("a note");
    mine.shared = true;
    let err = team::publish(&team, &header(), &[], &[mine]).expect_err("refused");
    assert!(err.contains("newer"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        newer,
        "untouched"
    );
}
