//! What the runner keeps fresh beside the app: the tags of a brief whose
//! notes were saved (for `#tag` searches), and the watch on the team
//! folder.

use std::path::PathBuf;

use super::{NoteTags, Runner, Wake};
use crate::notes::store::read_notes_file;

impl Runner {
    /// Watches the open brief's folder in the team folder.
    pub(super) fn watch_team(&mut self, header: crate::notes::store::Header) {
        let (tx, team) = (self.tx.clone(), self.env.team.clone());
        self.team_watch = team.map(|team| {
            super::team_watch::watch_team(team, header, move |m| _ = tx.send(Wake::App(m)))
        });
    }

    /// A note was saved: its brief's tags may have changed, so `#tag`
    /// searches get that one brief's tags read again (off this thread).
    pub(super) fn refresh_tags(&mut self, file: PathBuf) {
        let Some((root, _)) = &self.search else {
            return;
        };
        let root = root.clone();
        self.tags_asked += 1;
        let read = self.tags_asked;
        let tx = self.tx.clone();
        std::thread::spawn(move || {
            let Ok(notes) = read_notes_file(&file) else {
                return;
            };
            let brief = PathBuf::from(&notes.path);
            let tags = NoteTags::from_files([notes], &root, Default::default());
            let _ = tx.send(Wake::BriefTags { read, brief, tags });
        });
    }
}
