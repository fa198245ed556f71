//! Criterion benchmarks for what a reader waits on: loading a brief, laying
//! out a screen, and a keypress followed by one frame drawn into a
//! `TestBackend` of 120x40.
//!
//! ```text
//! cargo bench --bench reader                 # everything, about 2 minutes
//! cargo bench --bench reader -- load/        # one group
//! ```
//!
//! `pictures/` is a brief of 20 sections, each with a 160x120 PNG between
//! two paragraphs: its load (parse and the 20 header reads), and keypresses
//! with the pictures drawn in half blocks (decoded beforehand, as the
//! worker would) and with every decode still pending.
//!
//! The briefs come from `gen/` (deterministic, binary sizes: `1MB` is
//! 1,048,576 bytes). `load/1MB`, `2MB` and `4MB` show that loading stays
//! linear: the MB/s figure should not drop as the size doubles.

#[path = "../gen/mod.rs"]
mod generator;
mod pictures;

use std::hint::black_box;
use std::time::{Duration, Instant};

use brief::app::{App, Startup};
use brief::document::{Brief, parse};
use brief::keys::{Action, Command};
use brief::layout::{block_lines, heading_lines};
use criterion::{BatchSize, Criterion, SamplingMode, Throughput};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const COLS: u16 = 120;
const ROWS: u16 = 40;
const TEXT_WIDTH: usize = 100;

fn main() {
    let mut c = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();

    let texts: Vec<(&str, String)> = generator::SIZES
        .iter()
        .map(|&(label, bytes)| (label, generator::brief(bytes, generator::SEED)))
        .collect();
    let big_text = &texts.last().expect("SIZES is not empty").1;
    let big = parse(big_text, "bench");
    assert!(
        big.warnings.is_empty(),
        "the generated brief loads cleanly: {:?}",
        big.warnings
    );

    bench_load(&mut c, &texts);
    bench_layout(&mut c, &big);
    bench_frames(&mut c, &big);
    bench_keypresses(&mut c, &big);
    pictures::bench(&mut c);
    c.final_summary();
}

/// `parse` on each size. The large sizes take tens of milliseconds per
/// run, so they use flat sampling with few samples.
fn bench_load(c: &mut Criterion, texts: &[(&str, String)]) {
    let mut group = c.benchmark_group("load");
    for (label, text) in texts {
        group.throughput(Throughput::Bytes(text.len() as u64));
        if text.len() >= generator::MIB {
            group
                .sampling_mode(SamplingMode::Flat)
                .sample_size(10)
                .measurement_time(Duration::from_secs(3));
        } else {
            group
                .sampling_mode(SamplingMode::Auto)
                .sample_size(30)
                .measurement_time(Duration::from_secs(2));
        }
        group.bench_function(*label, |b| b.iter(|| parse(black_box(text), "bench")));
    }
    group.finish();
}

/// Lays out what a 120x40 screen shows at width 100, from the block in the
/// middle of the brief: headings and blocks until 40 lines are filled.
fn bench_layout(c: &mut Criterion, brief: &Brief) {
    let start = brief.blocks.len() / 2;
    let mut group = c.benchmark_group("layout");
    group.bench_function("one_screen", |b| {
        b.iter(|| layout_screen(black_box(brief), start, usize::from(ROWS)))
    });
    group.finish();
}

/// The lines of one screen, walking blocks (and the headings of the
/// sections they enter) from `block` until `rows` lines are laid out.
fn layout_screen(brief: &Brief, block: usize, rows: usize) -> usize {
    let mut lines = 0;
    let mut section = brief.section_of(block);
    for id in block..brief.blocks.len() {
        let s = brief.section_of(id);
        if s != section {
            section = s;
            lines += heading_lines(brief, s, TEXT_WIDTH).len();
        }
        lines += block_lines(brief, id, TEXT_WIDTH).len();
        if lines >= rows {
            break;
        }
    }
    lines
}

/// An app on a 120x40 screen with its first frame drawn, as after start-up.
fn started_app(brief: Brief) -> (App, Terminal<TestBackend>) {
    let mut app = App::new(Startup::brief(brief));
    app.take_effects();
    app.update(Action::Resize {
        width: COLS,
        height: ROWS,
    });
    let mut terminal = Terminal::new(TestBackend::new(COLS, ROWS)).expect("a test terminal");
    draw(&mut terminal, &app);
    (app, terminal)
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|f| f.render_widget(app, f.area()))
        .expect("drawing into a TestBackend");
}

fn bench_frames(c: &mut Criterion, brief: &Brief) {
    let mut group = c.benchmark_group("frame");
    group.sample_size(20);

    // Start-up after the parse: the app's indexes, the layout of the first
    // screen and the first frame.
    group.bench_function("first_10MB", |b| {
        b.iter_batched(
            || brief.clone(),
            |brief| started_app(brief).0,
            BatchSize::PerIteration,
        )
    });

    // `G` then `g`, alternately, each with one frame. After the first round
    // both ends are in the layout cache: this is the repeated jump.
    let (mut app, mut terminal) = started_app(brief.clone());
    let mut bottom = true;
    group.bench_function("after_G_10MB", |b| {
        b.iter(|| {
            let c = if bottom {
                Command::Bottom
            } else {
                Command::Top
            };
            bottom = !bottom;
            app.update(Action::Command(c));
            draw(&mut terminal, &app);
        })
    });
    drop((app, terminal));

    // The first `G` after start-up, with nothing of the end laid out yet.
    group.bench_function("first_G_10MB", |b| {
        b.iter_batched(
            || started_app(brief.clone()),
            |(mut app, mut terminal)| {
                app.update(Action::Command(Command::Bottom));
                draw(&mut terminal, &app);
                (app, terminal)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

/// A key and one frame, pressed over and over from the top of the 10 MB
/// brief. Reaching the end goes back to the top, untimed.
fn bench_keypresses(c: &mut Criterion, brief: &Brief) {
    let mut group = c.benchmark_group("keypress");
    let keys = [
        ("next_section", Command::NextSection),
        ("down", Command::Down),
        ("page_down", Command::PageDown),
    ];
    for (name, command) in keys {
        let (mut app, mut terminal) = started_app(brief.clone());
        group.bench_function(name, |b| {
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
                }
                total
            })
        });
    }
    group.finish();
}

fn at_end(app: &App) -> bool {
    let b = app.brief().expect("a brief is open");
    let last_block = b.brief.blocks.len().saturating_sub(1);
    let last_section = b.brief.sections.len().saturating_sub(1);
    b.reader.cursor >= last_block || b.reader.section >= last_section
}
