use jixiao_model::{Decimal, ValueKind};

use super::each_indicator;
use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};

declare_rule! {
    /// ## What it does
    /// Flags a target whose unit contradicts its value or its name: a unit word after `%`
    /// (`=100%百分比`), a rate (…率) given in a count unit, or a rate above 100 % where the
    /// name is not a growth rate.
    ///
    /// ## Why is this bad?
    /// 可衡量性: the reviewer cannot tell what is measured, and scoring needs target and actual
    /// in one unit.
    ///
    /// ## Example
    /// ```text
    /// 	质量	补贴资金到位率	=100%百分比
    /// ```
    ///
    /// ## How to fix
    /// Use one unit: `=100%`.
    pub struct UnitContradictsValue {
        code: "T204",
        severity: Warning,
        family: Targets,
        summary: "目标值单位与数值或名称矛盾",
        summary_en: "Target unit contradicts the value or the name",
        since: "0.1.0",
    }
}

impl Rule for UnitContradictsValue {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        each_indicator(cx, &Self::META, |cx, _, ind, _| {
            let t = &ind.target;
            let name = ind.path.last().cloned().unwrap_or_default();
            let is_rate =
                name.trim_end_matches(['(', ')', '%']).ends_with('率') || name.contains("率(");
            if t.kind == ValueKind::Percent {
                if let Some(sfx) = &t.suffix {
                    return Some(Report::at(
                        ind.line,
                        cx.t(
                            format!("目标值“{}”在 % 后又写单位“{sfx}”", t.raw),
                            format!("target {:?} repeats a unit {sfx:?} after %", t.raw),
                        ),
                    ));
                }
                let growth = ["增长", "提升", "提高", "增幅", "增加"]
                    .iter()
                    .any(|w| name.contains(w));
                if is_rate && !growth && t.value.is_some_and(|v| v > Decimal::ONE_HUNDRED) {
                    return Some(Report::at(
                        ind.line,
                        cx.t(
                            format!("比率“{name}”的目标值 {} 超过 100%", t.raw),
                            format!("rate {name:?} targeted above 100%: {:?}", t.raw),
                        ),
                    ));
                }
            }
            if is_rate && t.kind == ValueKind::Number {
                if let Some(u) = &t.unit {
                    return Some(Report::at(
                        ind.line,
                        cx.t(
                            format!("比率“{name}”的目标值以“{u}”计"),
                            format!("rate {name:?} targeted in {u:?}"),
                        ),
                    ));
                }
            }
            None
        });
    }
}
