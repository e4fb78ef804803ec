use super::KINDS;
use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::forms_of;

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
        for (_, form) in forms_of(cx, KINDS) {
            let mut u = cx.unit(
                &Self::META,
                Checker::form_label(form),
                form.line_start,
                form.line_end,
            );
            if form.indicators.is_empty() {
                u.insufficient(cx.t("未读到指标", "no indicators read"));
                cx.close(u);
                continue;
            }
            u.checked();
            if !form
                .indicators
                .iter()
                .any(|i| i.path.iter().any(|p| p.contains("满意")))
            {
                let msg = cx.t("未设满意度指标", "no satisfaction indicator");
                u.report(&cx.doc.file, Report::at(form.indicators[0].line, msg));
            }
            cx.close(u);
        }
    }
}
