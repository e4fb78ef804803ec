use jixiao_model::FormKind;

use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::forms_of;

declare_rule! {
    /// ## What it does
    /// Flags a target declaration whose money block gives 同名项目上年预算额 but leaves
    /// 同名项目上年预算执行数 blank.
    ///
    /// ## Why is this bad?
    /// The prior year's execution is what a reviewer weighs this year's request against
    /// (合理性); a blank hides under-execution.
    ///
    /// ## Example
    /// ```text
    /// 同名项目上年预算额（元）：	120,000,000	同名项目上年预算执行数（元）：
    /// ```
    ///
    /// ## How to fix
    /// Fill in the prior year's execution.
    pub struct PriorExecutionBlank {
        code: "T210",
        severity: Warning,
        family: Targets,
        summary: "填了上年预算额但上年执行数空白",
        summary_en: "Prior-year budget given, prior-year execution blank",
        since: "0.1.0",
    }
}

impl Rule for PriorExecutionBlank {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for (_, form) in forms_of(cx, &[FormKind::TargetDeclaration]) {
            let mut u = cx.form_unit(&Self::META, form);
            let Some(b) = &form.budget else {
                u.insufficient(cx.t("未找到资金情况", "no money block"));
                cx.close(u);
                continue;
            };
            u.checked();
            match (b.prior_year_budget, b.prior_year_executed) {
                (None, _) => u.not_applicable(cx.t("无同名项目上年预算", "no prior-year budget")),
                (Some(_), None) => {
                    let p = b.raw.get(2).cloned().unwrap_or_default();
                    let line = cx
                        .lines
                        .iter()
                        .enumerate()
                        .skip(b.line as usize - 1)
                        .find(|(_, l)| l.contains("上年预算执行数"))
                        .map_or(b.line, |(i, _)| i as u32 + 1);
                    let msg = cx.t(
                        format!("同名项目上年预算额 {p} 元，上年预算执行数空白"),
                        format!("prior-year budget {p} given, prior-year execution blank"),
                    );
                    u.report(
                        &cx.doc.file,
                        Report {
                            path: Some("同名项目上年预算执行数".into()),
                            ..Report::at(line, msg)
                        },
                    );
                }
                _ => {}
            }
            cx.close(u);
        }
    }
}
