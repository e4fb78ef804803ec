use super::each_form;
use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};

declare_rule! {
    /// ## What it does
    /// Checks that a form has at least one 效益 (outcome) indicator (效益指标, or 效果目标 in
    /// the 2020 Shanghai vocabulary).
    ///
    /// ## Why is this bad?
    /// Every project needs output and outcome indicators (财预〔2021〕101号); without an outcome
    /// the spending has no stated purpose to be judged against.
    ///
    /// ## Example
    /// A form with only 产出指标 and 满意度指标.
    ///
    /// ## How to fix
    /// Add an economic, social, ecological or sustained-impact indicator.
    pub struct MissingBenefitIndicator {
        code: "T207",
        severity: Warning,
        family: Targets,
        summary: "缺少效益指标",
        summary_en: "No outcome (效益) indicator",
        since: "0.1.0",
    }
}

impl Rule for MissingBenefitIndicator {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        each_form(cx, &Self::META, |cx, form| {
            let has = form.indicators.iter().any(|i| {
                i.path
                    .first()
                    .is_some_and(|l| l.starts_with("效益") || l.starts_with("效果"))
            });
            (!has).then(|| {
                Report::at(
                    form.indicators[0].line,
                    cx.t("未设效益指标", "no outcome indicator"),
                )
            })
        });
    }
}
