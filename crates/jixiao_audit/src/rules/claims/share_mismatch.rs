use jixiao_model::{Claim, Decimal};

use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::finding::{Related, Severity};
use crate::registry::{Meta, Rule};
use crate::tolerance::{check_pct, PctCheck};

use crate::rules::common::{
    binding::{
        bind, income_or_spending, item_levels, item_section, three_public_total, year_total, Cell,
        Measure,
    },
    growth::{as_printed, show_pct},
    printed_numbers::place,
    prose::ParaIndex,
    sections::{final_accounts_at, norm, section_at, Section},
};

declare_rule! {
    /// ## What it does
    /// Recomputes every stated share (`X万元，占Y%`, `占…总额的Y%`) as amount / base × 100. The
    /// base is the one the sentence names (`占政府采购支出总额的` → the 政府采购支出总额 stated in
    /// the same passage; `占一般公共预算项目支出总额的` → that table total); else the total of the
    /// itemised statement the amount is a part of (`支出2,346.8万元，其中：基本支出1,602.8万元，
    /// 占68.3%`); else the one the subject implies: 三公 items → the 决算 合计 of the 三公 table;
    /// 基本支出 / 项目支出, and a 类/款/项 named with its level marker (`一般公共服务（类）支出…，
    /// 占84.8%`), in the 一般公共预算 section → that table's 合计; income lines → 本年收入
    /// 合计; spending columns → 本年支出合计.
    ///
    /// ## Why is this bad?
    /// Shares are how readers compare items; a share that does not follow from the amounts
    /// misstates the structure of the spending.
    ///
    /// ## Tolerance
    /// A stated share with d decimals is right when the true value rounds (or truncates) to
    /// it; a value only the inputs' rounding explains is info. A zero base with a stated share
    /// is an error. A base the sentence names but nowhere states, or an amount not given, is
    /// insufficient data.
    ///
    /// ## Example
    /// ```text
    /// 公务用车购置及运行维护费4.8万元，占80%；公务接待费支出1.2万元，占30%。
    /// ```
    /// with a 三公 决算 合计 of 6.00: 1.20 / 6.00 = 20.00 %, stated 30 %.
    ///
    /// ## How to fix
    /// State the share the amounts give, or name the base it was computed on.
    pub struct ShareMismatch {
        code: "C405",
        severity: Error,
        family: Claims,
        summary: "占比与金额、基数不符",
        summary_en: "Share does not equal amount / base",
        since: "0.1.0",
    }
}

/// The base phrase of `占P的Y%` after the claim's subject, if the sentence names one.
fn named_base(c: &Claim) -> Option<String> {
    let text = c.text.as_str();
    let from = c
        .subject
        .as_deref()
        .and_then(|s| text.find(s).map(|i| i + s.len()))
        .unwrap_or(0);
    let i = from + text[from..].find('占')?;
    let rest = &text[i + '占'.len_utf8()..];
    let d = rest.find(|c: char| jixiao_text::fold_char(c).is_ascii_digit())?;
    let head = rest[..d].trim_end();
    let head = head.strip_suffix("的").or_else(|| {
        [
            "的比重为",
            "的比例为",
            "的比重",
            "的比例",
            "比重为",
            "比例为",
            "比重",
            "比例",
        ]
        .iter()
        .find_map(|s| head.strip_suffix(s))
    })?;
    let p = head.trim();
    (!p.is_empty() && !p.contains(['，', '。', '；'])).then(|| p.to_string())
}

/// The total of an itemised statement the share's amount is a part of (`总额X万元，其中：a万元，
/// 占Y%；…`): the share is of that total.
fn sum_total(cx: &Checker, c: &Claim) -> Option<(Decimal, u32, String)> {
    let amount = c.inputs.get("amount")?;
    let subject = c.subject.as_deref()?;
    cx.doc
        .claims
        .iter()
        .filter(|o| o.kind == "sum" && o.line <= c.line && o.line + 5 >= c.line)
        .filter(|o| o.text.contains(subject) && o.text.contains(c.text.as_str()))
        .filter(|o| {
            o.inputs
                .iter()
                .any(|(k, v)| k.starts_with("part_") && v == amount)
        })
        .find_map(|o| {
            let t = o.inputs.get("total")?;
            Some((*t, o.line, o.subject.clone().unwrap_or_default()))
        })
}

enum Base {
    Cell(Cell),
    Stated {
        value: Decimal,
        line: u32,
        label: String,
    },
}

impl Rule for ShareMismatch {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        // Paragraphs, built at the first share about a marked 类/款/项.
        let mut index: Option<Option<ParaIndex>> = None;
        for c in &cx.doc.claims {
            if c.kind != "share" {
                continue;
            }
            let Some(&stated) = c.stated.get("share_pct") else {
                continue;
            };
            let subject = c.subject.clone().unwrap_or_else(|| "占比".into());
            let mut u = cx.unit(&Self::META, &subject, c.line, c.line);
            let fa = final_accounts_at(cx, c.line);
            let line = cx.lines.get(c.line as usize - 1).copied().unwrap_or("");
            let byte = line.find(subject.as_str()).unwrap_or(line.len());
            let marked = !item_levels(&subject).is_empty();
            let index = index.get_or_insert_with(|| marked.then(|| ParaIndex::new(cx)));
            let before = index
                .as_ref()
                .and_then(|i| i.before(c.line, byte))
                .unwrap_or(&line[..byte]);
            let sec = fa.map(|fa| item_section(section_at(cx, fa, c.line), &subject, before));
            // The base.
            let base: Result<Base, String> = match named_base(c) {
                Some(p) => {
                    let key = norm(&p);
                    // A figure of the same passage whose subject is the base phrase.
                    let stated_base = cx
                        .doc
                        .claims
                        .iter()
                        .filter(|o| o.line <= c.line && o.line + 5 >= c.line)
                        .filter(|o| o.subject.as_deref().map(norm).as_deref() == Some(key.as_str()))
                        .filter_map(|o| {
                            let v = o.inputs.get("total").or_else(|| o.inputs.get("amount"))?;
                            Some((o.line, *v))
                        })
                        .next_back();
                    match stated_base {
                        Some((line, value)) => Ok(Base::Stated {
                            value,
                            line,
                            label: p.clone(),
                        }),
                        None => {
                            let trimmed = key
                                .strip_suffix("总额")
                                .or_else(|| key.strip_suffix("总数"))
                                .unwrap_or(&key)
                                .to_string();
                            let bound = fa.and_then(|fa| {
                                bind(cx, fa, &key, Section::Spending, Measure::Actual).or_else(
                                    || bind(cx, fa, &trimmed, Section::Spending, Measure::Actual),
                                )
                            });
                            match bound {
                                Some(r) => r.map(Base::Cell),
                                None => Err(cx.t(
                                    format!("句中所称基数「{p}」未在同段给出，也不是决算表中的合计"),
                                    format!("the base `{p}` the sentence names is stated nowhere nearby and is not a table total"),
                                )),
                            }
                        }
                    }
                }
                None if sum_total(cx, c).is_some() => {
                    let (value, line, label) = sum_total(cx, c).unwrap_or_default();
                    Ok(Base::Stated { value, line, label })
                }
                None => match fa {
                    None => Err(cx.t(
                        "占比未说明基数，且不在决算情况说明中",
                        "the share names no base and is not in a final account's narrative",
                    )),
                    Some(fa) => {
                        let three = sec == Some(Section::ThreePublic);
                        let general = sec == Some(Section::GeneralBudget)
                            && (matches!(norm(&subject).as_str(), "基本支出" | "项目支出")
                                || !item_levels(&subject).is_empty());
                        if three {
                            three_public_total(cx, fa).map(Base::Cell)
                        } else if general {
                            bind(
                                cx,
                                fa,
                                "一般公共预算财政拨款支出",
                                Section::GeneralBudget,
                                Measure::Actual,
                            )
                            .unwrap_or_else(|| Err(String::new()))
                            .map(Base::Cell)
                        } else if let Some(income) = income_or_spending(&subject) {
                            year_total(cx, fa, income).map(Base::Cell)
                        } else {
                            Err(cx.t(
                                "占比未说明基数，无法从主语推定",
                                "the share names no base and its subject implies none",
                            ))
                        }
                    }
                },
            };
            let base = match base {
                Ok(b) => b,
                Err(reason) => {
                    u.insufficient(reason);
                    cx.close(u);
                    continue;
                }
            };
            let (base_value, base_label, related) = match &base {
                Base::Cell(cell) => (cell.value, cell.label.clone(), cell.related(cx)),
                Base::Stated { value, line, label } => (
                    *value,
                    label.clone(),
                    Related {
                        file: cx.doc.file.clone(),
                        line: *line,
                        column: None,
                        message: format!("{label} {value}"),
                    },
                ),
            };
            // The amount: stated, else the table cell the subject names.
            let amount = match c.inputs.get("amount") {
                Some(&a) => Some(a),
                None => fa.and_then(|fa| {
                    bind(
                        cx,
                        fa,
                        &subject,
                        sec.unwrap_or(Section::Other),
                        Measure::Actual,
                    )
                    .and_then(Result::ok)
                    .map(|cell| cell.value)
                }),
            };
            let Some(amount) = amount else {
                u.insufficient(cx.t(
                    format!("{subject}: 句中未给出金额"),
                    format!("{subject}: the sentence gives no amount"),
                ));
                cx.close(u);
                continue;
            };
            let unit = c.unit.as_deref().or(Some("万元"));
            let amount = as_printed(amount, unit);
            let base_value = as_printed(base_value, unit);
            u.checked();
            let r = check_pct(stated, amount, base_value);
            let (line, column, printed) = place(cx, c, stated, true);
            let (msg, sev, exp) = match r {
                PctCheck::Exact => {
                    cx.close(u);
                    continue;
                }
                PctCheck::ZeroDenominator => (
                    cx.t(
                        format!("{subject}: 基数{base_label}为 0，不能计算占比，却写 {printed}%"),
                        format!("{subject}: the base {base_label} is 0, yet a share of {printed}% is stated"),
                    ),
                    None,
                    None,
                ),
                PctCheck::Wrong { .. } | PctCheck::Rounding { .. } => {
                    let exp = show_pct(amount, base_value, stated);
                    (
                        cx.t(
                            format!("{subject}: 占比 {amount} / {base_value}（{base_label}）= {exp}%，文中为 {printed}%"),
                            format!("{subject}: share {amount} / {base_value} ({base_label}) = {exp}%, stated {printed}%"),
                        ),
                        matches!(r, PctCheck::Rounding { .. }).then_some(Severity::Info),
                        Some(exp),
                    )
                }
            };
            u.report(
                &cx.doc.file,
                Report {
                    column,
                    stated: Some(printed),
                    expected: exp,
                    path: Some(c.kind.clone()),
                    related: vec![related],
                    severity: sev,
                    ..Report::at(line, msg)
                },
            );
            cx.close(u);
        }
    }
}
