//! The store worker: one thread that does every write to the data folder
//! (notes, reading state, retagging, exports) and the reads that go with
//! them (every tag, every note), in the order the app asked. The app never
//! waits for it: each job's answer comes back as a message. One thread
//! keeps the saves of a notes file in order, and a lock held by another
//! instance stalls only this thread, never the screen.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender};

use crate::app::msg::{ExportProblem, ExportRequest, Msg, RetagRequest, SaveOutcome, SaveRequest};
use crate::notes::TagOp;
use crate::notes::store::{BriefNotes, Store, StoreError, export_notes, export_text};
use crate::notes::team::Team;
use crate::reading::{ReadingState, StateStore};

/// A job for the store worker.
#[derive(Debug)]
pub enum Job {
    SaveNotes(SaveRequest),
    SaveState(Box<ReadingState>),
    LoadTags,
    LoadAllNotes,
    Retag(RetagRequest),
    Export(ExportRequest),
    /// Remember the theme chosen with `T`.
    RememberTheme(String),
    /// Read a notes file another window may have written.
    ReadNotes {
        file: PathBuf,
        header: crate::notes::store::Header,
    },
}

/// The running worker: where jobs go, and its thread.
pub struct Worker {
    pub jobs: Sender<Job>,
    thread: std::thread::JoinHandle<()>,
}

/// Starts the worker; it ends when the sender is dropped.
pub fn spawn(
    data_dir: Option<PathBuf>,
    team: Option<Team>,
    reply: impl Fn(Msg) + Send + 'static,
) -> Worker {
    let (jobs, rx) = std::sync::mpsc::channel();
    let thread = std::thread::spawn(move || {
        let files = Files {
            team,
            ..Files::default()
        };
        work(data_dir.as_deref(), files, &rx, &reply);
    });
    Worker { jobs, thread }
}

impl Worker {
    /// Lets the jobs already sent finish before the process ends (a theme
    /// remembered just before quitting, say), waiting at most `within`:
    /// saves of notes are waited for by the app itself, with a message.
    pub fn finish(self, within: std::time::Duration) {
        drop(self.jobs);
        let deadline = std::time::Instant::now() + within;
        while !self.thread.is_finished() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
}

fn work(data_dir: Option<&Path>, mut files: Files, jobs: &Receiver<Job>, reply: &dyn Fn(Msg)) {
    let mut next: Option<Job> = None;
    loop {
        let job = match next.take() {
            Some(job) => job,
            None => match jobs.recv() {
                Ok(job) => job,
                Err(_) => return,
            },
        };
        // A run of reading-state saves of one brief is written once, as
        // its latest (they come several a second while paging); each is
        // still answered, since the app counts them.
        let job = match job {
            Job::SaveState(mut state) => {
                while let Ok(later) = jobs.try_recv() {
                    match later {
                        Job::SaveState(s) if s.path == state.path => {
                            reply(Msg::StateSaved(Ok(())));
                            state = s;
                        }
                        other => {
                            next = Some(other);
                            break;
                        }
                    }
                }
                Job::SaveState(state)
            }
            job => job,
        };
        reply(run(data_dir, &mut files, job));
    }
}

/// What the worker keeps between jobs. One handle per notes file written
/// in this run: a handle knows which notes in its file it wrote itself, so
/// a save sent before the answer to the last one came back is not mistaken
/// for another instance's change. The stores are opened once: opening one
/// sweeps its folder for stale temp files, too much to do on every save.
#[derive(Debug, Default)]
pub struct Files {
    handles: HashMap<PathBuf, BriefNotes>,
    store: Option<Store>,
    states: Option<StateStore>,
    /// `[team]`: each save of a brief's notes also writes its shared
    /// notes to the team folder.
    pub team: Option<Team>,
}

impl Files {
    fn store(&mut self, data_dir: Option<&Path>) -> Result<&Store, String> {
        if self.store.is_none() {
            self.store = Some(store(data_dir)?);
        }
        self.store
            .as_ref()
            .ok_or_else(|| "no notes folder".to_owned())
    }

    fn states(&mut self, data_dir: Option<&Path>) -> Result<&StateStore, String> {
        if self.states.is_none() {
            let dir = data_dir.ok_or("no data folder (set BRIEF_DATA_DIR)")?;
            self.states = Some(StateStore::open_dir(dir).map_err(|e| e.to_string())?);
        }
        self.states
            .as_ref()
            .ok_or_else(|| "no reading state folder".to_owned())
    }
}

/// Does one job and says how it went.
pub fn run(data_dir: Option<&Path>, files: &mut Files, job: Job) -> Msg {
    match job {
        Job::SaveNotes(request) => save_notes(data_dir, files, request),
        Job::SaveState(state) => Msg::StateSaved(
            files
                .states(data_dir)
                .and_then(|states| states.save(&state).map_err(|e| e.to_string())),
        ),
        Job::LoadTags => Msg::TagCounts(files.store(data_dir).map(all_tags).unwrap_or_default()),
        Job::LoadAllNotes => {
            let team = files.team.clone();
            let (rows, problems) = match files.store(data_dir) {
                Ok(store) => {
                    let (mut rows, mut problems) = crate::notes::export::all_rows(store);
                    // Colleagues' notes too, from the team folder.
                    if let Some(team) = &team {
                        let (theirs, mut why) =
                            crate::notes::team::rows::rows(store, team, None, &rows);
                        rows.extend(theirs);
                        problems.append(&mut why);
                    }
                    (rows, problems)
                }
                Err(e) => (Vec::new(), vec![e]),
            };
            Msg::AllNotes { rows, problems }
        }
        Job::Retag(RetagRequest {
            op,
            except,
            what,
            here,
        }) => Msg::Retagged {
            what,
            here,
            result: files
                .store(data_dir)
                .and_then(|store| retag(store, &op, except.as_deref())),
        },
        Job::Export(request) => export(request),
        Job::RememberTheme(name) => {
            let saved = data_dir
                .ok_or_else(|| "no data folder".to_owned())
                .and_then(|d| {
                    crate::config::remember::remember_theme(d, &name).map_err(|e| e.to_string())
                });
            Msg::ThemeRemembered(saved)
        }
        Job::ReadNotes { file, header } => {
            // A damaged or newer file is left to the next save to report.
            let notes = files
                .store(data_dir)
                .ok()
                .map(|store| store.handle(&file, header))
                .filter(|read| read.read_only.is_none())
                .map(|read| read.notes);
            Msg::NotesOnDisk { file, notes }
        }
    }
}

fn store(data_dir: Option<&Path>) -> Result<Store, String> {
    let dir = data_dir.ok_or("no data folder (set BRIEF_DATA_DIR)")?;
    Store::open_dir(dir).map_err(|e| e.to_string())
}

fn save_notes(data_dir: Option<&Path>, files: &mut Files, request: SaveRequest) -> Msg {
    let SaveRequest {
        seq,
        file,
        header,
        base,
        notes,
    } = request;
    let result = files.store(data_dir).cloned().and_then(|store| {
        let handle = files
            .handles
            .entry(file.clone())
            .or_insert_with(|| store.handle(&file, header.clone()));
        match handle.save_from(&base, notes, header.clone()) {
            Ok(saved) => {
                let team_problem = files.team.as_ref().and_then(|team| {
                    crate::notes::team::publish(team, &header, &base, &saved.notes).err()
                });
                Ok(SaveOutcome {
                    notes: saved.notes,
                    from_other: saved.report.from_other,
                    conflicts: saved.report.conflicts,
                    team_problem,
                })
            }
            Err(e) => {
                // Read afresh next time: the file may have been mended.
                files.handles.remove(&file);
                Err(e.to_string())
            }
        }
    });
    Msg::NotesSaved { seq, file, result }
}

/// Every tag of every brief's notes, with its count, by name.
fn all_tags(store: &Store) -> Vec<(String, usize)> {
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for (_, f) in store.all().into_iter().filter_map(Result::ok) {
        for t in f.notes.into_iter().flat_map(|n| n.tags) {
            *counts.entry(t).or_default() += 1;
        }
    }
    counts.into_iter().collect()
}

fn retag(store: &Store, op: &TagOp, except: Option<&Path>) -> Result<(usize, Vec<String>), String> {
    crate::notes::retag::retag(store, op, except)
        .map(|(report, skipped)| (report.files, skipped))
        .map_err(|e| e.to_string())
}

fn export(request: ExportRequest) -> Msg {
    let ExportRequest {
        path,
        own,
        header,
        notes,
        rendered,
        overwrite,
    } = request;
    let count = notes.len();
    if path.is_dir() {
        let shown = crate::document::load::display_path(&path);
        return Msg::Exported {
            path,
            count,
            result: Err(ExportProblem::Failed(format!(
                "{shown} is a folder: give a file name in it"
            ))),
        };
    }
    let written = match rendered {
        Some(text) => export_text(&path, own.as_deref(), &text, overwrite),
        None => export_notes(&path, own.as_deref(), header, notes, overwrite),
    };
    let result = written.map_err(|e| match e {
        StoreError::Exists { .. } => ExportProblem::Exists,
        e => ExportProblem::Failed(e.to_string()),
    });
    Msg::Exported {
        path,
        count,
        result,
    }
}
