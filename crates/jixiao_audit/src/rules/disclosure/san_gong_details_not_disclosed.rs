use jixiao_model::{Decimal, TableId};

use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::common::{
    prose::{counts, has_amount, is_top_heading, locate, paragraphs, sentences, Para},
    san_gong::{data_rows, half_columns, item},
    tables::{final_forms, single},
};

declare_rule! {
    /// ## What it does
    /// Checks that the “三公”经费 section of the 情况说明 discloses what the 三公 table (决算数)
    /// calls for: an amount (0 included) or a not-occurred statement for each of 因公出国(境)费,
    /// 公务用车购置费, 公务用车运行维护费 and 公务接待费 (the combined 购置及运行维护费 does not
    /// count for either part); 团组数 and 人次 when 因公出国 > 0; 接待批次 and 人次 when 公务接待 > 0
    /// (counts given only for foreign guests — `外事接待0批次、0人次` — do not disclose the domestic
    /// receptions the amount pays for);
    /// 公务用车购置数 (辆) when 购置费 > 0; 公务用车保有量 (辆) when 公务用车 小计 > 0.
    ///
    /// ## Why is this bad?
    /// The disclosure rules for 三公经费 ask for the physical quantities behind the money (groups
    /// and people abroad, receptions and guests, vehicles bought and held); without them the
    /// amounts cannot be judged.
    ///
    /// ## Example
    /// ```text
    /// 3. 公务接待费支出2.3万元，主要用于接待上级业务检查。
    /// ```
    /// 公务接待费 is 2.30 but no 批次/人次 is given.
    ///
    /// ## How to fix
    /// State the counts (`共接待国内来访12批次、86人次`), or that nothing occurred.
    pub struct SanGongDetailsNotDisclosed {
        code: "D503",
        severity: Warning,
        family: Disclosure,
        summary: "三公经费情况说明未披露应有的数量信息",
        summary_en: "The three-official-expenses section lacks required details",
        since: "0.1.0",
    }
}

/// Words that mark a clause as about foreign guests (外事接待): its counts do not disclose the
/// domestic receptions.
const FOREIGN_WORDS: [&str; 5] = ["外事", "外宾", "境外", "国（境）外", "国(境)外"];

/// The clauses of `s` (cut at `，,；;`) that are not about foreign guests.
fn domestic_clauses(s: &str) -> Vec<&str> {
    s.split(['，', ',', '；', ';'])
        .filter(|c| !FOREIGN_WORDS.iter().any(|w| c.contains(w)))
        .collect()
}

const GROUPS: [&str; 5] = ["个", "批次", "批", "团", "组"];
const PEOPLE: [&str; 2] = ["人次", "人"];
const BATCHES: [&str; 6] = ["批次", "批", "次", "个", "场", "团"];

/// An item of the table: Chinese and English name, its 决算 amount, and how a sentence names it.
type Item<'a> = (&'a str, &'a str, Decimal, &'a dyn Fn(&str) -> bool);

/// A sentence of the section with the paragraph it belongs to.
struct Sent<'p> {
    para: &'p Para,
    at: usize,
    text: String,
}

/// True when a sentence about an item says it did not occur.
fn none_phrase(s: &str) -> bool {
    ["未发生", "无", "没有", "未购置", "未安排"]
        .iter()
        .any(|w| s.contains(w))
}

impl Rule for SanGongDetailsNotDisclosed {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for form in final_forms(cx) {
            let Some((mut u, t)) = single(cx, &Self::META, form, TableId::SanGong) else {
                continue;
            };
            let rows = data_rows(t);
            let (Some(cols), [row]) = (half_columns(t, "决算数"), rows.as_slice()) else {
                u.insufficient(cx.t(
                    format!("{} 未读到唯一的决算数据行及其各栏", t.title),
                    format!("{}: no single 决算数 data row with its columns", t.title),
                ));
                cx.close(u);
                continue;
            };
            let vals: Result<Vec<Decimal>, String> = cols
                .iter()
                .map(|&k| item(cx, t, row, k).map(|a| a.value))
                .collect();
            let vals = match vals {
                Ok(v) => v,
                Err(e) => {
                    u.insufficient(e);
                    cx.close(u);
                    continue;
                }
            };
            let [total, abroad, cars, buy, run, host] =
                [vals[0], vals[1], vals[2], vals[3], vals[4], vals[5]];
            // The 三公 section: from its heading to the next top-level heading.
            let last_table = form.tables.iter().map(|t| t.line_end).max().unwrap_or(0);
            let all = paragraphs(cx, form);
            let paras: Vec<&Para> = all.iter().filter(|p| p.line() > last_table).collect();
            let start = paras
                .iter()
                .position(|p| is_top_heading(&p.text) && p.text.contains("三公"))
                .or_else(|| paras.iter().position(|p| p.text.contains("三公")));
            let section: Vec<&Para> = match start {
                Some(s) => {
                    let end = paras[s + 1..]
                        .iter()
                        .position(|p| is_top_heading(&p.text))
                        .map_or(paras.len(), |e| s + 1 + e);
                    paras[s..end].to_vec()
                }
                None => Vec::new(),
            };
            u.checked();
            if section.is_empty() {
                let msg = cx.t(
                    "情况说明中未找到“三公”经费支出决算情况说明",
                    "the narrative has no section on the three official expenses",
                );
                u.report(&cx.doc.file, Report::at(row.line, msg));
                cx.close(u);
                continue;
            }
            let sents: Vec<Sent> = section
                .iter()
                .flat_map(|p| {
                    sentences(&p.text).into_iter().map(move |(at, s)| Sent {
                        para: p,
                        at,
                        text: s.to_string(),
                    })
                })
                .collect();
            let heading = section[0].line();
            // (what is missing; where to anchor)
            let mut missing: Vec<(String, u32, Option<u32>)> = Vec::new();
            let mut need = |ok: bool, msg: String, about: &dyn Fn(&str) -> bool| {
                u.checked();
                if ok {
                    return;
                }
                // The last sentence naming the item: the detailed explanation comes last.
                let (line, col) = sents
                    .iter()
                    .rev()
                    .find(|s| about(&s.text))
                    .map_or((heading, None), |s| locate(cx, s.para, s.at));
                missing.push((msg, line, col));
            };
            let strip = |s: &str| s.replace("购置及运行维护", "").replace("购置及运行", "");
            let is_abroad = |s: &str| s.contains("出国");
            let is_buy = |s: &str| {
                let s = strip(s);
                s.contains("购置") && s.contains('车')
            };
            let is_run = |s: &str| {
                let s = strip(s);
                s.contains("运行维护") || s.contains("运行费")
            };
            let is_host = |s: &str| s.contains("接待");
            let any = |p: &dyn Fn(&str) -> bool, q: &dyn Fn(&str) -> bool| {
                sents.iter().any(|s| p(&s.text) && q(&s.text))
            };
            let stated = |s: &str| has_amount(s) || none_phrase(s);
            let zero_all = total.is_zero()
                && sents
                    .iter()
                    .any(|s| s.text.contains("三公") && stated(&s.text));
            let items: [Item; 4] = [
                ("因公出国（境）费", "overseas travel", abroad, &is_abroad),
                ("公务用车购置费", "vehicle purchase", buy, &is_buy),
                ("公务用车运行维护费", "vehicle running costs", run, &is_run),
                ("公务接待费", "official reception", host, &is_host),
            ];
            for (zh, en, v, about) in items {
                let ok = zero_all || any(about, &stated);
                need(
                    ok,
                    cx.t(
                        format!("未说明{zh}金额（决算 {v} 万元），也未说明未发生"),
                        format!("no amount (决算 {v}) and no not-occurred statement for {en}"),
                    ),
                    about,
                );
            }
            if abroad > Decimal::ZERO {
                let groups = any(&is_abroad, &|s| {
                    s.contains("团组") && !counts(s, &GROUPS).is_empty()
                });
                need(
                    groups,
                    cx.t(
                        format!("因公出国（境）费 {abroad} 万元，未披露出国（境）团组数"),
                        "overseas travel: number of groups not stated",
                    ),
                    &is_abroad,
                );
                let people = any(&is_abroad, &|s| !counts(s, &PEOPLE).is_empty());
                need(
                    people,
                    cx.t(
                        format!("因公出国（境）费 {abroad} 万元，未披露出国（境）人次"),
                        "overseas travel: number of people not stated",
                    ),
                    &is_abroad,
                );
            }
            if host > Decimal::ZERO {
                let has_batches = |s: &str| {
                    counts(s, &[&BATCHES[..], &PEOPLE[..]].concat())
                        .iter()
                        .any(|c| BATCHES.contains(&c.2))
                };
                let has_people = |s: &str| !counts(s, &PEOPLE).is_empty();
                let domestic = |f: &dyn Fn(&str) -> bool| {
                    any(&is_host, &|s: &str| domestic_clauses(s).into_iter().any(f))
                };
                let foreign_only =
                    |f: &dyn Fn(&str) -> bool| any(&is_host, &|s: &str| f(s)) && !domestic(f);
                for (f, zh, en) in [
                    (&has_batches as &dyn Fn(&str) -> bool, "批次", "receptions"),
                    (&has_people, "人次", "guests"),
                ] {
                    let msg = if foreign_only(f) {
                        cx.t(
                            format!("公务接待费 {host} 万元，只披露了外事接待{zh}，未披露国内接待{zh}"),
                            format!("official reception: only the foreign {en} are counted, not the domestic ones"),
                        )
                    } else {
                        cx.t(
                            format!("公务接待费 {host} 万元，未披露接待{zh}"),
                            format!("official reception: number of {en} not stated"),
                        )
                    };
                    need(domestic(f), msg, &is_host);
                }
            }
            if buy > Decimal::ZERO {
                let n = any(&is_buy, &|s| !counts(&strip(s), &["辆"]).is_empty());
                need(
                    n,
                    cx.t(
                        format!("公务用车购置费 {buy} 万元，未披露购置数（辆）"),
                        "vehicle purchase: number of vehicles bought not stated",
                    ),
                    &is_buy,
                );
            }
            if cars > Decimal::ZERO {
                let held = |s: &str| {
                    s.contains("保有") && !counts(s, &["辆"]).is_empty()
                        || s.contains("无公务用车")
                        || s.contains("未配备公务用车")
                };
                let n = sents.iter().any(|s| held(&s.text));
                need(
                    n,
                    cx.t(
                        format!("公务用车购置及运行维护费 {cars} 万元，未披露公务用车保有量（辆）"),
                        "vehicles: number of vehicles held not stated",
                    ),
                    &|s: &str| s.contains("公务用车"),
                );
            }
            for (msg, line, column) in missing {
                u.report(
                    &cx.doc.file,
                    Report {
                        column,
                        ..Report::at(line, msg)
                    },
                );
            }
            cx.close(u);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::domestic_clauses;

    #[test]
    fn foreign_clauses_are_left_out() {
        assert_eq!(
            domestic_clauses("共接待12批次、86人次，其中外事接待1批次、5人次"),
            ["共接待12批次、86人次"]
        );
        assert!(domestic_clauses("外宾接待2批次；境外来访3人次").is_empty());
    }
}
