//! Going places: the library, another brief, back to the brief; a brief
//! loaded (shown, or put back in place after a reload) or not.

use super::msg::{Effect, LoadRequest, Loaded, Target};
use super::shared::Nav;
use super::{App, BriefScreen, View};
use crate::document::load::display_path;

impl App {
    pub(super) fn navigate(&mut self, nav: Nav) {
        match nav {
            Nav::Open(request) => {
                if !request.reload {
                    self.cx
                        .say(format!("opening {}…", display_path(&request.path)));
                    self.typeahead = Some(Vec::new());
                }
                self.cx.push(Effect::Load(request));
            }
            Nav::Library => {
                // A brief opened on its own: `o` opens the configured
                // library (the `library` setting, else ./briefs).
                if self.library.is_none()
                    && let Some(dir) = self.cx.settings.library.clone()
                {
                    self.library = Some(Box::new(super::LibraryScreen::new(dir, &mut self.cx)));
                }
                self.show_library();
            }
            Nav::Brief => {
                if let Some(b) = &mut self.brief {
                    b.relayout(&self.cx);
                    self.view = View::Brief;
                }
            }
        }
    }

    /// To the library, with the brief just read selected in it.
    fn show_library(&mut self) {
        match (&mut self.library, &mut self.brief) {
            (Some(library), brief) => {
                if let Some(b) = brief {
                    b.save_reading(&mut self.cx);
                    library.returned_from(b);
                }
                self.view = View::Library;
            }
            (None, _) => self.cx.say(
                "no library: open a folder of briefs (brief DIR), or set `library` in \
                 config.toml",
            ),
        }
    }

    /// A brief was read: shown, or put back in place after a reload.
    pub(super) fn loaded(&mut self, request: LoadRequest, loaded: Loaded) {
        if request.reload {
            if let Some(b) = &mut self.brief {
                let attached = request.attach.is_some();
                b.reloaded(loaded, request.at.as_ref(), attached, &mut self.cx);
            }
        } else {
            if let Some(place) = request.back {
                self.cx.history.push(place);
            }
            self.show(loaded, request.at.as_ref());
        }
        for event in self.typeahead.take().unwrap_or_default() {
            self.event(&event);
        }
    }

    /// Opens a loaded brief in place of the one shown (whose reading state
    /// is saved first).
    pub(super) fn show(&mut self, loaded: Loaded, at: Option<&Target>) {
        if let Some(old) = &mut self.brief {
            old.save_reading(&mut self.cx);
            old.flush_notes(&mut self.cx);
        }
        if !loaded.canonical.as_os_str().is_empty() {
            self.cx.push(Effect::Watch {
                path: loaded.canonical.clone(),
            });
        }
        // Notes another window adds show without waiting for a save here.
        if let super::NotesHome::File { file, header } = &loaded.home {
            self.cx.push(Effect::WatchNotes {
                file: file.clone(),
                header: header.clone(),
            });
            // And colleagues' notes, when there is a team folder.
            if self.cx.settings.team.is_some() {
                let header = header.clone();
                self.cx.push(Effect::WatchTeam { header });
            }
        }
        self.brief = Some(Box::new(BriefScreen::open(loaded, at, &mut self.cx)));
        self.view = View::Brief;
    }

    /// A load or scan failed. With nothing else to show, the app ends and
    /// the message is printed after the terminal is restored.
    pub(super) fn load_failed(&mut self, message: String) {
        self.typeahead = None;
        if self.brief.is_none() && self.library.as_ref().is_none_or(|l| l.scanned.is_none()) {
            self.exit.fatal = Some(message);
            self.exit.leaving = Some(None);
            return;
        }
        if let View::Loading(_) = self.view {
            self.view = if self.brief.is_some() {
                View::Brief
            } else {
                View::Library
            };
        }
        self.cx.error(message);
    }

    /// The open brief's file changed on disk: read it again, to the block
    /// under the cursor.
    pub(super) fn file_changed(&mut self) {
        let Some(b) = &self.brief else { return };
        let Some(path) = b.source.clone() else { return };
        self.cx.push(Effect::Load(LoadRequest {
            path,
            at: b.reload_target(),
            reload: true,
            back: None,
            attach: None,
        }));
    }
}
