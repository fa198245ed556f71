//! The runtime: the event loop, the terminal and the worker threads. It
//! turns what happens (input, signals, workers' answers, file changes)
//! into [`Msg`]s for `App::update`, carries out the [`Effect`]s the app
//! asks for, and draws. It holds no reading logic: only generations (so a
//! stale load or search is dropped) and timing (the settle delay of file
//! events, the load limit, ticks while saves are pending).
//!
//! The loop blocks on one channel fed by the input thread and the
//! workers: while nothing happens, `brief` uses no CPU.

mod external;
mod folder_watch;
mod library;
pub mod open;
pub mod pictures;
mod refresh;
pub mod store;
mod team_watch;
mod terminal;
mod watch;

use std::collections::HashMap;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event};

use crate::app::msg::{LOAD_LIMIT_SECS, LoadRequest};
use crate::app::{App, Effect, Ending, Msg, View};
use crate::search::{NoteTags, SearchRequest, SearchWorker, WorkerEvent};
use crate::tui::Tui;
use crate::tui::signals::{self, Signal};
pub use open::Env;
use store::Job;
use watch::FileWatch;

/// A parse that takes longer than this is abandoned as "too complex".
pub const LOAD_LIMIT: Duration = Duration::from_secs(LOAD_LIMIT_SECS);
/// How long a burst of file events must be quiet before the brief reloads.
const RELOAD_SETTLE: Duration = Duration::from_millis(250);
/// How often the app hears that time passes while saves are pending.
const TICK: Duration = Duration::from_millis(100);

/// What wakes the loop.
pub(crate) enum Wake {
    Input(Event),
    InputClosed(io::Error),
    /// A load finished: its generation, the request, the result.
    Loaded(u64, LoadRequest, Result<Box<crate::app::Loaded>, String>),
    /// The library was listed, with the note tags `#tag` searches need.
    Scanned(
        Result<Box<crate::app::msg::Scanned>, String>,
        Option<Arc<NoteTags>>,
    ),
    SearchResults(crate::search::SearchResponse),
    /// The note tags of one brief, read again after its notes were saved
    /// (the `read`-th such read: an older one arriving late is dropped).
    BriefTags {
        read: u64,
        brief: PathBuf,
        tags: NoteTags,
    },
    /// The open brief's file changed on disk.
    FileChanged,
    /// Something changed under the library's folder.
    LibraryChanged,
    /// A message for the app as it is (store answers).
    App(Msg),
    /// A terminating signal (leave through the normal way out), or
    /// SIGTSTP / SIGCONT.
    #[cfg_attr(not(unix), allow(dead_code))]
    Signal(Signal),
}

/// Runs the app full-screen until it ends. The terminal is given back on
/// every path out: quitting, a terminating signal (a message to the loop,
/// which saves and returns here), a terminal error, and panics (`Tui`'s
/// hook). Ctrl-Z and SIGTSTP suspend through `Tui::suspend`.
pub fn run(app: &mut App, env: Env, mouse: bool) -> Result<Ending, crate::tui::Error> {
    let (tx, rx) = mpsc::channel();
    // Before the terminal changes: from here on no signal can end the
    // process with the terminal left raw.
    let to_loop = tx.clone();
    let signals = signals::watch(move |signal| {
        let _ = to_loop.send(Wake::Signal(signal));
    })?;
    let mut runner = Runner::new(env, tx, rx);
    let mut tui = Tui::enter(mouse)?;
    // Before the input thread starts, so the terminal's answer is ours.
    runner.pictures = Some(runner.start_pictures(app));
    let _ = tui.clear();
    let result = runner.event_loop(&mut tui, app);
    tui.leave();
    // The notes watcher holds a way to the store worker: it goes first.
    runner.notes_watch = None;
    runner.store.finish(Duration::from_secs(2));
    drop(signals);
    Ok(result?)
}

struct Runner {
    env: Env,
    tx: Sender<Wake>,
    rx: Receiver<Wake>,
    /// Every write to the data folder goes through here, in order.
    store: store::Worker,
    /// The load in flight: its number and when it started. Results of
    /// older loads are dropped.
    loading: Option<(u64, Instant, String)>,
    generation: u64,
    /// Keeps the library's index current and searches it (started when
    /// the first scan is done), with the library's canonical path.
    search: Option<(PathBuf, SearchWorker)>,
    tags: Option<Arc<NoteTags>>,
    /// Reads of one brief's tags asked for so far, and the newest taken
    /// in by brief.
    tags_asked: u64,
    tags_read: HashMap<PathBuf, u64>,
    /// The open brief's file, watched for changes; and its notes file,
    /// re-read (on the store's thread) when another window writes it.
    watch: Option<FileWatch>,
    notes_watch: Option<FileWatch>,
    team_watch: Option<team_watch::TeamWatch>,
    /// The library's folder, watched for briefs added, changed, removed.
    folder: Option<folder_watch::FolderWatch>,
    /// When to tell the app its library changed (after the burst).
    library_changed_at: Option<Instant>,
    /// When to tell the app its file changed (changes come in bursts
    /// while an editor saves: wait for them to settle).
    changed_at: Option<Instant>,
    /// The terminal went away: nothing more is drawn; the app leaves once
    /// its saves are done, and the error is reported then.
    closed: Option<io::Error>,
    pictures: Option<pictures::Worker>,
}

impl Runner {
    fn new(env: Env, tx: Sender<Wake>, rx: Receiver<Wake>) -> Runner {
        let to_loop = tx.clone();
        let store = store::spawn(env.data_dir.clone(), env.team.clone(), move |msg| {
            let _ = to_loop.send(Wake::App(msg));
        });
        Runner {
            env,
            tx,
            rx,
            store,
            loading: None,
            generation: 0,
            search: None,
            tags: None,
            tags_asked: 0,
            tags_read: HashMap::new(),
            watch: None,
            notes_watch: None,
            team_watch: None,
            folder: None,
            library_changed_at: None,
            changed_at: None,
            closed: None,
            pictures: None,
        }
    }

    fn event_loop(&mut self, term: &mut Tui, app: &mut App) -> io::Result<Ending> {
        // Start crossterm's event source (and its SIGWINCH handler) before
        // the first size query: a resize during start-up must not be lost.
        event::poll(Duration::ZERO)?;
        terminal::spawn_input(self.tx.clone());
        loop {
            self.carry_out(app, term)?;
            if let Some(ending) = app.ended() {
                return match self.closed.take() {
                    Some(e) => Err(e),
                    None => Ok(ending),
                };
            }
            if self.closed.is_none() {
                // A resize signal can still be missed; the size is one
                // ioctl, so check it before every frame.
                let size = term.size()?;
                let known = app.shared().size;
                if (size.width, size.height) != (known.width, known.height) {
                    app.update(Msg::Event(Event::Resize(size.width, size.height)));
                }
                term.draw(|frame| frame.render_widget(&*app, frame.area()))?;
            }
            // Block until something happens, then take everything already
            // queued before drawing again, so a held key never lags behind.
            let mut wake = self.next(app.busy())?;
            loop {
                match wake {
                    Some(w) => self.handle(app, term, w)?,
                    None => self.timed_out(app),
                }
                self.carry_out(app, term)?;
                if app.ended().is_some() {
                    break;
                }
                match self.rx.try_recv() {
                    Ok(w) => wake = Some(w),
                    Err(_) => break,
                }
            }
        }
    }

    /// The next wake-up; None when a deadline passed first.
    fn next(&self, busy: bool) -> io::Result<Option<Wake>> {
        let now = Instant::now();
        let deadlines = [
            self.loading
                .as_ref()
                .map(|(_, since, _)| *since + LOAD_LIMIT),
            self.changed_at,
            self.library_changed_at,
            busy.then(|| now + TICK),
        ];
        let received = match deadlines.iter().flatten().min() {
            Some(at) => self.rx.recv_timeout(at.saturating_duration_since(now)),
            None => self.rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        match received {
            Ok(w) => Ok(Some(w)),
            Err(RecvTimeoutError::Timeout) => Ok(None),
            Err(RecvTimeoutError::Disconnected) => Err(io::Error::other("input closed")),
        }
    }

    fn handle(&mut self, app: &mut App, term: &mut Tui, wake: Wake) -> io::Result<()> {
        match wake {
            Wake::Input(ev) => app.update(Msg::Event(ev)),
            Wake::InputClosed(e) => {
                self.closed = Some(e);
                app.update(Msg::Signal(SIGHUP));
            }
            Wake::Signal(Signal::Terminate(signal)) => app.update(Msg::Signal(signal)),
            Wake::Signal(Signal::Suspend) => term.suspend()?,
            Wake::Signal(Signal::Continue) => term.resume()?,
            Wake::FileChanged => self.changed_at = Some(Instant::now() + RELOAD_SETTLE),
            Wake::LibraryChanged => {
                self.library_changed_at = Some(Instant::now() + RELOAD_SETTLE);
            }
            Wake::App(msg) => {
                if let Msg::NotesSaved {
                    result: Ok(_),
                    file,
                    ..
                } = &msg
                {
                    self.refresh_tags(file.clone());
                }
                app.update(msg);
            }
            Wake::BriefTags { read, brief, tags } => {
                let newest = self.tags_read.entry(brief.clone()).or_default();
                if read > *newest {
                    *newest = read;
                    let all = self.tags.get_or_insert_with(Default::default);
                    Arc::make_mut(all).replace_brief(&brief, tags);
                }
            }
            Wake::Scanned(result, tags) => {
                if let Ok(scanned) = &result {
                    self.start_search(&scanned.library, tags);
                }
                app.update(Msg::Scanned(result));
            }
            Wake::SearchResults(response) => {
                if self
                    .search
                    .as_ref()
                    .is_some_and(|(_, w)| w.is_current(&response))
                {
                    app.update(Msg::SearchResults(response));
                }
            }
            Wake::Loaded(generation, request, result) => {
                if self
                    .loading
                    .as_ref()
                    .is_some_and(|(g, ..)| *g == generation)
                {
                    self.loading = None;
                    app.update(Msg::Loaded { request, result });
                }
            }
        }
        Ok(())
    }

    fn timed_out(&mut self, app: &mut App) {
        if self
            .library_changed_at
            .is_some_and(|at| Instant::now() >= at)
        {
            self.library_changed_at = None;
            app.update(Msg::LibraryChanged);
        }
        if self.changed_at.is_some_and(|at| Instant::now() >= at) {
            self.changed_at = None;
            // Not while another load is on its way: it reads the file anew.
            if self.loading.is_none() && *app.view() == View::Brief {
                app.update(Msg::FileChanged);
            }
        }
        if let Some((_, since, what)) = &self.loading
            && since.elapsed() >= LOAD_LIMIT
        {
            let what = what.clone();
            self.loading = None;
            app.update(Msg::LoadTimedOut(what));
        }
        if app.busy() {
            app.update(Msg::Tick);
        }
    }

    /// Carries out what the app asked for.
    fn carry_out(&mut self, app: &mut App, term: &mut Tui) -> io::Result<()> {
        for effect in app.take_effects() {
            match effect {
                Effect::Load(request) => self.load(request),
                Effect::Watch { path } => self.watch_file(&path),
                Effect::WatchNotes { file, header } => {
                    self.notes_watch = watch::watch_notes(file, header, self.store.jobs.clone());
                }
                Effect::WatchTeam { header } => self.watch_team(header),
                Effect::ScanLibrary { dir } => {
                    let first = self.folder.is_none();
                    if first {
                        let tx = self.tx.clone();
                        self.folder = folder_watch::watch_folder(&dir, move || {
                            let _ = tx.send(Wake::LibraryChanged);
                        });
                    }
                    library::start_scan(self.tx.clone(), self.env.clone(), dir, first);
                }
                Effect::Search { text, incremental } => {
                    if let Some((_, worker)) = &self.search {
                        worker.submit(SearchRequest {
                            text,
                            incremental,
                            limit: crate::app::library::PASSAGES,
                            tags: self.tags.clone(),
                            grouped: true,
                        });
                    }
                }
                Effect::SaveNotes(request) => self.send_to_store(app, Job::SaveNotes(request)),
                Effect::SaveState(state) => self.send_to_store(app, Job::SaveState(state)),
                Effect::LoadTags => self.send_to_store(app, Job::LoadTags),
                Effect::LoadAllNotes => self.send_to_store(app, Job::LoadAllNotes),
                Effect::Retag(request) => self.send_to_store(app, Job::Retag(request)),
                Effect::Export(request) => self.send_to_store(app, Job::Export(request)),
                Effect::RememberTheme(name) => self.send_to_store(app, Job::RememberTheme(name)),
                Effect::Clipboard(text) => external::copy_to_clipboard(&text),
                Effect::OpenExternal(url) => external::open_external(&url),
                Effect::Suspend => term.suspend()?,
                Effect::Picture(job) => self.pictures.iter().for_each(|w| w.submit(job.clone())),
            }
        }
        Ok(())
    }

    /// Hands a job to the store worker. Should the worker be gone (it
    /// panicked), the job is done here rather than lost.
    fn send_to_store(&mut self, app: &mut App, job: Job) {
        if let Err(mpsc::SendError(job)) = self.store.jobs.send(job) {
            let msg = store::run(
                self.env.data_dir.as_deref(),
                &mut store::Files::default(),
                job,
            );
            app.update(msg);
        }
    }

    fn load(&mut self, request: LoadRequest) {
        self.generation += 1;
        let generation = self.generation;
        let what = crate::document::load::display_path(&request.path);
        self.loading = Some((generation, Instant::now(), what));
        let tx = self.tx.clone();
        let env = self.env.clone();
        std::thread::spawn(move || {
            let result = open::load(&env, &request).map(Box::new);
            let _ = tx.send(Wake::Loaded(generation, request, result));
        });
    }

    fn watch_file(&mut self, path: &std::path::Path) {
        let tx = self.tx.clone();
        self.watch = watch::watch(path, move || {
            let _ = tx.send(Wake::FileChanged);
        });
        self.changed_at = None;
    }

    /// Starts the search worker of a library (it opens the index and
    /// indexes what changed), or, after a rescan of the same library,
    /// has it index what changed since.
    fn start_search(&mut self, library: &crate::catalogue::Library, tags: Option<Arc<NoteTags>>) {
        self.tags = tags;
        if let Some((root, worker)) = &self.search
            && *root == library.root
        {
            worker.sync(library.clone());
            return;
        }
        let tx = self.tx.clone();
        let load = library::scan_options(&self.env).load;
        let worker = SearchWorker::start(
            self.env.data_dir.clone(),
            library.clone(),
            load,
            move |event| {
                let _ = tx.send(match event {
                    WorkerEvent::Results(response) => Wake::SearchResults(response),
                    WorkerEvent::Index(event) => Wake::App(Msg::Index(event)),
                });
            },
        );
        self.search = Some((library.root.clone(), worker));
    }
}

/// The terminal went away: leave as a hang-up would.
const SIGHUP: i32 = 1;
