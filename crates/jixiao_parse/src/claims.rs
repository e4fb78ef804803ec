//! Numeric claims in prose. STUB: to be implemented.

use jixiao_model::Claim;

use crate::Line;

pub(crate) fn extract(_lines: &[Line], _out: &mut Vec<Claim>) {}
