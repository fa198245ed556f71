//! Finding a brief's notes when its path says nothing: it was moved,
//! renamed or edited (its old notes file records a path that is gone), or
//! it is a new version of a brief that is still there. A confident match
//! takes the notes over at once; a weaker one, or a new version, is
//! offered to the reader, who decides ([`Store::attach`]).

use std::fs;
use std::path::{Path, PathBuf};

use super::disk::{adopt, read_header};
use super::error::{StoreError, shown};
use super::{BriefNotes, Header, Store};
use crate::notes::identity::Likeness;

/// Notes that may be this brief's, for the reader to accept or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    /// The notes file they are in.
    pub file: PathBuf,
    /// The brief they were made on, as the file records it.
    pub brief: String,
    pub title: String,
    pub notes: usize,
    pub kind: OfferKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfferKind {
    /// Its brief is gone and this one looks like it, edited: the notes
    /// move over.
    Moved,
    /// Its brief is still there and this one looks like a new version of
    /// it: the notes are copied over, the old brief keeps its own.
    NewVersion,
}

/// A brief's notes as opened: its own file, maybe moved over from where
/// the brief was before, or notes that may be its own on offer.
#[derive(Debug)]
pub struct Opened {
    pub notes: BriefNotes,
    /// The brief's old path, when its notes moved over to it just now.
    pub moved_from: Option<String>,
    pub offer: Option<Offer>,
}

impl Opened {
    fn own(notes: BriefNotes) -> Opened {
        Opened {
            notes,
            moved_from: None,
            offer: None,
        }
    }
}

/// What was found for a brief that has no notes file under its path.
#[derive(Debug, Default)]
struct Found {
    /// Confidently this brief's (moved), best first.
    confident: Option<(f64, PathBuf)>,
    /// Worth asking about.
    offer: Option<(f64, Offer)>,
}

impl Store {
    /// The notes of a brief, and notes that may be its own to offer. A
    /// brief known by its path opens its file. Else the notes of a brief
    /// whose file is gone and which this one confidently is (the same
    /// `id`, or most of the same text) move over to it; a weaker match, or
    /// a brief still there of which this looks like a new version, comes
    /// back as an [`Offer`].
    pub fn open_with(
        &self,
        brief_path: Option<&Path>,
        header: Header,
    ) -> Result<Opened, StoreError> {
        let path = self.file_for(brief_path, &header.fingerprint);
        if brief_path.is_none() || matches!(path.try_exists(), Ok(true)) {
            return Ok(Opened::own(BriefNotes::load(path, header)));
        }
        let found = self.find(&path, &header);
        if let Some((_, old)) = found.confident {
            return self.take_over(&old, &path, header);
        }
        Ok(Opened {
            offer: found.offer.map(|(_, offer)| offer),
            ..Opened::own(BriefNotes::load(path, header))
        })
    }

    /// The reader accepted an offer: the notes move over (their brief is
    /// gone) or are copied (a new version; the old brief keeps its own).
    pub fn attach(
        &self,
        brief_path: &Path,
        offer: &Offer,
        header: Header,
    ) -> Result<Opened, StoreError> {
        let path = self.file_for(Some(brief_path), &header.fingerprint);
        match offer.kind {
            OfferKind::Moved => self.take_over(&offer.file, &path, header),
            OfferKind::NewVersion => {
                let old = BriefNotes::load(offer.file.clone(), header.clone());
                if let Some(why) = old.read_only {
                    return Err(StoreError::ReadOnly { why });
                }
                let mut new = BriefNotes::load(path, header.clone());
                let mut notes = new.notes.clone();
                let have: std::collections::HashSet<String> =
                    notes.iter().map(|n| n.id.clone()).collect();
                notes.extend(old.notes.into_iter().filter(|n| !have.contains(&n.id)));
                let base = new.notes.clone();
                new.save_from(&base, notes, header)?;
                Ok(Opened::own(new))
            }
        }
    }

    /// Moves a notes file over to a brief's own name, and says where from.
    fn take_over(&self, old: &Path, path: &Path, header: Header) -> Result<Opened, StoreError> {
        let was = read_header(old).map(|h| h.path);
        match adopt(old, path) {
            Ok(true) => {
                let mut notes = BriefNotes::load(path.to_path_buf(), header);
                notes.adopted_from = Some(old.to_path_buf());
                Ok(Opened {
                    moved_from: was,
                    ..Opened::own(notes)
                })
            }
            Ok(false) => Ok(Opened::own(BriefNotes::load(path.to_path_buf(), header))),
            // Show the notes where they are, but write nothing there: the
            // file belongs to the brief's old path.
            Err(e) => {
                let mut notes = BriefNotes::load(old.to_path_buf(), header);
                notes.read_only.get_or_insert_with(|| {
                    format!(
                        "these notes were found in {} (the brief was moved) but could not \
                         follow it: {e}",
                        shown(old)
                    )
                });
                Ok(Opened::own(notes))
            }
        }
    }

    /// Looks through every other notes file for this brief's notes.
    fn find(&self, own: &Path, header: &Header) -> Found {
        let mut found = Found::default();
        let Ok(files) = self.notes_files() else {
            return found;
        };
        let ours = header.identity();
        for file in files.into_iter().filter(|f| f != own) {
            let Some(recorded) = read_header(&file) else {
                continue;
            };
            if recorded.path.is_empty() {
                continue;
            }
            let gone = matches!(Path::new(&recorded.path).try_exists(), Ok(false));
            // This very path under another name (the naming changed).
            if recorded.path == header.path {
                found.confident = Some((f64::MAX, file));
                return found;
            }
            let same_text =
                !header.fingerprint.is_empty() && recorded.fingerprint == header.fingerprint;
            let likeness = if same_text {
                Likeness::Confident(1.0)
            } else {
                ours.likeness(&recorded.identity())
            };
            // The brief's old name is in this one's folder, as another
            // file: that file is the brief that moved (a folder moved or
            // synced), and this one a copy of it: it is offered the notes,
            // it does not take them.
            let heir_beside = heir_beside(&header.path, &recorded.path);
            match (likeness, gone) {
                (Likeness::Confident(score), true) if !heir_beside => {
                    keep_best(&mut found.confident, score, || file.clone())
                }
                (Likeness::Confident(score), true) => keep_best(&mut found.offer, score, || {
                    offer(&file, &recorded, OfferKind::NewVersion)
                }),
                (Likeness::Possible(score), true) => {
                    keep_best(&mut found.offer, score, || {
                        offer(&file, &recorded, OfferKind::Moved)
                    });
                }
                // A brief that is still there: this one may be its next
                // version (much the same text; or the same title or id and
                // some of it).
                (Likeness::Confident(score), false) => {
                    keep_best(&mut found.offer, score * 0.5, || {
                        offer(&file, &recorded, OfferKind::NewVersion)
                    });
                }
                (Likeness::Possible(score), false)
                    if recorded.title == header.title
                        || (!header.id.is_empty() && recorded.id == header.id) =>
                {
                    keep_best(&mut found.offer, score * 0.5, || {
                        offer(&file, &recorded, OfferKind::NewVersion)
                    });
                }
                _ => {}
            }
        }
        // Files written before briefs kept a sketch of their text: the
        // only gone one with the same title is still taken over, as before.
        if found.confident.is_none() && found.offer.is_none() {
            found.confident = self.only_with_title(own, header).map(|f| (0.0, f));
        }
        found
    }

    fn only_with_title(&self, own: &Path, header: &Header) -> Option<PathBuf> {
        if header.title.trim().is_empty() {
            return None;
        }
        let mut same: Vec<PathBuf> = Vec::new();
        for file in self.notes_files().ok()?.into_iter().filter(|f| f != own) {
            let Some(recorded) = read_header(&file) else {
                continue;
            };
            let gone = matches!(Path::new(&recorded.path).try_exists(), Ok(false));
            if gone && recorded.blocks.is_empty() && recorded.title == header.title {
                same.push(file);
            }
        }
        (same.len() == 1).then(|| same.remove(0))
    }
}

fn keep_best<T>(slot: &mut Option<(f64, T)>, score: f64, make: impl FnOnce() -> T) {
    if slot.as_ref().is_none_or(|(best, _)| score > *best) {
        *slot = Some((score, make()));
    }
}

/// Whether a file by the recorded brief's name stands beside the brief
/// being opened (under another name): then that file is the brief's heir.
fn heir_beside(ours: &str, recorded: &str) -> bool {
    let (ours, recorded) = (Path::new(ours), Path::new(recorded));
    match (ours.parent(), recorded.file_name()) {
        (Some(dir), Some(name)) if ours.file_name() != Some(name) => {
            matches!(dir.join(name).try_exists(), Ok(true))
        }
        _ => false,
    }
}

fn offer(file: &Path, recorded: &Header, kind: OfferKind) -> Offer {
    // One `[[notes]]` line a note (the file's opening comment names the
    // table too, within a sentence).
    let notes = fs::read_to_string(file)
        .map(|t| t.lines().filter(|l| l.trim() == "[[notes]]").count())
        .unwrap_or(0);
    Offer {
        file: file.to_path_buf(),
        brief: recorded.path.clone(),
        title: recorded.title.clone(),
        notes,
        kind,
    }
}
