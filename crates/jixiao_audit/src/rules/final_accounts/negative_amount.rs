use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::common::{
    cells::cell,
    tables::{final_forms, single},
};
use jixiao_model::{Decimal, TableId};

declare_rule! {
    /// ## What it does
    /// Flags negative amounts in the nine 决算 tables, and a cell of a share column (header with
    /// `%`, `百分比`, `占比`, `比重`) outside 0–100. A completion or growth rate column (`完成`,
    /// `执行`, `增长`, `增减`, `变动` in the header) is no share and may leave 0–100 (a
    /// 完成预算 of 112 % is legitimate): only its negative cells are reported. The national
    /// format of the nine tables has no percentage column; regional variants that add one are
    /// covered.
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

/// Words of a column header that make its cells shares of a whole (0–100).
const SHARE_COLUMN_WORDS: &[&str] = &["%", "％", "百分比", "占比", "比重"];

/// Words of a rate that may leave 0–100 (a completion or growth rate): not a share.
const RATE_COLUMN_WORDS: &[&str] = &["完成", "执行", "增长", "增减", "变动"];

/// True when a column's cells are shares: its header names a percentage and no rate.
fn is_share_column(name: &str) -> bool {
    SHARE_COLUMN_WORDS.iter().any(|w| name.contains(w))
        && !RATE_COLUMN_WORDS.iter().any(|w| name.contains(w))
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
                    let cols = r
                        .side
                        .as_deref()
                        .and_then(|s| t.side_columns.get(s))
                        .unwrap_or(&t.columns);
                    for (k, v) in r.values.iter().enumerate() {
                        let Some(v) = v else { continue };
                        u.checked();
                        let percent = cols.get(k).is_some_and(|c| is_share_column(c));
                        let bad = if percent {
                            v.is_sign_negative() && !v.is_zero() || *v > Decimal::ONE_HUNDRED
                        } else {
                            v.is_sign_negative() && !v.is_zero()
                        };
                        if !bad {
                            continue;
                        }
                        let Ok(a) = cell(cx, t, r, k) else { continue };
                        let msg = if percent {
                            cx.t(
                                format!("{} 为百分比 {}，超出 0–100", a.path(), a.raw),
                                format!("{} is a percentage of {}, outside 0–100", a.path(), a.raw),
                            )
                        } else {
                            cx.t(
                                format!("{} 为负数 {}", a.path(), a.raw),
                                format!("{} is negative: {}", a.path(), a.raw),
                            )
                        };
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

#[cfg(test)]
mod tests {
    use super::is_share_column;

    #[test]
    fn share_columns() {
        assert!(is_share_column("占比(%)"));
        assert!(is_share_column("比重"));
        assert!(!is_share_column("完成预算(%)"));
        assert!(!is_share_column("增长率%"));
        assert!(!is_share_column("本年支出合计"));
    }
}
