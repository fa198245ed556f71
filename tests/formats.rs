//! Briefs in other formats (issue 15): plain text and Word files load into
//! the same model as markdown (sections with their levels and titles, the
//! words in order, metadata), `brief convert` prints the markdown, the
//! library lists them, and bad containers are refused by name.

mod common;

use std::ffi::OsStr;
use std::fs;
use std::io::Write;
use std::path::Path;

use brief::document::load::from_bytes;
use brief::document::{BlockKind, Brief, ListMarker, LoadError, load_path};
use common::run::brief as run_brief;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn load(name: &str) -> Brief {
    load_path(&fixture(name), Default::default()).expect("fixture loads")
}

fn outline(b: &Brief) -> Vec<(u8, &str)> {
    b.sections
        .iter()
        .filter(|s| !s.is_preamble())
        .map(|s| (s.level, s.title.as_str()))
        .collect()
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// True when `want` appears in `have` in order (other words may come
/// between).
fn in_order(want: &[String], have: &[String]) -> Result<(), String> {
    let mut rest = have.iter();
    for (i, w) in want.iter().enumerate() {
        if !rest.any(|h| h == w) {
            return Err(format!("word {i} `{w}` missing or out of order"));
        }
    }
    Ok(())
}

/// Every block's text, in order.
fn body(b: &Brief) -> String {
    (0..b.blocks.len())
        .map(|i| b.block_text(i))
        .collect::<Vec<_>>()
        .join("\n")
}

// ---------------------------------------------------------------- plain text

#[test]
fn a_plain_text_cable_has_sections_metadata_and_every_word_in_order() {
    let b = load("cable.txt");
    assert_eq!(
        outline(&b),
        [
            (1, "1. SUMMARY"),
            (1, "2. BACKGROUND"),
            (2, "2.1 Storage"),
            (1, "COMMENT"),
        ]
    );
    assert_eq!(b.title, "Harvest outlook and export quotas");
    assert_eq!(b.meta.date.as_deref(), Some("2026-01-14"));
    assert_eq!(b.meta.classification.as_deref(), Some("UNCLASSIFIED"));
    let source = fs::read_to_string(fixture("cable.txt")).unwrap();
    // Compare per section so headings count where they stand.
    let mut flat = Vec::new();
    for s in &b.sections {
        if !s.is_preamble() {
            flat.extend(words(&s.title));
        }
        for id in s.blocks.clone() {
            flat.extend(words(b.block_text(id)));
        }
    }
    in_order(&words(&source), &flat).unwrap();
    let table = b
        .blocks
        .iter()
        .position(|k| k.kind == BlockKind::Code)
        .unwrap();
    assert!(b.block_text(table).contains("River ports      22    66%"));
}

// ---------------------------------------------------------------- Word

#[test]
fn a_word_file_has_its_heading_styles_as_sections() {
    let b = load("memo.docx");
    assert_eq!(b.title, "Grain Corridor Memo");
    assert_eq!(
        outline(&b),
        [
            (1, "Summary"),
            (1, "Findings"),
            (2, "Port capacity"),
            // A heading by outline level only, with no heading style.
            (2, "Risks to watch"),
        ]
    );
    assert_eq!(b.meta.author.as_deref(), Some("Eastern Desk"));
    assert_eq!(b.meta.date.as_deref(), Some("2026-02-03"));
}

#[test]
fn a_word_file_reads_as_its_current_text_in_order() {
    let b = load("memo.docx");
    let text = body(&b);
    let want = words(
        "Prepared for the Eastern Desk on 3 February 2026. \
         Shipping through the corridor rose for a third month, while insurers kept \
         premiums & fees high. Three berths reopened in January after repairs. \
         Pilots are scarce. Tugs are old. Two tugs date from the nineteen-eighties. \
         Check the berth schedule. Ask the harbour master. Port Tonnes Odra 1,200 \
         Vell 880 | est. Mines drift into the lanes after storms; see the notice to \
         mariners. Figures from the port authority, January 2026.",
    );
    in_order(&want, &words(&text)).unwrap();
    // Tracked changes: the deletion is gone, the insertion is text.
    assert!(!text.contains("last year"), "{text}");
    assert!(text.contains("reopened in January after"), "{text}");
    assert!(text.contains("premiums & fees"), "{text}");
}

#[test]
fn a_word_file_keeps_lists_tables_links_and_footnotes() {
    let b = load("memo.docx");
    let kinds: Vec<&BlockKind> = b.blocks.iter().map(|b| &b.kind).collect();
    let find = |s: &str| {
        (0..b.blocks.len())
            .find(|&i| b.block_text(i).contains(s))
            .unwrap_or_else(|| panic!("no block with {s}"))
    };
    assert_eq!(b.blocks[find("Pilots")].marker, Some(ListMarker::Bullet));
    let nested = find("nineteen-eighties");
    assert_eq!(b.blocks[nested].list_depth, 2, "{kinds:?}");
    assert_eq!(
        b.blocks[find("harbour master")].marker,
        Some(ListMarker::Ordered(2))
    );
    let BlockKind::Table(table) = &b.blocks[find("Odra")].kind else {
        panic!("the table is a table: {kinds:?}");
    };
    assert_eq!(table.rows.len(), 3);
    assert!(b.block_text(find("Vell")).contains("880 | est."));
    let link = find("notice to mariners");
    let urls: Vec<&str> = b
        .block_spans(link)
        .iter()
        .filter_map(|s| s.link.map(|l| b.link_url(l)))
        .collect();
    assert_eq!(urls, ["https://example.org/notices/14"]);
    assert!(
        b.block_text(find("port authority"))
            .contains("Figures from")
    );
}

// ---------------------------------------------------------------- errors

fn error_of(bytes: Vec<u8>, name: &str) -> String {
    match from_bytes(bytes, Path::new(name)) {
        Ok(_) => panic!("{name} should be refused"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_damaged_word_file_is_refused_by_name_and_no_prefix_panics() {
    let bytes = fs::read(fixture("memo.docx")).unwrap();
    let e = error_of(bytes[..bytes.len() / 2].to_vec(), "memo.docx");
    assert!(
        e.starts_with("memo.docx: is a damaged zip container"),
        "{e}"
    );
    // Every truncation loads or is refused; none panics.
    for len in (0..bytes.len()).step_by(7) {
        let _ = from_bytes(bytes[..len].to_vec(), Path::new("memo.docx"));
    }
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_inflated() {
    let mut bytes = fs::read(fixture("memo.docx")).unwrap();
    // Make the central directory claim 2 GB for word/document.xml.
    let name = b"word/document.xml";
    let at = (0..bytes.len() - 46)
        .find(|&i| bytes[i..].starts_with(b"PK\x01\x02") && bytes[i + 46..].starts_with(name))
        .expect("central directory entry");
    bytes[at + 24..at + 28].copy_from_slice(&0x7FFF_FFFFu32.to_le_bytes());
    let e = error_of(bytes, "memo.docx");
    assert!(
        e.contains("zip bomb") && e.starts_with("memo.docx: "),
        "{e}"
    );
}

#[test]
fn other_containers_and_binary_formats_say_what_to_do() {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("notes.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"hello").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let e = error_of(bytes, "bundle.docx");
    assert!(e.contains("not a Word document"), "{e}");

    let e = error_of(b"%PDF-1.7\n%\xe2\xe3\n".to_vec(), "report.md");
    assert!(e.starts_with("report.md: is a PDF"), "{e}");
    let e = error_of(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec(), "old.doc");
    assert!(e.contains("save it as .docx"), "{e}");
    assert!(matches!(
        from_bytes(b"\x7fELF\x00".to_vec(), Path::new("a.out")),
        Err(LoadError::Binary { offset: 4, .. })
    ));
}

// ---------------------------------------------------------------- command line

#[test]
fn convert_prints_the_markdown_or_writes_a_new_file() {
    let data = tempfile::tempdir().unwrap();
    let out = run_brief(
        &[OsStr::new("convert"), fixture("memo.docx").as_os_str()],
        data.path(),
    );
    assert!(out.code == Some(0), "{}", out.stderr());
    let md = out.stdout();
    assert!(
        md.starts_with("---\ntitle: \"Grain Corridor Memo\""),
        "{md}"
    );
    assert!(md.contains("\n## Port capacity\n"), "{md}");
    assert!(
        md.contains("[^fn2]: Figures from the port authority"),
        "{md}"
    );

    let target = data.path().join("memo.md");
    let memo = fixture("memo.docx");
    let args = [
        OsStr::new("convert"),
        memo.as_os_str(),
        OsStr::new("-o"),
        target.as_os_str(),
    ];
    let out = run_brief(&args, data.path());
    assert!(out.code == Some(0), "{}", out.stderr());
    assert_eq!(fs::read_to_string(&target).unwrap(), md);
    // The markdown reads as the same brief.
    let again = load_path(&target, Default::default()).unwrap();
    assert_eq!(outline(&again), outline(&load("memo.docx")));
    // An existing file is left alone.
    let out = run_brief(&args, data.path());
    assert_eq!(out.code, Some(2));
    assert!(out.stderr().contains("already exists"), "{}", out.stderr());
}

#[test]
fn the_library_lists_and_searches_text_and_word_files() {
    let data = tempfile::tempdir().unwrap();
    let lib = tempfile::tempdir().unwrap();
    for name in ["memo.docx", "cable.txt"] {
        fs::copy(fixture(name), lib.path().join(name)).unwrap();
    }
    // The passage is the converted text's, not the file's bytes.
    for (query, file, passage) in [
        ("harbour", "memo.docx", "Ask the harbour master"),
        ("quota", "cable.txt", "quota"),
    ] {
        let out = run_brief(
            &[
                OsStr::new("search"),
                OsStr::new(query),
                lib.path().as_os_str(),
            ],
            data.path(),
        );
        assert!(out.code == Some(0), "{query}: {}", out.stderr());
        assert!(out.stdout().contains(file), "{query}: {}", out.stdout());
        assert!(out.stdout().contains(passage), "{query}: {}", out.stdout());
    }
}

#[test]
fn print_lays_a_word_file_out_plain_for_a_pipe_and_painted_when_asked() {
    let data = tempfile::tempdir().unwrap();
    let memo = fixture("memo.docx");
    let args = |extra: &[&str]| -> Vec<std::ffi::OsString> {
        let mut all: Vec<std::ffi::OsString> = vec!["print".into(), memo.clone().into()];
        all.extend(extra.iter().map(|s| (*s).into()));
        all
    };
    let run = |extra: &[&str]| {
        let all = args(extra);
        let refs: Vec<&OsStr> = all.iter().map(|s| s.as_os_str()).collect();
        run_brief(&refs, data.path())
    };
    let plain = run(&["--width", "50"]);
    assert_eq!(plain.code, Some(0), "{}", plain.stderr());
    let text = plain.stdout();
    assert!(text.contains("harbour master"), "{text}");
    assert!(!text.contains('\u{1b}'), "a pipe gets no escapes: {text:?}");
    assert!(
        text.lines().all(|l| brief::layout::text_width(l) <= 50),
        "{text}"
    );
    let painted = run(&["--color", "always"]).stdout();
    assert!(painted.contains("\u{1b}["), "{painted:?}");
    let missing = run(&["--section", "99"]);
    assert_eq!(missing.code, Some(2));
    assert!(
        missing.stderr().contains("no section 99"),
        "{}",
        missing.stderr()
    );
}
