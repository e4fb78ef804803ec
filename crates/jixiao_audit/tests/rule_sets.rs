//! The rule set a check scores with: a user's set that cannot be loaded is an error (or, where
//! no error can be returned, every score-reading rule records insufficient data); forms are
//! scored once, and the scores returned are those the rules read.

use std::path::PathBuf;

use jixiao_audit::{check, score_and_check, try_check, Config, Family, Outcome};
use jixiao_score::{RuleChoice, RuleSetError};

fn clean_self_evaluation() -> String {
    std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("resources/test/fixtures/self_eval/clean.txt"),
    )
    .unwrap()
}

fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("jixiao-audit-rs-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn config_with_a_broken_rule_set_does_not_load() {
    let dir = tempdir("cfg");
    std::fs::write(dir.join("mine.toml"), "name = \"x\"\n").unwrap();
    let cfg = dir.join("jixiao.toml");
    std::fs::write(&cfg, "[check]\nruleset = \"mine.toml\"\n").unwrap();
    let e = Config::load(&cfg).unwrap_err();
    let want = format!(
        "{}: check.ruleset: {}: invalid rule set: ",
        cfg.display(),
        dir.join("mine.toml").display()
    );
    assert!(e.starts_with(&want), "{e}");
    std::fs::write(&cfg, "[check]\nruleset = \"nowhere\"\n").unwrap();
    assert!(Config::load(&cfg).unwrap_err().contains("unknown rule set"));
    // Built-in names are not paths.
    std::fs::write(&cfg, "[check]\nruleset = \"central-2020\"\n").unwrap();
    assert_eq!(
        Config::load(&cfg).unwrap().ruleset.as_deref(),
        Some("central-2020")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_fails_closed_when_the_rule_set_cannot_load() {
    let text = clean_self_evaluation();
    let doc = jixiao_parse::parse_str("clean.txt", &text);
    let config = Config {
        ruleset: Some("no-such-file.toml".into()),
        ..Config::default()
    };
    let e = try_check(&doc, &text, &config).unwrap_err();
    assert!(matches!(e, RuleSetError::Io { ref file, .. } if file == "no-such-file.toml"));

    let report = check(&doc, &text, &config);
    let good = check(&doc, &text, &Config::default());
    let scored_forms = doc
        .forms
        .iter()
        .filter(|f| jixiao_score::is_scored(f.kind))
        .count();
    assert!(scored_forms > 0);
    for rule in jixiao_audit::codes::RULES {
        let m = rule.meta();
        let entries: Vec<_> = report.ledger.iter().filter(|e| e.rule == m.code).collect();
        if m.family != Family::SelfEvaluation {
            // Rules that read no scores run as usual.
            let before: Vec<_> = good.ledger.iter().filter(|e| e.rule == m.code).collect();
            assert_eq!(entries, before, "{}", m.code);
            continue;
        }
        // Every S rule still ends each scored form with an outcome, and none passes unless
        // it reads no scores (then it runs as usual).
        assert!(entries.len() >= scored_forms, "{}: {entries:?}", m.code);
        for e in entries {
            if e.outcome == Outcome::InsufficientData && e.reason.contains("no-such-file.toml") {
                continue;
            }
            let same = good
                .ledger
                .iter()
                .any(|g| g.rule == e.rule && g.form == e.form && g.outcome == e.outcome);
            assert!(same, "{}: {e:?}", m.code);
        }
    }
    assert!(report
        .ledger
        .iter()
        .any(|e| e.outcome == Outcome::InsufficientData && e.reason.contains("no-such-file.toml")));
}

#[test]
fn score_and_check_scores_once_with_the_chosen_sets() {
    let text = clean_self_evaluation();
    let doc = jixiao_parse::parse_str("clean.txt", &text);
    let config = Config::default();
    let choice = RuleChoice::defaults();
    let (scores, report) = score_and_check(&doc, &text, &config, &choice);
    assert_eq!(scores, choice.score_document(&doc.forms));
    assert!(!scores.is_empty());
    let plain = check(&doc, &text, &config);
    assert_eq!(report.findings, plain.findings);
    assert_eq!(report.ledger, plain.ledger);
    // A user set scores every form, whatever its kind.
    let central = RuleChoice::load(Some("central-2020")).unwrap();
    let (scores, _) = score_and_check(&doc, &text, &config, &central);
    assert!(scores
        .iter()
        .all(|s| s.ruleset.starts_with("central-2020@")));
}
