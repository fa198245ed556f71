//! A notes store in a temp dir with a brief beside it, and the helpers the
//! notes store tests share: instances opening the brief, notes on its
//! blocks, the file as it is on disk.

use std::fs;
use std::path::PathBuf;

use brief::document::{Brief, parse};
use brief::notes::Note;
use brief::notes::anchor::{anchor_for, fingerprint};
use brief::notes::store::{BriefNotes, Header, NotesFile, SaveReport, Store};
use tempfile::TempDir;

pub const BRIEF: &str = "# Grain corridor\n\n## Background\n\n\
    The corridor carried most of the region's grain until the blockade.\n\n\
    Insurers withdrew cover after the first strikes on port facilities.\n\n\
    ## Options\n\n\
    A convoy scheme would need naval escorts from at least three states.\n\n\
    A humanitarian pause would need both parties to agree to inspections.\n";

pub const TITLE: &str = "Grain corridor";

/// A data folder and a brief file in a temp dir of their own.
pub struct Fixture {
    pub tmp: TempDir,
    pub brief: Brief,
    pub brief_path: PathBuf,
}

impl Fixture {
    pub fn new() -> Fixture {
        Fixture::in_dir(TempDir::new().expect("temp dir"))
    }

    pub fn in_dir(tmp: TempDir) -> Fixture {
        let brief_path = tmp.path().join("grain-corridor.md");
        fs::write(&brief_path, BRIEF).expect("write brief");
        Fixture {
            brief: parse(BRIEF, "t"),
            brief_path,
            tmp,
        }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.tmp.path().join("data")
    }

    pub fn store(&self) -> Store {
        Store::open_dir(&self.data_dir()).expect("open store")
    }

    pub fn fingerprint(&self) -> String {
        fingerprint(&self.brief)
    }

    pub fn header(&self) -> Header {
        Header::new(Some(&self.brief_path), TITLE, &self.fingerprint())
    }

    /// A new instance of the app opening the brief.
    pub fn open(&self) -> BriefNotes {
        self.store()
            .open_brief(Some(&self.brief_path), TITLE, &self.fingerprint())
            .expect("open brief")
    }

    pub fn note(&self, block: usize, text: &str) -> Note {
        Note::new(
            anchor_for(&self.brief, block),
            text.to_owned(),
            vec!["uk".into()],
        )
    }

    pub fn on_disk(&self) -> NotesFile {
        let text = fs::read_to_string(self.open().path()).expect("read notes file");
        toml::from_str(&text).expect("notes file parses")
    }
}

pub fn texts(notes: &[Note]) -> Vec<&str> {
    let mut v: Vec<&str> = notes.iter().map(|n| n.text.as_str()).collect();
    v.sort();
    v
}

pub fn save(notes: &mut BriefNotes, fx: &Fixture) -> SaveReport {
    notes.save(fx.header()).expect("save")
}

pub fn edit(notes: &mut BriefNotes, id: &str, text: &str, updated: &str) {
    let n = notes
        .notes
        .iter_mut()
        .find(|n| n.id == id)
        .expect("note to edit");
    n.text = text.to_owned();
    n.updated = updated.to_owned();
}

/// Two instances on the same brief that both loaded notes `a` and `b`.
pub fn two_instances(fx: &Fixture) -> (BriefNotes, BriefNotes, String, String) {
    let mut first = fx.open();
    first.notes = vec![fx.note(0, "a"), fx.note(1, "b")];
    save(&mut first, fx);
    let (a, b) = (first.notes[0].id.clone(), first.notes[1].id.clone());
    (fx.open(), fx.open(), a, b)
}

pub const LATER: &str = "2099-01-01T00:00:01Z";
pub const LATEST: &str = "2099-01-01T00:00:02Z";

#[cfg(unix)]
pub fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}
