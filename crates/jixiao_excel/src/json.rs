//! JSON export: the `jixiao parse` object of each file (the documented interchange format)
//! with two more keys, `scores` (as `jixiao score --format json`) and `findings` (as
//! `jixiao check --format json`). Numbers stay exact (`27.00`).

use serde_json::Value;

use crate::Bundle;

/// The export of `bundles`: one object per file.
pub fn export(bundles: &[Bundle]) -> Value {
    Value::Array(
        bundles
            .iter()
            .map(|b| {
                let mut v = serde_json::to_value(&b.doc).unwrap_or(Value::Null);
                if let Value::Object(m) = &mut v {
                    m.insert(
                        "scores".into(),
                        serde_json::to_value(&b.scores).unwrap_or(Value::Null),
                    );
                    m.insert(
                        "findings".into(),
                        serde_json::to_value(&b.findings).unwrap_or(Value::Null),
                    );
                }
                v
            })
            .collect(),
    )
}
