use super::each_form;
use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};

declare_rule! {
    /// ## What it does
    /// Checks that a form has a 满意度 (beneficiary satisfaction) indicator at any level.
    ///
    /// ## Why is this bad?
    /// The central framework weights 满意度 10 points; without it the weight moves to 效益
    /// and the beneficiaries' view is not measured.
    ///
    /// ## Example
    /// A form with 产出 and 效益 only.
    ///
    /// ## How to fix
    /// Add 服务对象满意度 with a target rate.
    pub struct MissingSatisfactionIndicator {
        code: "T208",
        severity: Warning,
        family: Targets,
        summary: "缺少满意度指标",
        summary_en: "No satisfaction indicator",
        since: "0.1.0",
    }
}

impl Rule for MissingSatisfactionIndicator {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        each_form(cx, &Self::META, |cx, form| {
            let has = form
                .indicators
                .iter()
                .any(|i| i.path.iter().any(|p| p.contains("满意")));
            (!has).then(|| {
                Report::at(
                    form.indicators[0].line,
                    cx.t("未设满意度指标", "no satisfaction indicator"),
                )
            })
        });
    }
}
