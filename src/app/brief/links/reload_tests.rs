//! Reloads and `#heading` links keep the reader on their paragraph.

use crate::app::App;
use crate::app::testing::{app_on, screen, screen_mut};

fn app(text: &str) -> App {
    app_on(text, 100, 30)
}

/// Reloads `v1` with the cursor on `block` as `v2`; the block the cursor
/// lands on.
fn after_reload(v1: &str, block: usize, v2: &str) -> String {
    let mut before = app(v1);
    let s = screen_mut(&mut before);
    s.reader.set_cursor(&s.brief, block);
    let target = s.reload_target().expect("a block under the cursor");
    let mut after = app(v2);
    let (s, cx) = after.screen_and_shared();
    s.go_to_target(&target, cx);
    let s = screen(&after);
    s.brief.block_text(s.reader.cursor).to_owned()
}

#[test]
fn a_reload_keeps_the_cursor_on_its_block_when_it_was_edited_and_blocks_came_above() {
    let v1 = "## Carve-outs\n\nKarosta's leadership has hinted at a waiver.\n\n\
              ## Who loses\n\nDunevia has the most to lose from a closed corridor.\n\n\
              The rest follows.\n";
    let v2 = v1
        .replace(
            "a waiver.\n\n",
            "a waiver.\n\nA new paragraph on the carve-outs.\n\n",
        )
        .replace("the most to lose", "by far the most to lose");
    let landed = after_reload(v1, 1, &v2);
    assert!(
        landed.starts_with("Dunevia has by far"),
        "cursor on: {landed}"
    );
}

#[test]
fn a_reload_keeps_the_cursor_on_a_heavily_reworded_block() {
    let v1 = "## Background\n\nAn opening paragraph.\n\n\
              The national response centre states that the median time from detection \
              to first notification is now 61 hours, well above the target.\n";
    let v2 = v1
        .replace(
            "An opening paragraph.\n\n",
            "An opening paragraph.\n\nZebra crossing.\n\n",
        )
        .replace(
            "The national response centre states that the median time from detection \
             to first notification",
            "According to the centre, median detection-to-notification time",
        );
    let landed = after_reload(v1, 1, &v2);
    assert!(
        landed.starts_with("According to the centre"),
        "cursor on: {landed}"
    );
}

#[test]
fn back_after_a_heading_link_returns_to_the_paragraph_in_the_same_brief() {
    let mut app = app("## One\n\nFirst.\n\nSee [two](#two).\n\n## Two\n\nSecond.\n");
    let s = screen_mut(&mut app);
    s.reader.set_cursor(&s.brief, 1);
    let (s, cx) = app.screen_and_shared();
    s.follow_link("#two", cx);
    assert_eq!(screen(&app).reader.cursor, 2);
    app.update(crate::keys::Action::Command(crate::keys::Command::Back));
    assert_eq!(
        screen(&app).reader.cursor,
        1,
        "back on the paragraph with the link"
    );
    assert!(app.take_effects().is_empty(), "nothing reloaded");
}
