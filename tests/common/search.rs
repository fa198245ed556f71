//! A library folder and a data folder in one temp dir, with its search
//! index brought up to date as `brief search` does, and short ways to ask
//! it: the briefs found (grouped) or every passage (flat).

use std::fs;
use std::path::PathBuf;

use std::sync::mpsc;

use brief::catalogue::Library as Listed;
use brief::commands::index::current;
use brief::search::{
    LibraryIndex, NoteTags, Passage, Query, SearchOptions, SearchResults, SearchWorker, WorkerEvent,
};
use tempfile::TempDir;

pub struct Library {
    tmp: TempDir,
}

impl Library {
    pub fn new() -> Library {
        let l = Library {
            tmp: TempDir::new().expect("temp dir"),
        };
        fs::create_dir_all(l.lib()).expect("library folder");
        l
    }

    pub fn lib(&self) -> PathBuf {
        self.tmp.path().join("lib")
    }

    pub fn data(&self) -> PathBuf {
        self.tmp.path().join("data")
    }

    pub fn write(&self, relative: &str, text: &str) -> PathBuf {
        let path = self.lib().join(relative);
        fs::create_dir_all(path.parent().expect("a folder")).expect("folder");
        fs::write(&path, text).expect("write brief");
        path
    }

    pub fn remove(&self, relative: &str) {
        fs::remove_file(self.lib().join(relative)).expect("remove brief");
    }

    /// `brief COMMAND ARGS LIBRARY` with the library's data folder, failing
    /// the test if it hangs.
    pub fn brief(&self, command: &str, args: &[&str]) -> super::run::Output {
        let lib = self.lib();
        let mut all: Vec<&std::ffi::OsStr> = vec![std::ffi::OsStr::new(command)];
        all.extend(args.iter().map(std::ffi::OsStr::new));
        all.push(lib.as_os_str());
        super::run::brief(&all, &self.data())
    }

    /// The index as `brief search` finds it: opened, what changed indexed.
    pub fn index(&self) -> LibraryIndex {
        current(&self.lib(), Some(&self.data()), false)
            .expect("index")
            .index
    }
}

pub fn run(
    index: &LibraryIndex,
    query: &str,
    grouped: bool,
    tags: Option<&NoteTags>,
) -> SearchResults {
    let options = SearchOptions {
        limit: 1_000,
        tags,
        grouped,
    };
    index
        .search(&Query::parse(query), &options)
        .expect("search")
}

/// The briefs found, best first, by path under the library.
pub fn briefs(index: &LibraryIndex, query: &str) -> Vec<String> {
    run(index, query, true, None)
        .passages
        .iter()
        .map(|p| p.relative.clone())
        .collect()
}

/// Every passage holding the query: (path, section, block, snippet).
pub fn passages(index: &LibraryIndex, query: &str) -> Vec<(String, usize, usize, String)> {
    run(index, query, false, None)
        .passages
        .iter()
        .map(|p: &Passage| {
            (
                p.relative.clone(),
                p.section_number,
                p.block_number,
                p.snippet.text.clone(),
            )
        })
        .collect()
}

/// A search worker over a scanned library with its index in `data`, and
/// the events it delivers.
pub fn worker(
    library: Listed,
    data: &std::path::Path,
) -> (SearchWorker, mpsc::Receiver<WorkerEvent>) {
    let (tx, rx) = mpsc::channel();
    let tx = std::sync::Mutex::new(tx);
    let worker = SearchWorker::start(
        Some(data.to_path_buf()),
        library,
        Default::default(),
        move |e| {
            let _ = tx.lock().map(|tx| tx.send(e));
        },
    );
    (worker, rx)
}
