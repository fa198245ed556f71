//! Tags, kinds, ids and times.

use super::*;

#[test]
fn tags_are_lowercased_and_deduplicated() {
    assert_eq!(
        normalize_tags(["UK", " #Sanctions", "uk", ""]),
        ["uk", "sanctions"]
    );
}

#[test]
fn typed_tags_add_and_remove() {
    let current = vec!["uk".to_owned(), "follow-up".to_owned()];
    assert_eq!(
        edit_tags(&current, "Sanctions, -follow-up energy"),
        ["uk", "sanctions", "energy"]
    );
}

#[test]
fn rename_covers_children_and_merges_into_an_existing_tag() {
    let tags: Vec<String> = ["energy", "energy/grid", "power", "uk"]
        .map(String::from)
        .to_vec();
    let op = TagOp::Rename {
        old: "energy".into(),
        new: "power".into(),
    };
    assert_eq!(op.apply(&tags).unwrap(), ["power", "power/grid", "uk"]);
    let untouched: Vec<String> = vec!["uk".into()];
    assert_eq!(op.apply(&untouched), None);
}

#[test]
fn delete_removes_the_tag_and_its_children_only() {
    let tags: Vec<String> = ["energy", "energy/grid", "energyx"]
        .map(String::from)
        .to_vec();
    let op = TagOp::Delete {
        tag: "#Energy".into(),
    };
    assert_eq!(op.apply(&tags).unwrap(), ["energyx"]);
}

#[test]
fn tags_the_prompt_cannot_type_are_refused() {
    assert!(tag_problem("bad tag").is_some_and(|m| m.contains("bad-tag")));
    assert!(tag_problem("a,b").is_some());
    assert!(tag_problem("-x").is_some());
    assert!(tag_problem("  ").is_some());
    assert_eq!(tag_problem("sanctions/eu"), None);
    assert_eq!(tag_problem("#Energy"), None);
}

#[test]
fn tag_filter_finds_children() {
    assert!(tag_matches("energy/grid", "energy"));
    assert!(tag_matches("energy", "#Energy"));
    assert!(!tag_matches("energyx", "energy"));
}

#[test]
fn kinds_parse_by_name_and_round_trip_through_toml() {
    assert_eq!("fact-check".parse::<Kind>(), Ok(Kind::FactCheck));
    assert_eq!("Risk".parse::<Kind>(), Ok(Kind::Risk));
    assert!("opinion".parse::<Kind>().is_err());
    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct W {
        kind: Kind,
        stance: Stance,
    }
    let w = W {
        kind: Kind::FactCheck,
        stance: Stance::Unsure,
    };
    let text = toml::to_string(&w).unwrap();
    assert_eq!(text, "kind = \"fact-check\"\nstance = \"unsure\"\n");
    assert_eq!(toml::from_str::<W>(&text).unwrap(), w);
}

#[test]
fn ids_differ() {
    let a = new_id();
    let b = new_id();
    assert_ne!(a, b);
}

#[test]
fn time_is_rfc3339_utc_seconds() {
    let t = now_rfc3339();
    assert!(t.ends_with('Z') && t.len() == 20, "{t}");
}

#[test]
fn notes_from_before_authors_read_and_new_fields_are_written_only_when_set() {
    let old = "id = \"n1\"\ncreated = \"2026-01-01T00:00:00Z\"\nupdated = \"2026-01-01T00:00:00Z\"\n\
               [anchor]\nsection = []\nsection_number = 1\nblock = 1\nhash = \"\"\nquote = \"\"\n\
               before = \"\"\nafter = \"\"\n";
    let mut n: Note = toml::from_str(old).unwrap();
    assert_eq!(
        (n.author.as_str(), n.shared, n.reply_to.as_deref()),
        ("", false, None)
    );
    let plain = toml::to_string(&n).unwrap();
    assert!(!plain.contains("author") && !plain.contains("shared") && !plain.contains("reply_to"));
    n.author = "Dana Reyes".into();
    n.shared = true;
    n.reply_to = Some("n0".into());
    let back: Note = toml::from_str(&toml::to_string(&n).unwrap()).unwrap();
    assert_eq!(back, n);
}

#[test]
fn ids_made_in_one_burst_are_all_different() {
    let ids: std::collections::HashSet<String> = (0..50_000).map(|_| super::new_id()).collect();
    assert_eq!(ids.len(), 50_000);
}
