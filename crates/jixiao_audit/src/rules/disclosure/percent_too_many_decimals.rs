use crate::checker::Checker;
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::common::{
    prose::{prose_lines, report_at_byte},
    tables::final_forms,
};
use jixiao_parse::prose::numbers_in;

declare_rule! {
    /// ## What it does
    /// Flags a percentage printed with more than two decimals (`增长4.217%`, `占38.4615%`) in
    /// the text of a 决算.
    ///
    /// ## Why is this bad?
    /// The disclosure prints amounts to 0.01 万元 and rates to at most two decimals; a longer
    /// figure is usually pasted from a spreadsheet and suggests a precision the amounts do not
    /// carry.
    ///
    /// ## Example
    /// ```text
    /// 事业收入30万元，比上年决算数减少6万元，下降16.6667%。
    /// ```
    ///
    /// ## How to fix
    /// Round the percentage to one or two decimals (`16.67%`).
    pub struct PercentTooManyDecimals {
        code: "D510",
        severity: Warning,
        family: Disclosure,
        summary: "百分比小数位超过两位",
        summary_en: "Percentage printed with more than two decimals",
        since: "0.2.0",
    }
}

/// The most decimals a percentage of the disclosure is printed with.
const MAX_PCT_DECIMALS: u32 = 2;

/// (byte offset, printed number) of each percentage on `text` with too many decimals.
fn long_percentages(text: &str) -> Vec<(usize, String)> {
    numbers_in(text)
        .into_iter()
        .filter(|n| n.pct && n.value.scale() > MAX_PCT_DECIMALS)
        .map(|n| (n.at, n.printed))
        .collect()
}

impl Rule for PercentTooManyDecimals {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for form in final_forms(cx) {
            let mut u = cx.form_unit(&Self::META, form);
            u.checked();
            for (n, text) in prose_lines(cx, form) {
                for (at, num) in long_percentages(text) {
                    let msg = cx.t(
                        format!("百分比 {num}% 的小数超过{MAX_PCT_DECIMALS}位"),
                        format!("the percentage {num}% has more than {MAX_PCT_DECIMALS} decimals"),
                    );
                    let r = report_at_byte(n, text, at, msg, format!("{num}%"), None);
                    u.report(&cx.doc.file, r);
                }
            }
            cx.close(u);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::long_percentages;

    #[test]
    fn decimals() {
        let w = |s: &str| {
            long_percentages(s)
                .into_iter()
                .map(|x| x.1)
                .collect::<Vec<_>>()
        };
        assert_eq!(w("下降16.667%，占38.4615％"), ["16.667", "38.4615"]);
        assert!(w("增长4.2%，占80.00%，金额1.2345万元").is_empty());
    }
}
