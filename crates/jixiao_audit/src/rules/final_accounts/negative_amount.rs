use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::common::{
    cells::cell,
    tables::{final_forms, single},
};
use jixiao_model::TableId;

declare_rule! {
    /// ## What it does
    /// Flags negative amounts in the nine 决算 tables.
    ///
    /// ## Why is this bad?
    /// Income, spending and balances of a final account are not negative; a minus sign is
    /// usually a misprint or a sign convention the reader is not told about (a negative 年末
    /// 结转和结余 would mean an overdraft that must be explained).
    ///
    /// ## Example
    /// ```text
    /// 年初结转和结余	29	-40.00
    /// ```
    ///
    /// ## How to fix
    /// Print the amount without a sign, or explain the negative balance in a note.
    pub struct NegativeAmount {
        code: "F309",
        severity: Warning,
        family: FinalAccounts,
        summary: "决算表中出现负数金额",
        summary_en: "Negative amount in a final-accounts table",
        since: "0.1.0",
    }
}

impl Rule for NegativeAmount {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for form in final_forms(cx) {
            for id in TableId::ALL {
                let Some((mut u, t)) = single(cx, &Self::META, form, id) else {
                    continue;
                };
                for r in &t.rows {
                    for (k, v) in r.values.iter().enumerate() {
                        let Some(v) = v else { continue };
                        u.checked();
                        if !v.is_sign_negative() || v.is_zero() {
                            continue;
                        }
                        let Ok(a) = cell(cx, t, r, k) else { continue };
                        let msg = cx.t(
                            format!("{} 为负数 {}", a.path(), a.raw),
                            format!("{} is negative: {}", a.path(), a.raw),
                        );
                        u.report(
                            &cx.doc.file,
                            Report {
                                column: a.column(cx),
                                stated: Some(a.raw.to_string()),
                                path: Some(a.path().clone()),
                                ..Report::at(a.line, msg)
                            },
                        );
                    }
                }
                cx.close(u);
            }
        }
    }
}
