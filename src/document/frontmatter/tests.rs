//! Tests of reading front matter: fields, tags, errors and the YAML caps.

use super::*;

#[test]
fn yaml_fields_and_tag_list() {
    let m = parse(
        Format::Yaml,
        "title: Arctic lanes\ndate: 2026-03-01\ntags: [arctic, shipping]\nsummary: Short.\n",
        2,
    )
    .unwrap();
    assert_eq!(m.title.as_deref(), Some("Arctic lanes"));
    assert_eq!(m.date.as_deref(), Some("2026-03-01"));
    assert_eq!(m.tags, ["arctic", "shipping"]);
    assert_eq!(m.summary.as_deref(), Some("Short."));
}

#[test]
fn toml_date_and_comma_tags() {
    let m = parse(
        Format::Toml,
        "title = \"Water\"\ndate = 2026-05-02\ntags = \"water, sahel\"\n",
        2,
    )
    .unwrap();
    assert_eq!(m.date.as_deref(), Some("2026-05-02"));
    assert_eq!(m.tags, ["water", "sahel"]);
}

#[test]
fn yaml_error_names_the_file_line() {
    let err = parse(Format::Yaml, "title: ok\ntags: [unclosed\n", 2).unwrap_err();
    assert!(err.contains("line"), "{err}");
}

#[test]
fn yaml_aliases_are_absent_not_expanded() {
    let m = parse(
        Format::Yaml,
        "t: &t Anchored\ntitle: *t\nauthor: A\n*t : dropped\ntags: [x, *t, y]\nsummary: S\n",
        2,
    )
    .unwrap();
    assert_eq!(m.title, None);
    assert_eq!(m.author.as_deref(), Some("A"));
    assert_eq!(m.tags, ["x", "y"]);
    assert_eq!(m.summary.as_deref(), Some("S"));
}

#[test]
fn yaml_duplicated_keys_still_warn() {
    let err = parse(Format::Yaml, "title: a\ntitle: b\n", 2).unwrap_err();
    assert!(err.contains("duplicated key"), "{err}");
    let err = parse(Format::Yaml, "a: &x 1\ntitle: *x\ntitle: b\n", 2).unwrap_err();
    assert!(err.contains("duplicated key"), "{err}");
}

#[test]
fn deeply_nested_yaml_is_refused_naming_the_line() {
    let deep = format!("title: x\ntags:\n{}x\n", "- ".repeat(5000));
    let err = parse(Format::Yaml, &deep, 2).unwrap_err();
    assert!(err.contains("line 4") && err.contains("nested"), "{err}");
    let ok = format!("title: x\nt: {}1{}\n", "[".repeat(40), "]".repeat(40));
    assert_eq!(
        parse(Format::Yaml, &ok, 2).unwrap().title.as_deref(),
        Some("x")
    );
}
