use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::scored_forms;

declare_rule! {
    /// ## What it does
    /// Checks that the printed 评分等级 is the band of the printed total under the rule set
    /// (优 ≥ 90, 良 [80, 90), 中 [60, 80), 差 < 60 by default; half-open).
    ///
    /// ## Why is this bad?
    /// The grade is what gets reported upward and used in next year's budget; a grade that is
    /// not the total's band misreports the result.
    ///
    /// ## Example
    /// ```text
    /// 总分					100.00	89.77
    /// 评分等级		优
    /// ```
    /// 89.77 is 良.
    ///
    /// ## How to fix
    /// Print the grade of the total's band.
    pub struct GradeNotBandOfTotal {
        code: "S112",
        severity: Error,
        family: SelfEvaluation,
        summary: "评分等级与总分所在档次不符",
        summary_en: "Grade is not the band of the total",
        since: "0.1.0",
    }
}

impl Rule for GradeNotBandOfTotal {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for (_, form, scored) in scored_forms(cx) {
            let mut u = cx.form_unit(&Self::META, form);
            let (Some(grade), Some(total)) =
                (&form.grade, form.total.as_ref().and_then(|t| t.score))
            else {
                if form.grade.is_none() {
                    u.not_applicable(cx.t("未填评分等级", "no grade printed"));
                } else {
                    u.insufficient(cx.t("总分空白", "no total score"));
                }
                cx.close(u);
                continue;
            };
            u.checked();
            let band = scored.stated_total_band.clone().unwrap_or_default();
            if !band.is_empty() && &band != grade {
                let line = form.grade_line.unwrap_or(form.line_end);
                let msg = cx.t(
                    format!("总分 {total} 属于“{band}”档，表中评分等级为“{grade}”"),
                    format!("the total {total} is in band {band}, the form states {grade}"),
                );
                u.report(
                    &cx.doc.file,
                    Report {
                        column: cx.column_of(line, grade, None),
                        stated: Some(grade.clone()),
                        expected: Some(band),
                        path: Some("评分等级".into()),
                        ..Report::at(line, msg)
                    },
                );
            }
            cx.close(u);
        }
    }
}
