//! The team folder on disk: reading every author's file for a brief, and
//! writing this author's. Writes go only to `<team>/<brief key>/<author
//! slug>.toml`, names made here from letters, digits and `-`; a folder or
//! file that is a link, or resolves outside the team folder, is refused.

use std::collections::HashMap;
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use super::file::{self, MAX_BYTES, newer};
use super::{Team, author_slug, brief_key};
use crate::document::load::display_path;
use crate::notes::Note;
use crate::notes::identity::Likeness;
use crate::notes::store::Header;

/// Files read for one brief, at most (authors and sync copies).
const MAX_FILES: usize = 500;
/// Colleagues' notes on one brief, at most: each is placed on the brief
/// as it opens.
pub const MAX_BRIEF_NOTES: usize = 10_000;

/// Colleagues' notes on one brief.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TeamNotes {
    /// The brief's folder in the team folder (watched for changes).
    pub dir: PathBuf,
    /// Every shared note, each signed by its file's author.
    pub notes: Vec<Note>,
    /// Files or notes that could not be read, said once each.
    pub problems: Vec<String>,
    /// The brief's title as the files give it.
    pub title: String,
}

/// What a publish wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub file: PathBuf,
    /// Notes in this author's file now.
    pub notes: usize,
}

/// The folder of a brief's shared notes.
pub fn brief_dir(team: &Team, header: &Header) -> PathBuf {
    team.folder.join(brief_key(header))
}

/// Every author's notes on the brief `header` describes, joined by note id
/// (the newer `updated` wins). Files about another brief that happens to
/// share the key are left out. Other versions of the brief (a section
/// added changes the key, not the title) are read too, when their files
/// are confidently about this brief.
pub fn read_brief(team: &Team, header: &Header) -> TeamNotes {
    let ours = header.identity();
    let dir = brief_dir(team, header);
    let mut out = read_dir_as(&dir, &ours, Likeness::Unlike);
    let key = brief_key(header);
    for other in version_dirs(team, &key) {
        let more = read_dir_as(&other, &ours, Likeness::Possible(1.0));
        out.problems.extend(more.problems);
        let at: HashMap<String, usize> = out
            .notes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.clone(), i))
            .collect();
        for note in more.notes {
            match at.get(&note.id) {
                Some(&i) if newer(&note.updated, &out.notes[i].updated) => out.notes[i] = note,
                Some(_) => {}
                None if out.notes.len() < MAX_BRIEF_NOTES => out.notes.push(note),
                None => break,
            }
        }
    }
    out
}

/// The folders of other versions of the brief whose key is `key`: the same
/// slug (its title or id), another hash. A few at most.
fn version_dirs(team: &Team, key: &str) -> Vec<PathBuf> {
    let Some((slug, _)) = key.rsplit_once('-') else {
        return Vec::new();
    };
    let mut dirs: Vec<PathBuf> = brief_dirs(team)
        .into_iter()
        .filter(|d| {
            let name = d.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            name != key && is_version_of(name, slug)
        })
        .collect();
    dirs.truncate(16);
    dirs
}

/// Whether a folder's name is `<slug>-<8 hex digits>`.
pub fn is_version_of(name: &str, slug: &str) -> bool {
    name.rsplit_once('-').is_some_and(|(s, hash)| {
        s == slug && hash.len() == 8 && hash.chars().all(|c| c.is_ascii_hexdigit())
    })
}

/// Every brief's folder in the team folder (at most [`MAX_FILES`]).
pub fn brief_dirs(team: &Team) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(&team.folder) else {
        return Vec::new();
    };
    let mut dirs: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            safe_name(name)
        })
        .collect();
    dirs.sort();
    dirs.truncate(MAX_FILES);
    dirs
}

/// The notes in one brief's folder; files about a brief unlike `ours`
/// are left out (none is, when `ours` is empty).
pub fn read_dir(dir: &Path, ours: &crate::notes::identity::Identity) -> TeamNotes {
    read_dir_as(dir, ours, Likeness::Unlike)
}

/// [`read_dir`], leaving out files about a brief no more like ours than
/// `at_most` (Unlike: only unlike ones; Possible: all but confident ones).
fn read_dir_as(
    dir: &Path,
    ours: &crate::notes::identity::Identity,
    at_most: Likeness,
) -> TeamNotes {
    let dir = dir.to_path_buf();
    let mut out = TeamNotes {
        dir: dir.clone(),
        ..TeamNotes::default()
    };
    let Ok(entries) = fs::read_dir(&dir) else {
        return out;
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| is_team_file(p))
        .collect();
    files.sort();
    if files.len() > MAX_FILES {
        out.problems.push(format!(
            "{}: more than {MAX_FILES} files; only the first {MAX_FILES} are read",
            display_path(&dir)
        ));
        files.truncate(MAX_FILES);
    }
    let mut at: HashMap<String, usize> = HashMap::new();
    for path in files {
        let name = display_path(&path);
        let read = match read_capped(&path) {
            Ok(text) => file::read(&text, &name),
            Err(why) => {
                out.problems.push(why);
                continue;
            }
        };
        out.problems.extend(read.problems);
        let theirs = read.header.identity();
        let known = !theirs.title.is_empty() || !theirs.blocks.is_empty() || !theirs.id.is_empty();
        let unlike = matches!(
            (ours.likeness(&theirs), at_most),
            (Likeness::Unlike, _) | (Likeness::Possible(_), Likeness::Possible(_))
        );
        let strict = matches!(at_most, Likeness::Possible(_));
        if (known && !ours.blocks.is_empty() && unlike) || (!known && strict) {
            continue;
        }
        if out.title.is_empty() {
            out.title.clone_from(&read.header.title);
        }
        let author = if read.author.is_empty() {
            stem_author(&path)
        } else {
            read.author
        };
        for mut note in read.notes {
            note.author.clone_from(&author);
            match at.get(&note.id) {
                Some(&i) if !newer(&note.updated, &out.notes[i].updated) => {}
                Some(&i) => out.notes[i] = note,
                None if out.notes.len() >= MAX_BRIEF_NOTES => {
                    out.problems.push(format!(
                        "{}: more than {MAX_BRIEF_NOTES} notes on this brief; the rest are not read",
                        display_path(&dir)
                    ));
                    return out;
                }
                None => {
                    at.insert(note.id.clone(), out.notes.len());
                    out.notes.push(note);
                }
            }
        }
    }
    out
}

/// Writes this author's shared notes on a brief to the team folder,
/// merged with what the file holds from the same author on another
/// machine. `base` is what `notes` descend from: a note there and not in
/// `notes` was deleted here, and goes. None when there is nothing to
/// write (no shared note, no file yet).
pub fn publish(
    team: &Team,
    header: &Header,
    base: &[Note],
    notes: &[Note],
) -> Result<Option<Published>, String> {
    let mine: Vec<Note> = notes
        .iter()
        .filter(|n| n.shared && (n.author.is_empty() || n.author == team.author))
        .map(|n| {
            let mut n = n.clone();
            n.author.clone_from(&team.author);
            n
        })
        .collect();
    let key = brief_key(header);
    let slug = author_slug(&team.author);
    if !safe_name(&key) || !safe_name(&slug) {
        return Err("the brief or author gives no safe file name; nothing shared".to_owned());
    }
    let dir = team.folder.join(&key);
    let target = dir.join(format!("{slug}.toml"));
    let exists = fs::symlink_metadata(&target).is_ok();
    if mine.is_empty() && !exists {
        return Ok(None);
    }
    let root = fs::canonicalize(&team.folder).map_err(|e| {
        format!(
            "team folder {}: {e}; create it (e.g. a clone of the team's repository)",
            display_path(&team.folder)
        )
    })?;
    match fs::create_dir(&dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(format!("cannot create {}: {e}", display_path(&dir))),
    }
    let inside = fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir())
        && fs::canonicalize(&dir).is_ok_and(|d| d.parent() == Some(root.as_path()));
    let plain = fs::symlink_metadata(&target).map_or(true, |m| m.is_file());
    if !inside || !plain {
        return Err(format!(
            "{} is a link or not a plain file: nothing shared (brief writes only inside the team folder)",
            display_path(&target)
        ));
    }
    let mut existing = Vec::new();
    for copy in own_copies(&dir, &slug) {
        let text = read_capped(&copy)?;
        let read = file::read(&text, &display_path(&copy));
        if read.newer && copy == target {
            return Err(format!(
                "{} was written by a newer brief: not written over",
                display_path(&target)
            ));
        }
        existing.extend(read.notes);
    }
    let merged = merge_mine(mine, existing, base, notes);
    let text = file::encode(&team.author, &shared_header(header), &merged)?;
    if fs::read(&target).is_ok_and(|old| old == text.as_bytes()) {
        return Ok(Some(Published {
            file: target,
            notes: merged.len(),
        }));
    }
    crate::fsio::write_atomic(&target, text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", display_path(&target)))?;
    readable_by_team(&target);
    Ok(Some(Published {
        file: target,
        notes: merged.len(),
    }))
}

/// Our shared notes, with the notes in the file that came from another
/// machine of the same author (not ours, and not deleted or unshared
/// here); for a note in both, the newer version.
fn merge_mine(mine: Vec<Note>, existing: Vec<Note>, base: &[Note], notes: &[Note]) -> Vec<Note> {
    let local: std::collections::HashSet<&str> =
        notes.iter().chain(base).map(|n| n.id.as_str()).collect();
    let mut out = mine;
    let mut at: HashMap<String, usize> = out
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.clone(), i))
        .collect();
    for note in existing {
        match at.get(&note.id) {
            Some(&i) if newer(&note.updated, &out[i].updated) => out[i] = note,
            Some(_) => {}
            None if local.contains(note.id.as_str()) => {}
            None => {
                at.insert(note.id.clone(), out.len());
                out.push(note);
            }
        }
    }
    out.sort_by(|a, b| {
        (a.anchor.section_number, a.anchor.block, &a.created, &a.id).cmp(&(
            b.anchor.section_number,
            b.anchor.block,
            &b.created,
            &b.id,
        ))
    });
    out
}

/// What a shared file says of its brief: never the local path.
fn shared_header(header: &Header) -> Header {
    Header {
        title: header.title.clone(),
        id: header.id.clone(),
        sections: header.sections.clone(),
        blocks: header.blocks.clone(),
        ..Header::default()
    }
}

/// This author's file and the copies sync tools made of it
/// (`name (1).toml`, `name.sync-conflict-….toml`).
fn own_copies(dir: &Path, slug: &str) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| is_team_file(p))
        .filter(|p| {
            let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            stem == slug
                || stem.starts_with(&format!("{slug} ("))
                || stem.starts_with(&format!("{slug}.sync-conflict"))
        })
        .collect();
    files.sort();
    files.truncate(MAX_FILES);
    files
}

/// A `.toml` file that is not a temp file of a write in progress.
fn is_team_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    name.ends_with(".toml") && !name.contains(crate::fsio::TEMP_MARK) && !name.starts_with('.')
}

/// An author named by a file without one: its name up to any copy suffix.
fn stem_author(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = stem.split([' ', '.']).next().unwrap_or_default();
    crate::document::sanitize::sanitize_line(stem)
}

fn safe_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// The file's text, unless it is larger than [`MAX_BYTES`].
fn read_capped(path: &Path) -> Result<String, String> {
    let name = display_path(path);
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|f| f.take(MAX_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("{name}: cannot read ({e}); skipped"))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(format!(
            "{name}: larger than {} MB; skipped",
            MAX_BYTES / (1024 * 1024)
        ));
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Team files are for the team: readable by others on a shared drive.
#[cfg(unix)]
fn readable_by_team(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = fs::set_permissions(path, fs::Permissions::from_mode(0o644));
}

#[cfg(not(unix))]
fn readable_by_team(_path: &Path) {}
