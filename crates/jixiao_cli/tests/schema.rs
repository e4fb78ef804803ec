//! The documented interchange format: real `jixiao parse` output validates against
//! `schema/parse.schema.json`, which rejects unknown fields (so a new field cannot land
//! undocumented).

use std::path::Path;
use std::process::Command;

#[path = "../../jixiao_parse/tests/support/seeds.rs"]
mod seeds;

fn validate(paths: &[&Path]) {
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema/parse.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("parse")
        .args(paths)
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .take(10)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(doc.as_array().is_some_and(|a| a.len() == paths.len()));
}

#[test]
fn fixtures_validate() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../jixiao_parse/tests/fixtures");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let refs: Vec<&Path> = files.iter().map(|p| p.as_path()).collect();
    validate(&refs);
}

#[test]
fn seeds_validate() {
    let files = seeds::all();
    if files.is_empty() {
        return;
    }
    let refs: Vec<&Path> = files.iter().map(|p| p.as_path()).collect();
    validate(&refs);
}

#[test]
fn schema_rejects_unknown_fields() {
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema/parse.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let bad =
        serde_json::json!([{"file": "x", "forms": [], "claims": [], "warnings": [], "extra": 1}]);
    assert!(!validator.is_valid(&bad));
    let good = serde_json::json!([{"file": "x", "forms": [], "claims": [], "warnings": []}]);
    assert!(validator.is_valid(&good));
}
