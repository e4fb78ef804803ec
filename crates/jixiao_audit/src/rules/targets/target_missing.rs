use jixiao_model::ValueKind;

use super::each_indicator;
use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};

declare_rule! {
    /// ## What it does
    /// Flags an indicator printed without a target value (指标目标值 / 年度指标值 blank).
    ///
    /// ## Why is this bad?
    /// An indicator without a target cannot be monitored or scored (完整性).
    ///
    /// ## Example
    /// ```text
    /// 	产出目标	数量	服务企业数
    /// ```
    ///
    /// ## How to fix
    /// Set a measurable target value.
    pub struct TargetMissing {
        code: "T201",
        severity: Error,
        family: Targets,
        summary: "指标未设目标值",
        summary_en: "Indicator without a target value",
        since: "0.1.0",
    }
}

impl Rule for TargetMissing {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        each_indicator(cx, &Self::META, |cx, _, ind, _| {
            (ind.target.kind == ValueKind::Blank).then(|| {
                Report::at(
                    ind.line,
                    cx.t(
                        format!(
                            "指标“{}”未设目标值",
                            ind.path.last().cloned().unwrap_or_default()
                        ),
                        format!(
                            "indicator {:?} has no target value",
                            ind.path.last().cloned().unwrap_or_default()
                        ),
                    ),
                )
            })
        });
    }
}
