//! A brief with 20 pictures: loading it (the parse and one header read a
//! picture) and a keypress with one frame, the pictures drawn or pending.

use std::path::Path;
use std::time::{Duration, Instant};

use brief::app::msg::{Effect, LoadRequest, Msg};
use brief::app::{App, Start, Startup};
use brief::config::Settings;
use brief::keys::{Action, Command};
use brief::runtime::open::{Env, load};
use brief::theme::Theme;
use criterion::Criterion;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{COLS, ROWS, at_end, draw};

/// Sections, each with a picture between two paragraphs.
const PICTURES: usize = 20;

fn brief_text(chart: &Path) -> String {
    let mut text = String::from("# Twenty charts\n\n");
    for i in 0..PICTURES {
        text.push_str(&format!(
            "## Corridor {i}\n\nFreight through corridor {i} rose over the quarter, \
             as the chart shows in three bars.\n\n![Corridor {i} freight]({})\n\n\
             The green bar is the share carried by rail.\n\n",
            chart.display()
        ));
    }
    text
}

fn request(path: &Path) -> LoadRequest {
    LoadRequest {
        path: path.to_path_buf(),
        at: None,
        reload: false,
        back: None,
        attach: None,
    }
}

/// The app on the brief at 120x40; with `decode`, every picture it asks
/// for is decoded (half blocks) before the first frame, as the worker
/// would; without, every decode stays pending.
fn started(path: &Path, decode: bool) -> (App, Terminal<TestBackend>) {
    let loaded = load(&Env::default(), &request(path)).expect("the pictures brief loads");
    let mut app = App::new(Startup {
        settings: Settings::default(),
        theme: Theme::default(),
        themes: Vec::new(),
        start: Start::Opened(Box::new(loaded)),
    });
    app.take_effects();
    app.update(Action::Resize {
        width: COLS,
        height: ROWS,
    });
    if decode {
        answer(&mut app);
    }
    let mut terminal = Terminal::new(TestBackend::new(COLS, ROWS)).expect("a test terminal");
    draw(&mut terminal, &app);
    (app, terminal)
}

fn answer(app: &mut App) {
    let picker = brief::tui::graphics::halfblocks();
    for effect in app.take_effects() {
        if let Effect::Picture(job) = effect {
            let result = brief::runtime::pictures::run(&picker, &job);
            app.update(Msg::Picture { job, result });
        }
    }
}

pub fn bench(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("brief-bench-pictures-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp folder");
    let chart = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pictures/chart.png");
    let path = dir.join("charts.md");
    std::fs::write(&path, brief_text(&chart)).expect("write the brief");

    let mut group = c.benchmark_group("pictures");
    group.bench_function("load_20", |b| {
        b.iter(|| load(&Env::default(), &request(&path)).expect("loads"))
    });
    let keys = [("down", Command::Down), ("page_down", Command::PageDown)];
    for decode in [true, false] {
        for (name, command) in keys {
            let (mut app, mut terminal) = started(&path, decode);
            let label = format!("{name}_{}", if decode { "drawn" } else { "pending" });
            group.bench_function(label, |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        if at_end(&app) {
                            app.update(Action::Command(Command::Top));
                        }
                        let t = Instant::now();
                        app.update(Action::Command(command));
                        draw(&mut terminal, &app);
                        total += t.elapsed();
                        if decode {
                            // Untimed: the worker's answers for what came
                            // on screen.
                            answer(&mut app);
                        } else {
                            app.take_effects();
                        }
                    }
                    total
                })
            });
        }
    }
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}
