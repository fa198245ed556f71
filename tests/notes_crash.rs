//! Never lose notes, even when brief dies mid-save (issue 3) or two
//! instances save the same brief at once (issue 7).
//!
//! The children are this test binary itself, run with `--ignored --exact`
//! on a child test that does nothing unless its environment variable names
//! a temp data folder.
//!
//! The kill timings and the soak children's scripts are random, seeded
//! from the clock. A failing test prints its seed; to replay it, run
//! `BRIEF_TEST_SEED=<seed> cargo test --test notes_crash <test name>`.
//! The same seed gives the same timings and scripts; how the system
//! schedules the processes around them still varies, so a failure that
//! depends on a race may need a few runs to show again.

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use brief::document::{Brief, parse};
use brief::notes::Note;
use brief::notes::anchor::{anchor_for, fingerprint};
use brief::notes::store::{Header, NotesFile, Store};
use tempfile::TempDir;

const BRIEF: &str = "# Grain corridor\n\n## Background\n\n\
    The corridor carried most of the region's grain until the blockade.\n\n\
    Insurers withdrew cover after the first strikes on port facilities.\n\n\
    ## Options\n\n\
    A convoy scheme would need naval escorts from at least three states.\n";
const TITLE: &str = "Grain corridor";

const DATA_DIR_VAR: &str = "BRIEF_TEST_CHILD_DATA_DIR";
const BRIEF_VAR: &str = "BRIEF_TEST_CHILD_BRIEF";
const RUN_VAR: &str = "BRIEF_TEST_CHILD_RUN";
const ROLE_VAR: &str = "BRIEF_TEST_CHILD_ROLE";
const SECS_VAR: &str = "BRIEF_TEST_CHILD_SECS";

/// Notes per generation in the crash test.
const GENERATION_SIZE: usize = 40;
const KILLS: usize = 50;

// ---------------------------------------------------------------- helpers

/// Replays a run: the seed of the random timings and scripts.
const SEED_VAR: &str = "BRIEF_TEST_SEED";

/// The seed of this run: BRIEF_TEST_SEED when it is set, else the clock.
fn seed() -> u64 {
    match std::env::var(SEED_VAR) {
        Ok(text) => text
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{SEED_VAR}={text:?} is not a number")),
        Err(_) => SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64),
    }
}

/// Prints how to replay the test when it fails (panics) while this lives.
struct SeedReport {
    test: &'static str,
    seed: u64,
}

impl Drop for SeedReport {
    fn drop(&mut self) {
        if thread::panicking() {
            eprintln!(
                "{} failed with seed {}; replay: {SEED_VAR}={} cargo test --test notes_crash {}",
                self.test, self.seed, self.seed, self.test
            );
        }
    }
}

/// xorshift64*: enough randomness for timings and scripts, no dependency.
struct Rng(u64);

impl Rng {
    /// A generator for `seed`; `salt` gives each user of one seed (the
    /// parent, each child) a stream of its own.
    fn seeded(seed: u64, salt: u64) -> Rng {
        Rng((seed ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15)) | 1)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n.max(1)
    }
}

/// A child process killed and reaped when the test ends, however it ends.
struct ChildGuard(Child);

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn spawn_child(test: &str, data_dir: &Path, brief: &Path, extra: &[(&str, &str)]) -> ChildGuard {
    let mut cmd = Command::new(std::env::current_exe().expect("test binary"));
    cmd.args([
        "--exact",
        test,
        "--nocapture",
        "--ignored",
        "--test-threads=1",
    ])
    .env(DATA_DIR_VAR, data_dir)
    .env(BRIEF_VAR, brief)
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    for (k, v) in extra {
        cmd.env(k, OsStr::new(v));
    }
    ChildGuard(cmd.spawn().expect("spawn child"))
}

/// What a child needs: the store, the brief and its notes, from the
/// environment; None when this is not a child run.
struct ChildEnv {
    brief: Brief,
    brief_path: PathBuf,
    store: Store,
}

impl ChildEnv {
    fn from_env() -> Option<ChildEnv> {
        let data_dir = std::env::var_os(DATA_DIR_VAR)?;
        let brief_path = PathBuf::from(std::env::var_os(BRIEF_VAR)?);
        let store = Store::open_dir(Path::new(&data_dir)).expect("open store");
        Some(ChildEnv {
            brief: parse(BRIEF, "t"),
            brief_path,
            store,
        })
    }

    fn header(&self) -> Header {
        Header::new(Some(&self.brief_path), TITLE, &fingerprint(&self.brief))
    }

    fn note(&self, block: usize, text: String) -> Note {
        Note::new(
            anchor_for(&self.brief, block % self.brief.blocks.len()),
            text,
            vec![],
        )
    }
}

fn var(name: &str) -> String {
    std::env::var(name).unwrap_or_default()
}

fn fixture() -> (TempDir, PathBuf, PathBuf) {
    let tmp = TempDir::new().expect("temp dir");
    let brief = tmp.path().join("grain.md");
    fs::write(&brief, BRIEF).expect("write brief");
    let data = tmp.path().join("data");
    (tmp, brief, data)
}

fn notes_file(data_dir: &Path, brief: &Path) -> PathBuf {
    let store = Store::open_dir(data_dir).expect("open store");
    store.file_for(Some(brief), &fingerprint(&parse(BRIEF, "t")))
}

/// Marks what a child reports on stdout: libtest prints `test name ... `
/// before the test's own output, on the same line.
const MARK: &str = "@@child ";

fn reported(line: &str) -> Option<&str> {
    line.find(MARK).map(|i| &line[i + MARK.len()..])
}

fn temp_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .expect("list notes folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect()
}

// ---------------------------------------------------------------- crash

#[test]
fn killed_mid_save_leaves_one_whole_generation() {
    let (_tmp, brief, data) = fixture();
    let seed = seed();
    let _report = SeedReport {
        test: "killed_mid_save_leaves_one_whole_generation",
        seed,
    };
    let mut rng = Rng::seeded(seed, 1);
    let (mut interrupted, mut saves) = (0, 0);
    for run in 0..KILLS {
        let mut child = spawn_child(
            "crash_child_saves_in_a_loop",
            &data,
            &brief,
            &[(RUN_VAR, &run.to_string())],
        );
        let stdout = child.0.stdout.take().expect("child stdout");
        let ready = BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .any(|l| reported(&l) == Some("READY"));
        assert!(ready, "run {run}: the child never saved");
        thread::sleep(Duration::from_millis(1 + rng.below(30)));
        drop(child); // SIGKILL, then reaped

        let store = Store::open_dir(&data).expect("reopen store");
        interrupted += store.cleaned_temp_files();
        assert_eq!(
            temp_files(store.dir()),
            Vec::<String>::new(),
            "run {run}: temp files cleaned"
        );
        let text = fs::read_to_string(notes_file(&data, &brief)).expect("notes file exists");
        let file: NotesFile = toml::from_str(&text)
            .unwrap_or_else(|e| panic!("run {run}: the file does not parse: {e}\n{text}"));
        assert_eq!(
            file.notes.len(),
            GENERATION_SIZE,
            "run {run}: a whole generation"
        );
        let gens: BTreeSet<&str> = file
            .notes
            .iter()
            .filter_map(|n| n.text.lines().next())
            .collect();
        assert_eq!(gens.len(), 1, "run {run}: one generation, got {gens:?}");
        let generation = gens.first().copied().unwrap_or_default().to_owned();
        saves += generation
            .rsplit('-')
            .next()
            .and_then(|k| k.parse::<u64>().ok())
            .unwrap_or(0)
            + 1;
        assert!(
            generation.starts_with(&format!("generation {run}-")),
            "run {run}: {generation}"
        );
        let opened = store
            .open_brief(Some(&brief), TITLE, &fingerprint(&parse(BRIEF, "t")))
            .expect("open brief");
        assert_eq!(opened.read_only, None);
    }
    // For the log: how hard the kills hit.
    println!(
        "{KILLS} kills, {saves} whole saves seen, {interrupted} saves cut off mid-write \
         (seed {seed})"
    );
}

#[test]
#[ignore = "child of killed_mid_save_leaves_one_whole_generation"]
fn crash_child_saves_in_a_loop() {
    let Some(env) = ChildEnv::from_env() else {
        return;
    };
    let run = var(RUN_VAR);
    let mut notes = env
        .store
        .open_brief(Some(&env.brief_path), TITLE, &fingerprint(&env.brief))
        .expect("open brief");
    assert_eq!(notes.read_only, None, "the last kill left a damaged file");
    let template: Vec<Note> = (0..GENERATION_SIZE)
        .map(|i| {
            let mut n = env.note(i, String::new());
            n.id = format!("note-{i:03}");
            n
        })
        .collect();
    // Bounded, in case the parent died without killing us.
    let deadline = Instant::now() + Duration::from_secs(20);
    for k in 0u64.. {
        notes.notes = template
            .iter()
            .enumerate()
            .map(|(i, n)| Note {
                text: format!("generation {run}-{k}\nnote {i}: \"quoted\" \\ ü\n"),
                ..n.clone()
            })
            .collect();
        notes.save(env.header()).expect("save");
        if k == 0 {
            println!("{MARK}READY");
        }
        if Instant::now() > deadline {
            break;
        }
    }
}

// ---------------------------------------------------------------- two instances

/// What a soak child says it did, from its stdout.
#[derive(Default)]
struct Reported {
    created: BTreeSet<String>,
    deleted: BTreeSet<String>,
    merged: usize,
    done: bool,
}

fn collect(child: &mut ChildGuard) -> thread::JoinHandle<(Reported, String)> {
    let stdout = child.0.stdout.take().expect("stdout");
    let stderr = child.0.stderr.take().expect("stderr");
    thread::spawn(move || {
        let errors = thread::spawn(move || {
            let lines = BufReader::new(stderr).lines().map_while(Result::ok);
            lines.collect::<Vec<_>>().join("\n")
        });
        let mut r = Reported::default();
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            match reported(&line).and_then(|l| l.split_once(' ')) {
                Some(("CREATED", id)) => _ = r.created.insert(id.to_owned()),
                Some(("DELETED", id)) => _ = r.deleted.insert(id.to_owned()),
                Some(("DONE", merged)) => {
                    r.merged = merged.parse().unwrap_or(0);
                    r.done = true;
                }
                _ => {}
            }
        }
        (r, errors.join().unwrap_or_default())
    })
}

#[test]
fn two_instances_adding_and_deleting_never_lose_a_note() {
    let (_tmp, brief, data) = fixture();
    let secs = std::env::var("BRIEF_SOAK_SECS").unwrap_or_else(|_| "3".into());
    // The children draw their scripts from this run's seed.
    let seed = seed();
    let _report = SeedReport {
        test: "two_instances_adding_and_deleting_never_lose_a_note",
        seed,
    };
    let seed_text = seed.to_string();
    let mut children: Vec<ChildGuard> = ["a", "b"]
        .iter()
        .map(|role| {
            spawn_child(
                "soak_child",
                &data,
                &brief,
                &[(ROLE_VAR, role), (SECS_VAR, &secs), (SEED_VAR, &seed_text)],
            )
        })
        .collect();
    let readers: Vec<_> = children.iter_mut().map(collect).collect();
    let mut all = Reported::default();
    for (reader, child) in readers.into_iter().zip(&mut children) {
        let (r, errors) = reader.join().expect("reader thread");
        let status = child.0.wait().expect("wait");
        assert!(status.success() && r.done, "a child failed:\n{errors}");
        all.created.extend(r.created);
        all.deleted.extend(r.deleted);
        all.merged += r.merged;
    }
    let text = fs::read_to_string(notes_file(&data, &brief)).expect("notes file");
    let file: NotesFile = toml::from_str(&text).expect("the file parses");
    let on_disk: BTreeSet<String> = file.notes.into_iter().map(|n| n.id).collect();
    let lost: Vec<&String> = all
        .created
        .difference(&all.deleted)
        .filter(|id| !on_disk.contains(*id))
        .collect();
    assert!(lost.is_empty(), "lost notes: {lost:?}");
    // A note both edited at once is kept twice: the second is a conflict
    // copy named after it.
    let from_nowhere: Vec<&String> = on_disk
        .iter()
        .filter(|id| !all.created.contains(*id))
        .filter(|id| {
            !all.created
                .iter()
                .any(|c| id.starts_with(&format!("{c}-conflict-")))
        })
        .collect();
    assert!(
        from_nowhere.is_empty(),
        "notes from nowhere: {from_nowhere:?}"
    );
    assert!(
        all.created.len() > 20,
        "the children did little: {}",
        all.created.len()
    );
    assert!(
        all.merged > 0,
        "the two instances never saw each other's notes"
    );
}

#[test]
#[ignore = "child of two_instances_adding_and_deleting_never_lose_a_note"]
fn soak_child() {
    let Some(env) = ChildEnv::from_env() else {
        return;
    };
    let role = var(ROLE_VAR);
    let secs: u64 = var(SECS_VAR).parse().unwrap_or(3);
    // One stream per role, both from the parent's seed.
    let salt = role.bytes().map(u64::from).sum::<u64>() + 2;
    let mut rng = Rng::seeded(seed(), salt);
    let mut notes = env
        .store
        .open_brief(Some(&env.brief_path), TITLE, &fingerprint(&env.brief))
        .expect("open brief");
    let (mut created, mut deleted, mut merged) = (Vec::new(), Vec::new(), 0);
    let deadline = Instant::now() + Duration::from_secs(secs);
    let mut step = 0u64;
    loop {
        let finishing = Instant::now() >= deadline;
        if !finishing {
            step += 1;
            let len = notes.notes.len() as u64;
            match rng.below(10) {
                0..=4 => {
                    let note = env.note(rng.below(8) as usize, format!("{role} {step}"));
                    created.push(note.id.clone());
                    notes.notes.push(note);
                }
                5..=7 if len > 0 => {
                    let note = notes.notes.remove(rng.below(len) as usize);
                    deleted.push(note.id);
                }
                _ if len > 0 => {
                    let note = &mut notes.notes[rng.below(len) as usize];
                    note.text.push_str(&format!("\nedited by {role} at {step}"));
                    note.touch();
                }
                _ => {}
            }
        }
        let report = notes
            .save(env.header())
            .unwrap_or_else(|e| panic!("save failed: {e}"));
        merged += report.from_other;
        created
            .drain(..)
            .for_each(|id| println!("{MARK}CREATED {id}"));
        deleted
            .drain(..)
            .for_each(|id| println!("{MARK}DELETED {id}"));
        if finishing {
            break;
        }
        thread::sleep(Duration::from_micros(rng.below(2000)));
    }
    println!("{MARK}DONE {merged}");
}
