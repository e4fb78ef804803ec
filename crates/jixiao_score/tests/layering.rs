//! The built-in rule sets are a base set plus regional overlays. Resolved, each equals the
//! stand-alone file it replaced (kept in `tests/fixtures/rulesets-before-layering/`, taken from
//! the history), except for the one reverse keyword that was taken from a single document's
//! indicator name and is no longer in any set.

use jixiao_score::{RuleSet, RuleSetError, BUILTIN};

const BEFORE: &[(&str, &str)] = &[
    (
        "central-2020",
        include_str!("fixtures/rulesets-before-layering/central-2020.toml"),
    ),
    (
        "shanghai",
        include_str!("fixtures/rulesets-before-layering/shanghai.toml"),
    ),
    (
        "guangdong",
        include_str!("fixtures/rulesets-before-layering/guangdong.toml"),
    ),
];

/// The keyword removed: the words of one document's indicator, not general vocabulary.
const REMOVED_KEYWORD: &str = "传播扩散";

#[test]
fn resolved_sets_equal_the_files_they_replaced() {
    assert_eq!(BUILTIN.len(), BEFORE.len());
    for (name, text) in BEFORE {
        let mut before = RuleSet::from_toml(name, text).unwrap();
        let now = RuleSet::builtin(name).unwrap();
        let k = &mut before.quantitative.reverse_keywords;
        let n = k.len();
        k.retain(|w| w != REMOVED_KEYWORD);
        assert_eq!(
            k.len(),
            n - 1,
            "{name}: {REMOVED_KEYWORD} was in the old set"
        );
        assert_eq!(now, before, "{name}");
    }
}

#[test]
fn every_builtin_set_is_an_overlay_with_its_own_header() {
    for (name, text) in BUILTIN {
        assert!(text.contains("\nextends = \"base\""), "{name}");
        assert!(text.starts_with(&format!("# {name} — ")), "{name}: header");
        assert!(text.contains("# Provenance:"), "{name}: provenance");
    }
}

#[test]
fn shown_sets_read_back_unchanged() {
    for (name, _) in BUILTIN {
        let rs = RuleSet::builtin(name).unwrap();
        let shown = rs.to_toml();
        assert!(!shown.contains("extends"), "{shown}");
        assert_eq!(
            RuleSet::from_toml("shown.toml", &shown).unwrap(),
            rs,
            "{name}"
        );
    }
}

fn temp_dir(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("jixiao-layers-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_user_overlay_extends_a_builtin_or_a_file_beside_it() {
    let dir = temp_dir("user");
    let mine = dir.join("mine.toml");
    std::fs::write(
        &mine,
        "extends = \"shanghai\"\nname = \"mine\"\n[quantitative]\nreverse_mode = \"linear-2x\"\n\
         [[qualitative.tiers]]\nname = \"达成\"\nmin_pct = \"85\"\n",
    )
    .unwrap();
    let rs = RuleSet::load(mine.to_str().unwrap()).unwrap();
    let mut want = RuleSet::builtin("shanghai").unwrap();
    want.name = "mine".into();
    want.quantitative.reverse_mode = jixiao_score::ReverseMode::Linear2x;
    want.qualitative.tiers[2].min_pct = "85".parse().unwrap();
    assert_eq!(rs, want);

    // A relative path is taken from the overlay's folder, wherever jixiao runs from.
    let sub = dir.join("sub");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(
        sub.join("child.toml"),
        "extends = \"../mine.toml\"\nname = \"child\"\n",
    )
    .unwrap();
    let child = RuleSet::load(sub.join("child.toml").to_str().unwrap()).unwrap();
    assert_eq!(child.name, "child");
    assert_eq!(child.quantitative, want.quantitative);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn broken_chains_are_errors() {
    let dir = temp_dir("broken");
    let a = dir.join("a.toml");
    std::fs::write(&a, "extends = \"b.toml\"\n").unwrap();
    std::fs::write(dir.join("b.toml"), "extends = \"a.toml\"\n").unwrap();
    let e = RuleSet::load(a.to_str().unwrap()).unwrap_err();
    assert!(e.to_string().contains("a cycle?"), "{e}");
    std::fs::write(&a, "extends = \"missing.toml\"\n").unwrap();
    assert!(matches!(
        RuleSet::load(a.to_str().unwrap()),
        Err(RuleSetError::Io { .. })
    ));
    std::fs::write(&a, "extends = 3\n").unwrap();
    assert!(matches!(
        RuleSet::load(a.to_str().unwrap()),
        Err(RuleSetError::Invalid { .. })
    ));
    // The base layer alone is complete; an overlay missing nothing it needs still validates.
    std::fs::write(&a, "extends = \"base\"\nname = \"b\"\n").unwrap();
    assert_eq!(RuleSet::load(a.to_str().unwrap()).unwrap().name, "b");
    std::fs::remove_dir_all(&dir).unwrap();
}
