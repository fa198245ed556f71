//! Colleagues' notes on screen (TestBackend and insta): initials in the
//! notes pane, their own margin mark, replies threaded, and edits refused.
//! The team folder's answer is given as the runtime would give it.

mod common;

use std::path::PathBuf;

use brief::app::{App, Loaded, Msg, NotesHome, Start};
use brief::document::parse;
use brief::notes::store::Header;
use brief::notes::team::{Team, TeamNotes, folder};
use brief::notes::{Note, anchor_for};
use common::tui::{app_with, brief_of, press, screen, startup, type_text};

const BRIEF: &str = "# Harbour dredging review\n\n## Summary\n\n\
The northern channel silts up twice as fast as the survey of last spring assumed.\n\n\
Dredging contracts run out in the autumn and no tender has been drafted.\n\n\
## Options\n\nA joint tender with the river authority would halve the mobilisation cost.\n";

fn team() -> Team {
    Team {
        folder: PathBuf::from("/desk"),
        author: "Ben Okafor".into(),
        share_new: false,
    }
}

/// The brief open with a notes file, a team folder configured, and Dana's
/// note on the second paragraph read from the team folder.
fn app() -> App {
    let brief = parse(BRIEF, "harbour");
    let mut dana = Note::new(
        anchor_for(&brief, 1),
        "Tender draft is due in May.".into(),
        vec![],
    );
    dana.author = "Dana Reyes".into();
    dana.id = "n1-dana".into();
    dana.created = "2026-03-01T09:00:00Z".into();
    let header = Header::default();
    let mut start = startup(Start::Opened(Box::new(Loaded {
        home: NotesHome::File {
            file: "/data/notes/harbour.toml".into(),
            header: header.clone(),
        },
        ..Loaded::in_memory(brief)
    })));
    start.settings.team = Some(team());
    start.settings.author = "Ben Okafor".into();
    let mut app = app_with(start, 100, 20);
    app.update(Msg::TeamNotes(TeamNotes {
        dir: folder::brief_dir(&team(), &header),
        notes: vec![dana],
        problems: Vec::new(),
        title: String::new(),
    }));
    app
}

#[test]
fn a_colleagues_note_shows_with_initials_and_its_own_mark() {
    let mut app = app();
    press(&mut app, &["m"]);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn a_colleagues_note_cannot_be_edited_but_can_be_replied_to() {
    let mut app = app();
    press(&mut app, &["m", "tab", "e"]);
    let shown = screen(&app);
    assert!(shown.contains("note: read-only here"), "{shown}");
    press(&mut app, &["r"]);
    type_text(&mut app, "Then we tender jointly");
    press(&mut app, &["ctrl-s"]);
    let notes = &brief_of(&app).notes;
    let reply = notes
        .notes
        .iter()
        .find(|n| n.text == "Then we tender jointly")
        .expect("the reply is a note");
    assert_eq!(reply.reply_to.as_deref(), Some("n1-dana"));
    assert!(reply.shared, "a reply to a colleague is shared");
    assert_eq!(reply.author, "Ben Okafor");
    let effects = app.take_effects();
    let saved = effects.iter().find_map(|e| match e {
        brief::app::Effect::SaveNotes(save) => Some(save),
        _ => None,
    });
    let saved = saved.expect("the reply is saved");
    assert!(
        saved.notes.iter().all(|n| n.id != "n1-dana"),
        "a colleague's note is never saved in the reader's own file"
    );
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn s_shares_the_readers_own_note_and_again_stops_sharing_it() {
    let mut app = app();
    // Dana's paragraph: S refuses hers.
    press(&mut app, &["j", "S"]);
    assert!(screen(&app).contains("no note of yours here to share"));
    press(&mut app, &["a"]);
    type_text(&mut app, "Mine");
    press(&mut app, &["ctrl-s"]);
    app.take_effects();
    let mine = |app: &App| {
        brief_of(app)
            .notes
            .notes
            .iter()
            .find(|n| n.text == "Mine")
            .map(|n| (n.shared, n.author.clone()))
    };
    assert_eq!(
        mine(&app),
        Some((false, "Ben Okafor".into())),
        "private until shared"
    );
    press(&mut app, &["S"]);
    // Two notes here: which one is asked; Dana's is not offered.
    let shown = screen(&app);
    assert!(
        !shown.contains("Share which note?"),
        "only one note of mine here:\n{shown}"
    );
    assert_eq!(mine(&app), Some((true, "Ben Okafor".into())));
    let effects = app.take_effects();
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, brief::app::Effect::SaveNotes(s)
            if s.notes.iter().any(|n| n.text == "Mine" && n.shared))),
        "the share is saved (and the store writes the team file after the save)"
    );
    press(&mut app, &["S"]);
    assert_eq!(mine(&app), Some((false, "Ben Okafor".into())));
}

#[test]
fn a_reply_is_listed_under_the_note_it_answers() {
    let mut app = app();
    // On Dana's paragraph: a note of mine first, then a reply to hers.
    press(&mut app, &["j", "a"]);
    type_text(&mut app, "Mine");
    press(&mut app, &["ctrl-s", "m", "tab"]);
    // The pane lists Dana's note first: reply to it.
    press(&mut app, &["g", "r"]);
    type_text(&mut app, "Then we tender jointly");
    press(&mut app, &["ctrl-s"]);
    let shown = screen(&app);
    let at = |text: &str| {
        shown
            .find(text)
            .unwrap_or_else(|| panic!("{text}:\n{shown}"))
    };
    assert!(at("Tender draft") < at("Then we tender") && at("Then we tender") < at("Mine"));
}
