//! The event loop and terminal setup. The loop blocks on a channel fed by
//! an input thread and by background loaders: while nothing happens,
//! `brief` uses no CPU.

use std::io::{self, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{LeaveAlternateScreen, disable_raw_mode};

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::library::Scanned;
use super::open::{self, Env, Loaded};
use super::watch::FileWatch;
use super::{Action, App, Effect, Target};
use crate::catalogue::{Library, ScanOptions, note_counts, scan};
use crate::document::LoadOptions;
use crate::notes::store::Store;
use crate::reading::StateStore;
use crate::search::{NoteTags, SearchRequest, SearchResponse, SearchWorker};

/// A parse that takes longer than this is abandoned as "too complex".
pub const LOAD_LIMIT: Duration = Duration::from_secs(2);

/// What wakes the loop.
enum Wake {
    Input(Event),
    InputClosed(io::Error),
    Loaded(u64, Option<Target>, Result<Box<Loaded>, String>),
    Scanned(Result<Box<Scanned>, String>, Option<Arc<NoteTags>>),
    /// The open brief's file changed on disk.
    FileChanged,
    /// Every brief's notes, and the notes files that could not be read.
    AllNotes(Vec<crate::notes::export::ExportNote>, Vec<String>),
    SearchResults(SearchResponse),
    /// SIGTERM, SIGINT, SIGHUP or SIGQUIT: quit now, through the normal way
    /// out.
    #[cfg_attr(not(unix), allow(dead_code))]
    Signal(i32),
}

/// How the full-screen app ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The reader quit, or the app ended itself (see `App::fatal`).
    Quit,
    /// A signal ended it (after the reading state was saved and the
    /// terminal restored); by convention the process exits 128 + signal.
    Signal(i32),
}

/// Turns on mouse capture and bracketed paste; a panic turns them off
/// again before the message prints, the normal way out is
/// `restore_terminal`.
fn enable_input_modes(mouse: bool) -> io::Result<()> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        disable_input_modes();
        previous(info);
    }));
    if mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    execute!(io::stdout(), EnableBracketedPaste)
}

fn disable_input_modes() {
    let mut out = io::stdout();
    let _ = execute!(out, DisableMouseCapture, DisableBracketedPaste);
    let _ = out.flush();
}

/// Gives the terminal back as the shell had it: raw mode off, mouse and
/// bracketed paste off, cursor shown, main screen. Every step is tried even
/// when another fails (a terminal that hung up fails them all), and nothing
/// here can panic.
fn restore_terminal() {
    let _ = disable_raw_mode();
    disable_input_modes();
    let mut out = io::stdout();
    let _ = execute!(out, Show, LeaveAlternateScreen);
    let _ = out.flush();
}

/// Runs the app full-screen until the reader quits or a signal ends it.
/// The terminal is restored on every path out: quitting, a signal
/// (SIGTERM, SIGINT, SIGHUP, SIGQUIT become a message to the loop, which
/// saves the reading state and returns here), a terminal error, and
/// panics (ratatui's hook restores the screen; ours turns off the mouse
/// first).
pub fn run(app: &mut App, env: Env, mouse: bool) -> io::Result<Ended> {
    let (tx, rx) = mpsc::channel();
    // Before the terminal changes: from here on no signal can end the
    // process with the terminal left raw.
    let signals = signals::watch(tx.clone())?;
    let mut runner = Runner::new(env, tx, rx);
    let result = ratatui::try_init().and_then(|mut terminal| {
        let r = enable_input_modes(mouse).and_then(|()| runner.event_loop(&mut terminal, app));
        // Not dropped: its Drop shows the cursor (restore_terminal does)
        // and, when that fails, says so with eprintln!, which panics on a
        // terminal that hung up; the panic hooks then fail the same way
        // and the process aborts.
        std::mem::forget(terminal);
        r
    });
    restore_terminal();
    drop(signals);
    result.map(|()| runner.signal.map_or(Ended::Quit, Ended::Signal))
}

struct Runner {
    env: Env,
    tx: Sender<Wake>,
    rx: Receiver<Wake>,
    /// The load in flight: its number and when it started. Results of
    /// older loads are dropped.
    loading: Option<(u64, Instant)>,
    generation: u64,
    /// Searches the library's full text (built when the scan is done).
    worker: Option<SearchWorker>,
    tags: Option<Arc<NoteTags>>,
    /// The open brief's file, watched for changes.
    watch: Option<FileWatch>,
    /// When to reload after a change (changes come in bursts while an
    /// editor saves: wait for them to settle).
    reload_at: Option<Instant>,
    /// The load in flight is a reload of the open brief, to this place.
    reload_target: Option<Target>,
    /// The signal that ended the app.
    signal: Option<i32>,
}

/// How long a burst of file events must be quiet before the brief reloads.
const RELOAD_SETTLE: Duration = Duration::from_millis(250);

impl Runner {
    fn new(env: Env, tx: Sender<Wake>, rx: Receiver<Wake>) -> Runner {
        Runner {
            env,
            tx,
            rx,
            loading: None,
            generation: 0,
            worker: None,
            tags: None,
            watch: None,
            reload_at: None,
            reload_target: None,
            signal: None,
        }
    }

    fn event_loop(&mut self, terminal: &mut DefaultTerminal, app: &mut App) -> io::Result<()> {
        // Start crossterm's event source (and its SIGWINCH handler) before
        // the first size query: a resize during start-up must not be lost.
        event::poll(Duration::ZERO)?;
        spawn_input(self.tx.clone());
        loop {
            self.run_effects(app);
            if app.quit {
                return Ok(());
            }
            // A resize signal can still be missed; the size is one ioctl, so
            // check it before every frame.
            let size = terminal.size()?;
            if (size.width, size.height) != (app.size.width, app.size.height) {
                app.update(Action::Resize {
                    width: size.width,
                    height: size.height,
                });
            }
            terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
            // Block until something happens, then take everything already
            // queued before drawing again, so a held key never lags behind.
            let mut wake = self.next()?;
            loop {
                match wake {
                    Some(w) => self.handle(app, w)?,
                    None => self.timed_out(app),
                }
                if app.quit {
                    return Ok(());
                }
                match self.rx.try_recv() {
                    Ok(w) => wake = Some(w),
                    Err(_) => break,
                }
            }
        }
    }

    /// The next wake-up; None when a load ran past its limit.
    fn next(&self) -> io::Result<Option<Wake>> {
        let load_left = self
            .loading
            .map(|(_, since)| LOAD_LIMIT.saturating_sub(since.elapsed()));
        let reload_left = self
            .reload_at
            .map(|at| at.saturating_duration_since(Instant::now()));
        let timeout = match (load_left, reload_left) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let received = match timeout {
            Some(t) => self.rx.recv_timeout(t),
            None => self.rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        match received {
            Ok(w) => Ok(Some(w)),
            Err(RecvTimeoutError::Timeout) => Ok(None),
            Err(RecvTimeoutError::Disconnected) => Err(io::Error::other("input closed")),
        }
    }

    fn handle(&mut self, app: &mut App, wake: Wake) -> io::Result<()> {
        match wake {
            Wake::Input(ev) => {
                if let Some(action) = app.keymap.translate(&ev, app.wants_text()) {
                    app.update(action);
                }
            }
            Wake::InputClosed(e) => {
                leave(app);
                return Err(e);
            }
            Wake::Signal(signal) => {
                self.signal = Some(signal);
                leave(app);
            }
            Wake::FileChanged => self.reload_at = Some(Instant::now() + RELOAD_SETTLE),
            Wake::AllNotes(rows, problems) => app.library_notes(rows, &problems),
            Wake::Scanned(result, tags) => match result {
                Ok(scanned) => {
                    self.start_worker(&scanned.library, tags);
                    app.library_scanned(*scanned);
                }
                Err(message) => app.library_failed(message),
            },
            Wake::SearchResults(response) => {
                if self
                    .worker
                    .as_ref()
                    .is_some_and(|w| w.is_current(&response))
                {
                    app.library_results(response);
                }
            }
            Wake::Loaded(generation, at, result) => {
                if self.loading.is_some_and(|(g, _)| g == generation) {
                    self.loading = None;
                    let reload = self.reload_target.take();
                    match (result, reload) {
                        (Ok(loaded), Some(target)) => app.reloaded(*loaded, target),
                        (Ok(loaded), None) => {
                            self.watch_file(&loaded.path);
                            app.show_loaded(*loaded, at.as_ref());
                        }
                        (Err(message), Some(_)) => app.reload_failed(&message),
                        (Err(message), None) => app.load_failed(message),
                    }
                }
            }
        }
        Ok(())
    }

    fn timed_out(&mut self, app: &mut App) {
        if self.reload_at.is_some_and(|at| Instant::now() >= at) {
            self.reload_at = None;
            self.start_reload(app);
        }
        if let Some((_, since)) = self.loading
            && since.elapsed() >= LOAD_LIMIT
        {
            self.loading = None;
            self.reload_target = None;
            let what = match &app.view {
                super::View::Loading { what } => what.clone(),
                super::View::Brief | super::View::Library => "the brief".to_owned(),
            };
            app.load_failed(format!(
                "{what}: document too complex (not parsed within {} s)",
                LOAD_LIMIT.as_secs()
            ));
        }
    }

    fn run_effects(&mut self, app: &mut App) {
        for effect in std::mem::take(&mut app.effects) {
            match effect {
                Effect::Clipboard(text) => copy_to_clipboard(&text),
                Effect::OpenExternal(url) => open_external(&url),
                Effect::ScanLibrary { dir } => {
                    let tx = self.tx.clone();
                    let env = self.env.clone();
                    std::thread::spawn(move || {
                        let (result, tags) = scan_library(&env, &dir);
                        let _ = tx.send(Wake::Scanned(result, tags));
                    });
                }
                Effect::Watch { path } => self.watch_file(&path),
                Effect::LoadAllNotes => {
                    let tx = self.tx.clone();
                    let data = self.env.data_dir.clone();
                    std::thread::spawn(move || {
                        let found = data
                            .and_then(|d| Store::open_dir(&d).ok())
                            .map(|store| crate::notes::export::all_rows(&store))
                            .unwrap_or_default();
                        let _ = tx.send(Wake::AllNotes(found.0, found.1));
                    });
                }
                Effect::Search { text, incremental } => {
                    if let Some(worker) = &self.worker {
                        worker.submit(SearchRequest {
                            text,
                            incremental,
                            limit: super::library::PASSAGES,
                            tags: self.tags.clone(),
                        });
                    }
                }
                Effect::Load { path, at } => {
                    self.generation += 1;
                    let generation = self.generation;
                    self.loading = Some((generation, Instant::now()));
                    let tx = self.tx.clone();
                    let env = self.env.clone();
                    std::thread::spawn(move || {
                        let result = open::load(&env, &path).map(Box::new);
                        let _ = tx.send(Wake::Loaded(generation, at, result));
                    });
                }
            }
        }
    }
}

impl Runner {
    fn watch_file(&mut self, path: &std::path::Path) {
        let tx = self.tx.clone();
        self.watch = super::watch::watch(path, move || {
            let _ = tx.send(Wake::FileChanged);
        });
        self.reload_at = None;
    }

    /// Reads the open brief again after it changed on disk, keeping the
    /// screen as it is until the new version is ready.
    fn start_reload(&mut self, app: &mut App) {
        let (Some(watch), Some(source)) = (&self.watch, &app.source) else {
            return;
        };
        if app.view != super::View::Brief || self.loading.is_some() {
            return;
        }
        let Ok(now) = std::fs::canonicalize(source) else {
            // Gone (deleted, or moved away): what is on screen stays, and
            // the reader must know it is all there is.
            app.file_gone();
            return;
        };
        if now != watch.path {
            return;
        }
        let Some(target) = app.reload_target() else {
            return;
        };
        self.generation += 1;
        let generation = self.generation;
        self.loading = Some((generation, Instant::now()));
        self.reload_target = Some(target);
        let tx = self.tx.clone();
        let env = self.env.clone();
        let path = source.clone();
        std::thread::spawn(move || {
            let result = open::load(&env, &path).map(Box::new);
            let _ = tx.send(Wake::Loaded(generation, None, result));
        });
    }

    /// Starts building the search index of a library on its own thread;
    /// searches asked meanwhile are answered once it is ready.
    fn start_worker(&mut self, library: &Library, tags: Option<Arc<NoteTags>>) {
        let tx = self.tx.clone();
        let options = scan_options(&self.env);
        self.tags = tags;
        self.worker = Some(SearchWorker::building(
            library.clone(),
            options,
            || {},
            move |response| {
                let _ = tx.send(Wake::SearchResults(response));
            },
        ));
    }
}

/// Ends the app without asking, as when the terminal goes away or a signal
/// comes: the reading position is saved, and the notes once more if their
/// last save failed (they are saved on every change otherwise). A note
/// that still cannot be saved is reported after the terminal is restored.
fn leave(app: &mut App) {
    app.save_reading();
    if let Err(e) = app.notes.retry_save(&app.brief) {
        app.fatal.get_or_insert(e);
    }
    app.quit = true;
}

fn scan_options(env: &Env) -> ScanOptions {
    match &env.data_dir {
        Some(dir) => ScanOptions::with_cache(dir),
        None => ScanOptions::default(),
    }
}

/// Lists a folder with what the list shows about each brief: reading
/// progress, "updated since last read", note counts; and the note tags
/// `#tag` searches need.
fn scan_library(
    env: &Env,
    dir: &std::path::Path,
) -> (Result<Box<Scanned>, String>, Option<Arc<NoteTags>>) {
    let library = match scan(dir, &scan_options(env)) {
        Ok(l) => l,
        Err(e) => return (Err(e.to_string()), None),
    };
    let mut progress = HashMap::new();
    let mut updated = HashSet::new();
    let mut notes = HashMap::new();
    let mut tags = None;
    if let Some(data) = &env.data_dir {
        if let Ok(states) = StateStore::open_dir(data).map(|s| s.all()) {
            for entry in &library.entries {
                let Some(state) = states.get(&entry.canonical) else {
                    continue;
                };
                progress.insert(entry.canonical.clone(), state.progress());
                if entry
                    .info()
                    .is_some_and(|i| state.is_updated(&i.content_hash))
                {
                    updated.insert(entry.canonical.clone());
                }
            }
        }
        if let Ok(store) = Store::open_dir(data) {
            notes = note_counts(&store);
            tags = Some(Arc::new(NoteTags::from_store(
                &store,
                &library,
                LoadOptions::default(),
            )));
        }
    }
    let scanned = Scanned {
        library,
        progress,
        updated,
        notes,
    };
    (Ok(Box::new(scanned)), tags)
}

/// Termination signals, turned into `Wake::Signal` on a thread of their
/// own (a signal handler itself can do next to nothing safely).
#[cfg(unix)]
mod signals {
    use std::io::{self, Write};
    use std::sync::mpsc::Sender;

    use ratatui::crossterm::cursor::Show;
    use ratatui::crossterm::event::{DisableBracketedPaste, DisableMouseCapture};
    use ratatui::crossterm::execute;
    use ratatui::crossterm::terminal::{LeaveAlternateScreen, disable_raw_mode};
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    use signal_hook::iterator::{Handle, Signals};

    use super::Wake;

    /// Stops listening when dropped; the handlers stay installed (and
    /// further signals are ignored) while the process finishes exiting.
    pub struct Watch(Handle);

    impl Drop for Watch {
        fn drop(&mut self) {
            self.0.close();
        }
    }

    /// The first signal asks the loop to quit. A second one means the loop
    /// did not get there (it is stuck somewhere): the terminal is restored
    /// from this thread, without the stdout lock, and the process exits.
    pub fn watch(tx: Sender<Wake>) -> io::Result<Watch> {
        let mut signals = Signals::new([SIGTERM, SIGINT, SIGHUP, SIGQUIT])?;
        let handle = signals.handle();
        std::thread::spawn(move || {
            let mut asked = false;
            for signal in signals.forever() {
                if asked {
                    emergency_exit(signal);
                }
                asked = true;
                let _ = tx.send(Wake::Signal(signal));
            }
        });
        Ok(Watch(handle))
    }

    fn emergency_exit(signal: i32) -> ! {
        let _ = disable_raw_mode();
        if let Ok(mut tty) = std::fs::OpenOptions::new().write(true).open("/dev/tty") {
            let _ = execute!(
                tty,
                DisableMouseCapture,
                DisableBracketedPaste,
                Show,
                LeaveAlternateScreen
            );
            let _ = tty.flush();
        }
        std::process::exit(128 + signal);
    }
}

/// Elsewhere the system's default handling of Ctrl-Break and the like
/// stays.
#[cfg(not(unix))]
mod signals {
    pub struct Watch;

    pub fn watch(_tx: std::sync::mpsc::Sender<super::Wake>) -> std::io::Result<Watch> {
        Ok(Watch)
    }
}

/// Reads terminal events on their own thread so the loop can also wait on
/// loaders.
fn spawn_input(tx: Sender<Wake>) {
    std::thread::spawn(move || {
        loop {
            let wake = match event::read() {
                Ok(ev) => Wake::Input(ev),
                Err(e) => Wake::InputClosed(e),
            };
            let closed = matches!(wake, Wake::InputClosed(_));
            if tx.send(wake).is_err() || closed {
                return;
            }
        }
    });
}

/// Sets the system clipboard through the terminal (OSC 52), which works
/// over SSH and in tmux with `set-clipboard on`. The text is base64 inside
/// the sequence, and the caller sanitised it, so nothing in it can act as
/// a control sequence of its own.
fn copy_to_clipboard(text: &str) {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = io::stdout();
    let _ = write!(out, "\x1b]52;c;{encoded}\x07");
    let _ = out.flush();
}

/// Opens a URL with the system's opener, as one argument (never through a
/// shell), with no access to the terminal. Only ever on an explicit key.
fn open_external(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let _ = std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}
