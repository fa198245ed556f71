//! The app as a whole: what reaches the screens.

use std::path::Path;

use crate::app::testing::{open_with_state, screen};
use crate::document::parse;
use crate::keys::Action;
use crate::reading::ReadingState;

#[test]
fn a_brief_reopened_before_the_size_is_known_shows_its_whole_outline_after_the_first_resize() {
    let text = "## One\n\nA.\n\n## Two\n\nB.\n\n## Three\n\nC.\n\n## Four\n\nD.\n";
    let path = Path::new("/briefs/four.md");
    let mut state = ReadingState::unread(path);
    state.set_position(&parse(text, "b"), 3);
    // As at start-up: opened where it was left, before the terminal's size
    // is known (the outline is one row tall then).
    let mut app = open_with_state(text, state, (0, 0));
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    let s = screen(&app);
    assert_eq!(s.reader.section, 3);
    assert_eq!(
        s.outline.sel.offset, 0,
        "every section fits: none scrolled away"
    );
}
