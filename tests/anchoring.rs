//! Property tests: notes follow their paragraphs through edits of the brief.
//!
//! A brief is modelled as sections of paragraphs with identities; random
//! edit scripts (insert, delete, reflow, rename a heading, move) are applied
//! to the model, the model is rendered to markdown before and after, and
//! every note must land where its paragraph went, with the right flag, or
//! be orphaned exactly when its paragraph was deleted.

use brief::document::{Brief, parse};
use brief::notes::{Note, Placed, anchor_for, place_notes};
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "sanctions",
    "corridor",
    "insurers",
    "freight",
    "tariff",
    "embargo",
    "ministry",
    "coalition",
    "harbour",
    "convoy",
    "grain",
    "fertiliser",
    "registry",
    "lender",
    "exporter",
    "importer",
    "treasury",
    "auditor",
    "pipeline",
    "refinery",
    "quota",
    "licence",
    "waiver",
    "tribunal",
    "envoy",
    "summit",
    "ledger",
    "subsidy",
    "reserve",
    "deficit",
    "surplus",
    "customs",
    "inspection",
    "scanner",
    "terminal",
    "dockside",
    "tanker",
    "charter",
    "premium",
    "broker",
    "cargo",
    "manifest",
    "warehouse",
    "railhead",
    "border",
    "checkpoint",
    "ferry",
    "canal",
    "drought",
    "harvest",
    "aquifer",
    "borehole",
    "pasture",
    "herder",
    "irrigation",
    "rainfall",
];

#[derive(Debug, Clone)]
struct Para {
    id: usize,
    text: String,
    reflowed: bool,
}

#[derive(Debug, Clone)]
struct Doc {
    sections: Vec<(String, Vec<Para>)>,
    next_id: usize,
    renames: usize,
}

/// A paragraph no other paragraph resembles: random words, shifted by the
/// paragraph's identity so that even shrunk (all-zero) picks differ between
/// paragraphs, around a token unique to it.
fn para_text(id: usize, picks: &[usize]) -> String {
    let mut words: Vec<&str> = picks
        .iter()
        .enumerate()
        .map(|(i, &pick)| WORDS[(pick + id * 17 + i * 5) % WORDS.len()])
        .collect();
    let token = format!("item{id}q{}", id * 7919 % 1000);
    words.insert(words.len() / 2, &token);
    words.join(" ")
}

const BOILERPLATE: &str = "See the annex for the sources and methods behind these figures.";

impl Doc {
    fn render(&self) -> String {
        let mut md = String::new();
        for (title, paras) in &self.sections {
            md.push_str(&format!("## {title}\n\n"));
            for p in paras {
                let text = if p.reflowed {
                    p.text.replace(' ', "\n")
                } else {
                    p.text.clone()
                };
                md.push_str(&text);
                md.push_str("\n\n");
            }
        }
        md
    }

    /// (section, block index in the brief) of every paragraph by id.
    fn locate(&self, id: usize) -> Option<(usize, usize)> {
        let mut block = 0;
        for (s, (_, paras)) in self.sections.iter().enumerate() {
            for p in paras {
                if p.id == id {
                    return Some((s, block));
                }
                block += 1;
            }
        }
        None
    }

    fn ids(&self) -> Vec<usize> {
        self.sections
            .iter()
            .flat_map(|(_, ps)| ps.iter().map(|p| p.id))
            .collect()
    }

    fn is_boilerplate(&self, id: usize) -> bool {
        self.sections
            .iter()
            .flat_map(|(_, ps)| ps.iter())
            .any(|p| p.id == id && p.text == BOILERPLATE)
    }
}

#[derive(Debug, Clone)]
enum Edit {
    Insert {
        section: usize,
        at: usize,
        words: Vec<usize>,
    },
    Delete {
        pick: usize,
    },
    Reflow {
        pick: usize,
    },
    Rename {
        section: usize,
    },
    Move {
        pick: usize,
        section: usize,
        at: usize,
    },
    /// Deletes one copy of the boilerplate: its notes, and only its, must
    /// be orphaned, never piled onto the other copy.
    DeleteBoilerplate {
        copy: usize,
    },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (
            0..6usize,
            0..8usize,
            prop::collection::vec(0..1000usize, 8..16)
        )
            .prop_map(|(section, at, words)| Edit::Insert { section, at, words }),
        (0..1000usize).prop_map(|pick| Edit::Delete { pick }),
        (0..1000usize).prop_map(|pick| Edit::Reflow { pick }),
        (0..6usize).prop_map(|section| Edit::Rename { section }),
        (0..1000usize, 0..6usize, 0..8usize).prop_map(|(pick, section, at)| Edit::Move {
            pick,
            section,
            at
        }),
        (0..2usize).prop_map(|copy| Edit::DeleteBoilerplate { copy }),
    ]
}

fn doc() -> impl Strategy<Value = Doc> {
    prop::collection::vec(
        prop::collection::vec(prop::collection::vec(0..1000usize, 8..16), 1..5),
        2..6,
    )
    .prop_map(|sections| {
        let mut next_id = 0;
        let mut out = Vec::new();
        for (s, paras) in sections.into_iter().enumerate() {
            let mut list = Vec::new();
            for words in paras {
                list.push(Para {
                    id: next_id,
                    text: para_text(next_id, &words),
                    reflowed: false,
                });
                next_id += 1;
            }
            // The same boilerplate paragraph closes the first two sections.
            if s < 2 {
                list.push(Para {
                    id: next_id,
                    text: BOILERPLATE.to_owned(),
                    reflowed: false,
                });
                next_id += 1;
            }
            out.push((format!("Section {s} heading"), list));
        }
        Doc {
            sections: out,
            next_id,
            renames: 0,
        }
    })
}

/// Applies an edit. Boilerplate paragraphs are never moved, only deleted,
/// so their notes must stay on their own copy or be orphaned with it.
fn apply(doc: &mut Doc, e: &Edit) {
    let movable: Vec<usize> = doc
        .ids()
        .into_iter()
        .filter(|&id| !doc.is_boilerplate(id))
        .collect();
    let n = doc.sections.len();
    let take = |doc: &mut Doc, id: usize| -> Option<Para> {
        for (_, paras) in &mut doc.sections {
            if let Some(i) = paras.iter().position(|p| p.id == id) {
                return Some(paras.remove(i));
            }
        }
        None
    };
    match e {
        Edit::Insert { section, at, words } => {
            let id = doc.next_id;
            doc.next_id += 1;
            let paras = &mut doc.sections[section % n].1;
            let at = (*at).min(paras.len());
            paras.insert(
                at,
                Para {
                    id,
                    text: para_text(id, words),
                    reflowed: false,
                },
            );
        }
        Edit::Delete { pick } if !movable.is_empty() => {
            take(doc, movable[pick % movable.len()]);
        }
        Edit::Reflow { pick } if !movable.is_empty() => {
            let id = movable[pick % movable.len()];
            for (_, paras) in &mut doc.sections {
                for p in paras.iter_mut().filter(|p| p.id == id) {
                    p.reflowed = !p.reflowed;
                }
            }
        }
        Edit::Rename { section } => {
            doc.renames += 1;
            let renames = doc.renames;
            let title = &mut doc.sections[section % n].0;
            *title = format!("{title} (rev {renames})");
        }
        Edit::Move { pick, section, at } if !movable.is_empty() => {
            if let Some(p) = take(doc, movable[pick % movable.len()]) {
                let paras = &mut doc.sections[section % n].1;
                let at = (*at).min(paras.len());
                paras.insert(at, p);
            }
        }
        Edit::DeleteBoilerplate { copy } => {
            let copies: Vec<usize> = doc
                .ids()
                .into_iter()
                .filter(|&id| doc.is_boilerplate(id))
                .collect();
            if let Some(&id) = copies.get(*copy) {
                take(doc, id);
            }
        }
        _ => {}
    }
}

fn notes_on(brief: &Brief, doc: &Doc, ids: &[usize]) -> Vec<(usize, Note)> {
    ids.iter()
        .filter_map(|&id| {
            doc.locate(id).map(|(_, b)| {
                (
                    id,
                    Note::new(anchor_for(brief, b), format!("on {id}"), vec![]),
                )
            })
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn unchanged_brief_anchors_every_note_where_it_was(doc in doc()) {
        let brief = parse(&doc.render(), "t");
        let ids = doc.ids();
        let notes = notes_on(&brief, &doc, &ids);
        let just_notes: Vec<Note> = notes.iter().map(|(_, n)| n.clone()).collect();
        for ((id, _), p) in notes.iter().zip(place_notes(&brief, &just_notes)) {
            prop_assert_eq!(p.block, doc.locate(*id).map(|l| l.1));
            prop_assert_eq!(p.how, Placed::Exact);
        }
    }

    #[test]
    fn notes_follow_their_paragraphs_through_any_edit_script(
        doc0 in doc(),
        edits in prop::collection::vec(edit(), 1..12),
    ) {
        let before = parse(&doc0.render(), "t");
        let ids = doc0.ids();
        let notes = notes_on(&before, &doc0, &ids);
        let mut doc1 = doc0.clone();
        for e in &edits {
            apply(&mut doc1, e);
        }
        let after = parse(&doc1.render(), "t");
        let just_notes: Vec<Note> = notes.iter().map(|(_, n)| n.clone()).collect();
        let placed = place_notes(&after, &just_notes);
        // Conservation: every note is either anchored or orphaned.
        prop_assert_eq!(placed.len(), notes.len());
        for ((id, _), p) in notes.iter().zip(&placed) {
            match doc1.locate(*id) {
                None => prop_assert_eq!(p.how, Placed::Orphaned, "note on deleted paragraph {}", id),
                Some((section, block)) => {
                    prop_assert_eq!(p.block, Some(block), "note on paragraph {} landed elsewhere", id);
                    let was = doc0.locate(*id).map(|l| l.0);
                    let expected = if was == Some(section) { Placed::Exact } else { Placed::Moved };
                    prop_assert_eq!(p.how, expected, "flag of the note on paragraph {}", id);
                }
            }
        }
    }
}
