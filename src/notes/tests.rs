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
