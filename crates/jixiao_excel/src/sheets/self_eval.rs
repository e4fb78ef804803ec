//! 自评表: the Shanghai 财政项目支出绩效自评表.
//!
//! ```text
//!   B          C          D           E    F      G     H      I     J     K     L            M        N        O
//!   财政项目支出绩效自评表 (title, B:L)
//!   (2022年度)
//!   项目名称   <project, C:L>
//!   主管部门   <department, C:F>                    实施单位 (G:H) <unit, I:L>
//!   项目资金   (name)     年初预算数  全年预算数   全年执行数   分值  执行率(%) 得分
//!   （万元）   年度资金总额 350.00    362.50       300.80       10.00 83.00   8.30
//!   年度总体目标 预期目标 (C:F)                 实际完成情况 (G:L)
//!   一级指标   二级指标   三级指标    年度指标值         实际完成值   分值  得分  偏差原因…    复核得分 复核说明 行号
//!                                     符号 数值  单位    数值   单位
//!   总分                                                            100.00 89.10
//!   评分等级   良
//! ```
//! M–O (export only) hold the recomputed score, its status and formula, and the source line.

use jixiao_model::{Decimal, Form, FormKind, Funds, FundsRow, Indicator, Total};
use rust_xlsxwriter::{Formula, XlsxError};

use super::*;
use crate::cells::a1;

pub(crate) const COLS: u16 = 15;
const PATH: [u16; 3] = [1, 2, 3];
const T_OP: u16 = 4;
const T_VAL: u16 = 5;
const T_UNIT: u16 = 6;
const A_VAL: u16 = 7;
const A_UNIT: u16 = 8;
const WEIGHT: u16 = 9;
const SCORE: u16 = 10;
const NOTE: u16 = 11;
const AUDIT: u16 = 12;
const AUDIT_NOTE: u16 = 13;
const LINE: u16 = 14;
/// Funds amounts: 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分.
const FUNDS: [u16; 6] = [3, 4, 6, 8, 9, 10];
/// Widths caps per column (characters).
pub(crate) const CAPS: [f64; COLS as usize] = [
    2.0, 14.0, 16.0, 26.0, 5.0, 11.0, 8.0, 11.0, 8.0, 9.0, 9.0, 34.0, 10.0, 40.0, 6.0,
];

const FUNDS_NAMES: [&str; 4] = ["年度资金总额", "当年财政拨款", "上年结转资金", "其他资金"];
/// Blank indicator rows of a template.
const TEMPLATE_ROWS: u32 = 20;

pub(crate) fn write(w: &mut W, x: &FormIn) -> Result<(), XlsxError> {
    let f = w.f;
    let form = x.form;
    let mut r = w.row;
    w.merge(r, 1, r, NOTE, "财政项目支出绩效自评表", &f.title)?;
    w.ws.set_row_height(r, 26)?;
    w.tag(r, title_tag(FormKind::SelfEvaluation, x))?;
    if !x.template {
        w.text(
            r,
            LINE,
            &form.map_or(String::new(), |f| f.line_start.to_string()),
            &f.line,
        )?;
    }
    r += 1;
    // Year.
    let year = form.and_then(|f| f.year);
    if x.template {
        w.text(r, 1, "年度", &f.label)?;
        w.text(r, 2, "", &f.center)?;
        validate_year(w, r, 2)?;
        w.tag(r, tag("kv").with("k", "year"))?;
        r += 1;
    } else if let Some(y) = year {
        w.merge(r, 1, r, NOTE, &format!("({y}年度)"), &f.center)?;
        w.tag(r, tag("kv").with("k", "year"))?;
        r += 1;
    }
    // Project; department and unit.
    let s = |o: Option<&String>| o.map_or(String::new(), |s| s.clone());
    kv_row(
        w,
        r,
        (1, 1),
        (2, NOTE),
        "项目名称",
        &s(form.and_then(|f| f.project.as_ref())),
        tag("kv").with("k", "project"),
    )?;
    r += 1;
    w.text(r, 1, "主管部门", &f.label)?;
    w.merge(
        r,
        2,
        r,
        5,
        &s(form.and_then(|f| f.department.as_ref())),
        &f.wrap,
    )?;
    w.merge(r, 6, r, 7, "实施单位", &f.label)?;
    w.merge(
        r,
        8,
        r,
        NOTE,
        &s(form.and_then(|f| f.unit.as_ref())),
        &f.wrap,
    )?;
    w.tag(r, tag("org"))?;
    r += 1;
    // Funds.
    let template_funds;
    let funds: Option<&Funds> = if x.template && form.and_then(|f| f.funds.as_ref()).is_none() {
        template_funds = Funds {
            unit: "万元".into(),
            line: 0,
            rows: FUNDS_NAMES
                .iter()
                .map(|n| FundsRow {
                    name: n.to_string(),
                    initial_budget: None,
                    annual_budget: None,
                    executed: None,
                    weight: None,
                    rate_pct: None,
                    score: None,
                    line: 0,
                    raw: vec![String::new(); 6],
                })
                .collect(),
        };
        Some(&template_funds)
    } else {
        form.and_then(|f| f.funds.as_ref())
    };
    let mut funds_first = None;
    if let Some(fu) = funds {
        let head = r;
        let n = fu.rows.len() as u32;
        w.merge(
            head,
            1,
            head + n,
            1,
            &format!("项目资金\n（{}）", fu.unit),
            &f.label,
        )?;
        w.text(head, 2, "", &f.head)?;
        for (i, h) in [
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率(%)",
            "得分",
        ]
        .iter()
        .enumerate()
        {
            let c = FUNDS[i];
            let span = if c == 4 || c == 6 { c + 1 } else { c };
            w.merge(head, c, head, span, h, &f.head)?;
        }
        let mut t = tag("funds_head").with("u", fu.unit.as_str());
        if !x.template {
            t = t.with("l", fu.line);
            w.text(head, LINE, &fu.line.to_string(), &f.line)?;
        }
        w.tag(head, t)?;
        r = head + 1;
        funds_first = Some(r);
        for (i, row) in fu.rows.iter().enumerate() {
            w.text(r, 2, &row.name, &f.label)?;
            let vals = [
                row.initial_budget,
                row.annual_budget,
                row.executed,
                row.weight,
                row.rate_pct,
                row.score,
            ];
            let mut odd = Vec::new();
            for (k, &c) in FUNDS.iter().enumerate() {
                let raw = row.raw.get(k).map_or("", String::as_str);
                if c == 4 || c == 6 {
                    w.ws.merge_range(r, c, r, c + 1, "", &f.input)?;
                }
                let formula = x.template && ((i == 0 && k < 3) || k == 4);
                if formula {
                    continue;
                }
                let fmt = if x.template {
                    f.input.clone().set_num_format("0.00")
                } else {
                    f.input.clone()
                };
                if w.amount(r, c, vals[k], raw, &fmt)? {
                    odd.push(c);
                }
            }
            let mut t = tag("funds");
            if !x.template {
                t = t.with("l", row.line);
                w.text(r, LINE, &row.line.to_string(), &f.line)?;
            } else {
                t = t.with("fx", true);
            }
            if !odd.is_empty() {
                t = t.with("x", odd);
            }
            w.tag(r, t)?;
            if i == 0 {
                audit_cells(w, r, AUDIT, AUDIT_NOTE, x.execution())?;
            }
            r += 1;
        }
        if x.template {
            let first = funds_first.unwrap_or(r);
            let last = r - 1;
            let fx = f.formula_bg.clone().set_num_format("0.00");
            for &c in &FUNDS[..3] {
                let col = a1(0, c);
                let col = col.trim_end_matches('1');
                let formula = format!(
                    "=IF(COUNT({col}{}:{col}{})=0,\"\",SUM({col}{}:{col}{}))",
                    first + 2,
                    last + 1,
                    first + 2,
                    last + 1
                );
                w.ws.write_formula_with_format(
                    first,
                    c,
                    Formula::new(formula).set_result(""),
                    &fx,
                )?;
            }
            for rr in first..=last {
                let e = a1(rr, FUNDS[1]);
                let g = a1(rr, FUNDS[2]);
                let formula = format!("=IF(OR({e}=\"\",{e}=0,{g}=\"\"),\"\",ROUND({g}/{e}*100,2))");
                w.ws.write_formula_with_format(
                    rr,
                    FUNDS[4],
                    Formula::new(formula).set_result(""),
                    &fx,
                )?;
            }
        }
    }
    // Goals.
    let by_key = fields_by_key(form);
    let goal_keys = ["expected_goal", "actual_outcome"];
    let has_goals = x.template || goal_keys.iter().any(|k| by_key.contains_key(k));
    if has_goals {
        let label = |k: &str, d: &str| {
            by_key
                .get(k)
                .map_or(d.to_string(), |(_, f)| f.label.clone())
        };
        w.merge(r, 1, r + 1, 1, "年度总体目标", &f.label)?;
        w.merge(r, 2, r, 5, &label("expected_goal", "预期目标"), &f.head)?;
        w.merge(
            r,
            6,
            r,
            NOTE,
            &label("actual_outcome", "实际完成情况"),
            &f.head,
        )?;
        w.tag(r, tag("goal_head"))?;
        r += 1;
        let mut t = tag("goal");
        for (n, k) in goal_keys.iter().enumerate() {
            let sfx = (n + 1).to_string();
            if x.template || by_key.contains_key(k) {
                t = t.with(&format!("k{sfx}"), *k);
            }
            if let Some((i, fld)) = by_key.get(k) {
                t = t
                    .with(&format!("l{sfx}"), fld.line)
                    .with(&format!("o{sfx}"), *i);
            }
        }
        let v = |k: &str| {
            by_key
                .get(k)
                .map_or(String::new(), |(_, f)| f.value.clone())
        };
        w.merge(r, 2, r, 5, &v("expected_goal"), &f.wrap)?;
        w.merge(r, 6, r, NOTE, &v("actual_outcome"), &f.wrap)?;
        w.ws.set_row_height(r, 48)?;
        w.tag(r, t)?;
        r += 1;
    }
    // Indicator table header (two rows).
    let h = r;
    w.merge(h, 1, h + 1, 1, "一级指标", &f.head)?;
    w.merge(h, 2, h + 1, 2, "二级指标", &f.head)?;
    w.merge(h, 3, h + 1, 3, "三级指标", &f.head)?;
    w.merge(h, T_OP, h, T_UNIT, "年度指标值", &f.head)?;
    w.merge(h, A_VAL, h, A_UNIT, "实际完成值", &f.head)?;
    w.merge(h, WEIGHT, h + 1, WEIGHT, "分值", &f.head)?;
    w.merge(h, SCORE, h + 1, SCORE, "得分", &f.head)?;
    w.merge(h, NOTE, h + 1, NOTE, "偏差原因分析及改进措施", &f.head)?;
    for (c, s) in [
        (T_OP, "符号"),
        (T_VAL, "数值"),
        (T_UNIT, "单位"),
        (A_VAL, "数值"),
        (A_UNIT, "单位"),
    ] {
        w.text(h + 1, c, s, &f.head)?;
    }
    if !x.template {
        w.merge(h, AUDIT, h + 1, AUDIT, "复核得分", &f.head)?;
        w.merge(
            h,
            AUDIT_NOTE,
            h + 1,
            AUDIT_NOTE,
            "复核说明（状态：计算过程）",
            &f.head,
        )?;
        w.merge(h, LINE, h + 1, LINE, "行号", &f.head)?;
    }
    w.tag(h, tag("ind_head"))?;
    w.tag(h + 1, tag("ind_head2"))?;
    r = h + 2;
    // Indicators.
    let inds: &[Indicator] = form.map_or(&[], |f| f.indicators.as_slice());
    let first_ind = r;
    let rows: Vec<u32> = (0..inds.len() as u32).map(|i| r + i).collect();
    let paths: Vec<&[String]> = inds.iter().map(|i| i.path.as_slice()).collect();
    write_paths(w, &rows, &paths, &PATH, &f.wrap)?;
    for ind in inds {
        write_value(w, r, Some(T_OP), T_VAL, T_UNIT, &ind.target)?;
        write_value(w, r, None, A_VAL, A_UNIT, &ind.actual)?;
        let nf = if x.template {
            f.input.clone().set_num_format("0.00")
        } else {
            f.input.clone()
        };
        w.dec(r, WEIGHT, ind.weight, &nf)?;
        w.dec(r, SCORE, ind.score, &nf)?;
        w.text(r, NOTE, ind.note.as_deref().unwrap_or(""), &f.wrap)?;
        let mut t = tag("ind")
            .with("n", ind.path.len())
            .with("t", ind.target.raw.as_str())
            .with("a", ind.actual.raw.as_str());
        if !x.template {
            t = t.with("l", ind.line);
            w.text(r, LINE, &ind.line.to_string(), &f.line)?;
        }
        w.tag(r, t)?;
        audit_cells(w, r, AUDIT, AUDIT_NOTE, x.item(ind.line, &ind.path))?;
        r += 1;
    }
    if x.template {
        let two = f.input.clone().set_num_format("0.00");
        for _ in 0..TEMPLATE_ROWS {
            for c in 1..=NOTE {
                let fmt = if c == T_OP || c == T_UNIT || c == A_UNIT {
                    &f.center
                } else if c == WEIGHT || c == SCORE {
                    &two
                } else {
                    &f.wrap
                };
                w.text(r, c, "", fmt)?;
            }
            r += 1;
        }
        validate_value_cols(w, first_ind, r - 1, Some(T_OP), &[T_UNIT, A_UNIT])?;
    }
    let last_ind = r.saturating_sub(1).max(first_ind);
    // Total.
    let total = form.and_then(|f| f.total.as_ref());
    if x.template || total.is_some() {
        w.merge(r, 1, r, A_UNIT, "总分", &f.label)?;
        let mut t = tag("total");
        if x.template {
            let fx = f.formula_bg.clone().set_num_format("0.00");
            let fr = funds_first.unwrap_or(first_ind);
            for (c, fc) in [(WEIGHT, FUNDS[3]), (SCORE, FUNDS[5])] {
                let col = a1(0, c);
                let col = col.trim_end_matches('1');
                let formula = format!(
                    "=SUM({col}{}:{col}{})+N({})",
                    first_ind + 1,
                    last_ind + 1,
                    a1(fr, fc)
                );
                w.ws.write_formula_with_format(r, c, Formula::new(formula).set_result(""), &fx)?;
            }
            t = t.with("fx", true);
        } else if let Some(tt) = total {
            w.dec(r, WEIGHT, tt.weight, &f.input)?;
            w.dec(r, SCORE, tt.score, &f.input)?;
            t = t.with("l", tt.line);
            w.text(r, LINE, &tt.line.to_string(), &f.line)?;
        }
        w.text(r, NOTE, "", &f.input)?;
        w.tag(r, t)?;
        audit_total(w, r, AUDIT, AUDIT_NOTE, x.scored)?;
        r += 1;
    }
    // Grade.
    let grade = form.and_then(|f| f.grade.as_deref());
    if x.template || grade.is_some() {
        w.text(r, 1, "评分等级", &f.label)?;
        w.merge(r, 2, r, NOTE, grade.unwrap_or(""), &f.input)?;
        let mut t = tag("grade");
        if let Some(l) = form.and_then(|f| f.grade_line) {
            t = t.with("l", l);
            w.text(r, LINE, &l.to_string(), &f.line)?;
        }
        if x.template {
            let dv = rust_xlsxwriter::DataValidation::new()
                .allow_list_strings(&["优", "良", "中", "差"])?;
            w.ws.add_data_validation(r, 2, r, 2, &dv)?;
        }
        w.tag(r, t)?;
        audit_grade(w, r, AUDIT, AUDIT_NOTE, x.scored)?;
        r += 1;
    }
    // Other fields.
    for (i, fld) in other_fields(form, &goal_keys) {
        kv_row(
            w,
            r,
            (1, 1),
            (2, NOTE),
            &fld.label,
            &fld.value,
            tag("kv")
                .with("k", fld.key.as_str())
                .with("l", fld.line)
                .with("o", i),
        )?;
        r += 1;
    }
    w.row = r + 1;
    Ok(())
}

/// Reads one row of a self-evaluation block.
pub(crate) fn read_row(b: &mut Builder, g: &Grid, row: u32, t: Option<&Tag>, errs: &mut Errs) {
    let role = t.map_or("", |t| t.role());
    match role {
        "kv" => {
            if let Some(t) = t {
                if t.str("k") == Some("year") {
                    let s = (1..=NOTE).map(|c| g.text(row, c)).collect::<String>();
                    b.form.year = year_of(&s);
                } else {
                    b.kv(g, row, t, 1, 2);
                }
            }
        }
        "org" => {
            b.form.department = non_empty(g.text_merged(row, 2));
            b.form.unit = non_empty(g.text_merged(row, 8));
        }
        "funds_head" => {
            let label = g.text_merged(row, 1);
            let unit = t
                .and_then(|t| t.str("u"))
                .map(str::to_string)
                .or_else(|| {
                    let s = label.split(['（', '(']).nth(1)?;
                    Some(s.trim_end_matches([')', '）']).to_string())
                })
                .unwrap_or_else(|| "万元".into());
            b.form.funds = Some(Funds {
                unit,
                line: b.line(t, "l", row),
                rows: Vec::new(),
            });
        }
        "funds" => {
            let odd = text_cols(t);
            let mut raw = Vec::with_capacity(6);
            let mut vals = Vec::with_capacity(6);
            for &c in &FUNDS {
                let (v, s) = g.amount(row, c, &odd, errs);
                vals.push(v);
                raw.push(s);
            }
            let name = g.text(row, 2);
            let line = b.line(t, "l", row);
            if let Some(fu) = b.form.funds.as_mut() {
                fu.rows.push(FundsRow {
                    name,
                    initial_budget: vals[0],
                    annual_budget: vals[1],
                    executed: vals[2],
                    weight: vals[3],
                    rate_pct: vals[4],
                    score: vals[5],
                    line,
                    raw,
                });
            }
            if t.is_some_and(|t| t.get("fx").is_some()) {
                b.funds_formulas = true;
            }
        }
        "goal_head" => {
            b.goal_labels = (g.text_merged(row, 2), g.text_merged(row, 6));
        }
        "goal" => {
            if let Some(t) = t {
                let (l1, l2) = b.goal_labels.clone();
                b.field(t, "1", l1, g.text_merged(row, 2), row);
                b.field(t, "2", l2, g.text_merged(row, 6), row);
            }
        }
        "ind_head" => b.in_table = true,
        "ind_head2" => {}
        "total" => {
            b.in_table = false;
            let mut tot = Total {
                weight: g.dec(row, WEIGHT, errs),
                score: g.dec(row, SCORE, errs),
                line: b.line(t, "l", row),
            };
            if t.is_some_and(|t| t.get("fx").is_some()) {
                tot.weight = sum2(
                    b.form.indicators.iter().map(|i| i.weight),
                    funds_cell(&b.form, 3),
                );
                tot.score = sum2(
                    b.form.indicators.iter().map(|i| i.score),
                    funds_cell(&b.form, 5),
                );
            }
            b.form.total = Some(tot);
        }
        "grade" => {
            b.in_table = false;
            b.form.grade = non_empty(g.text_merged(row, 2));
            b.form.grade_line = match t.and_then(|t| t.u32("l")) {
                Some(l) => Some(l),
                None if b.template && b.form.grade.is_some() => Some(row + 1),
                None => None,
            };
        }
        "ind" | "" if b.in_table => {
            if t.is_none() && row_blank(g, row, 1..=NOTE) {
                return;
            }
            let prev = b
                .form
                .indicators
                .last()
                .map(|i| i.path.clone())
                .unwrap_or_default();
            let n = t.and_then(|t| t.u32("n"));
            let path = read_path(g, row, &PATH, n, &prev);
            let target = read_value(
                g,
                row,
                Some(T_OP),
                T_VAL,
                T_UNIT,
                t.and_then(|t| t.str("t")),
            );
            let actual = read_value(g, row, None, A_VAL, A_UNIT, t.and_then(|t| t.str("a")));
            let note = non_empty(g.text(row, NOTE));
            b.form.indicators.push(Indicator {
                path,
                target,
                actual,
                weight: g.dec(row, WEIGHT, errs),
                score: g.dec(row, SCORE, errs),
                note,
                line: b.line(t, "l", row),
                path_weights: Vec::new(),
                standard: None,
                evidence: None,
            });
        }
        _ => {}
    }
}

/// Recomputes what a template's formula cells show: the funds total row and execution
/// rates (rounded half away from zero to two decimals, as `ROUND` does).
pub(crate) fn apply_formulas(form: &mut Form) {
    let Some(fu) = form.funds.as_mut() else {
        return;
    };
    if fu.rows.is_empty() {
        return;
    }
    let two = |d: Decimal| {
        let mut d = jixiao_model::round(d, jixiao_model::RoundingMode::HalfAwayFromZero, 2);
        d.rescale(2);
        d
    };
    for k in 0..3 {
        let parts: Vec<Decimal> = fu.rows[1..]
            .iter()
            .filter_map(|r| [r.initial_budget, r.annual_budget, r.executed][k])
            .collect();
        let v = (!parts.is_empty()).then(|| two(parts.iter().copied().sum()));
        let r0 = &mut fu.rows[0];
        match k {
            0 => r0.initial_budget = v,
            1 => r0.annual_budget = v,
            _ => r0.executed = v,
        }
        r0.raw[k] = v.map_or(String::new(), |d| d.to_string());
    }
    for r in fu.rows.iter_mut() {
        let rate = match (r.annual_budget, r.executed) {
            (Some(b), Some(e)) if !b.is_zero() => Some(two(e / b * Decimal::ONE_HUNDRED)),
            _ => None,
        };
        r.rate_pct = rate;
        r.raw[4] = rate.map_or(String::new(), |d| d.to_string());
    }
}

fn funds_cell(form: &Form, k: usize) -> Option<Decimal> {
    let r = form.funds.as_ref()?.rows.first()?;
    [
        r.initial_budget,
        r.annual_budget,
        r.executed,
        r.weight,
        r.rate_pct,
        r.score,
    ][k]
}

fn sum2(items: impl Iterator<Item = Option<Decimal>>, extra: Option<Decimal>) -> Option<Decimal> {
    let all: Vec<Decimal> = items.chain(std::iter::once(extra)).flatten().collect();
    (!all.is_empty()).then(|| {
        let mut s: Decimal = all.iter().copied().sum();
        s.rescale(2);
        s
    })
}
