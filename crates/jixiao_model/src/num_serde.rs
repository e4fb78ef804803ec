//! JSON representation of amounts: numbers printed exactly as the document states them
//! (`27.00`, not `"27.00"` nor `27.0`), through serde_json's `arbitrary_precision`.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// `Option<Decimal>` as a JSON number or null.
pub mod opt {
    use super::*;

    pub fn serialize<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        rust_decimal::serde::arbitrary_precision_option::serialize(v, s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        rust_decimal::serde::arbitrary_precision_option::deserialize(d)
    }
}

#[derive(Serialize, Deserialize)]
#[serde(transparent)]
struct Num(#[serde(with = "rust_decimal::serde::arbitrary_precision")] Decimal);

#[derive(Serialize, Deserialize)]
#[serde(transparent)]
struct OptNum(#[serde(with = "opt")] Option<Decimal>);

/// `Vec<Option<Decimal>>` as an array of numbers and nulls.
pub mod vec_opt {
    use super::*;

    pub fn serialize<S: Serializer>(v: &[Option<Decimal>], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(v.iter().map(|d| OptNum(*d)))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Option<Decimal>>, D::Error> {
        Ok(Vec::<OptNum>::deserialize(d)?
            .into_iter()
            .map(|n| n.0)
            .collect())
    }
}

/// `BTreeMap<String, Decimal>` as an object of numbers.
pub mod map {
    use super::*;

    pub fn serialize<S: Serializer>(
        v: &BTreeMap<String, Decimal>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_map(v.iter().map(|(k, d)| (k, Num(*d))))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<String, Decimal>, D::Error> {
        Ok(BTreeMap::<String, Num>::deserialize(d)?
            .into_iter()
            .map(|(k, n)| (k, n.0))
            .collect())
    }
}
