//! The jixiao domain model.
//!
//! A [`Document`] is what the reader makes of one input file: the [`Form`]s found in it (of four
//! [`FormKind`]s), the numeric [`Claim`]s found in its prose, and [`Warning`]s for every region
//! the reader did not understand. Every form, row and value carries its 1-based source line.
//!
//! The serde representation of these types *is* the `jixiao parse --format json` interchange
//! format (see `schema/parse.schema.json`); field names are a contract: extend, never rename.
//!
//! Numbers are exact [`Decimal`]s whose scale is the number of decimals printed in the source
//! (`27.00` keeps scale 2), so that tolerance rules can use it. Printed cells are also kept
//! verbatim in `raw` so that a blank cell, `0.00` and `-` stay distinct.

#![warn(missing_docs)]

mod form;
mod num_serde;
mod round;
mod table_id;
mod value;

pub use form::*;
pub use round::{round, RoundingMode};
pub use rust_decimal::Decimal;
pub use table_id::TableId;
pub use value::{CellKind, Op, Value, ValueKind};

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn json_numbers_keep_printed_decimals() {
        let row = TableRow {
            code: Some("201".into()),
            name: "一般公共服务支出".into(),
            side: None,
            row_no: None,
            values: vec![Some(Decimal::from_str("86005.00").unwrap()), None],
            raw: vec!["86,005.00".into(), "-".into()],
            line: 7,
        };
        let json = serde_json::to_string(&row).unwrap();
        assert!(json.contains(r#""values":[86005.00,null]"#), "{json}");
        let back: TableRow = serde_json::from_str(&json).unwrap();
        assert_eq!(back, row);
        assert_eq!(back.values[0].unwrap().scale(), 2);
    }
}
