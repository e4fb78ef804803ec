//! 目标表: the Shanghai 2020 财政项目支出绩效目标表.
//!
//! ```text
//!   B               C            D              E     F       G      H
//!   财政项目支出绩效目标表 (title, B:G)
//!   (2021年度)
//!   申报单位名称    <unit, C:G>
//!   项目名称        <project, C:G>
//!   项目类别        <value>      计划开始日期    <value, E:G>        (short fields two per row)
//!   项目概况        <value, C:G>                                      (long fields one per row)
//!   本项目上年度市级财政资金使用情况
//!   项目总预算（元） 2,400,000   项目当年预算（元） 2,400,000
//!   同名项目上年预算额（元） …   同名项目上年预算执行数（元） …
//!   2021年绩效目标
//!   一级目标        二级目标     三级目标        指标目标值 (符号 | 数值 | 单位)   行号
//! ```

use jixiao_model::{Budget, FormKind, Indicator, Value};
use rust_xlsxwriter::{Formula, XlsxError};

use super::*;
use crate::cells::a1;

pub(crate) const COLS: u16 = 8;
const PATH: [u16; 3] = [1, 2, 3];
const T_OP: u16 = 4;
const T_VAL: u16 = 5;
const T_UNIT: u16 = 6;
const LINE: u16 = 7;
const LAST: u16 = 6;
pub(crate) const CAPS: [f64; COLS as usize] = [2.0, 22.0, 30.0, 26.0, 6.0, 14.0, 8.0, 6.0];
const TEMPLATE_ROWS: u32 = 20;

/// Fields printed two per row (short values), in layout order.
const SHORT: &[&str] = &[
    "category",
    "start_date",
    "end_date",
    "purchase_service",
    "performance_type",
];
/// Printed labels by key (the template's rows), in layout order.
const LABELS: &[(&str, &str)] = &[
    ("category", "项目类别"),
    ("start_date", "计划开始日期"),
    ("end_date", "计划完成日期"),
    ("purchase_service", "是否含有政府购买服务"),
    ("performance_type", "绩效类型"),
    ("overview", "项目概况"),
    ("basis", "立项依据"),
    ("necessity", "项目设立的必要性"),
    ("measures", "保证项目实施的制度、措施"),
    ("plan", "项目实施计划"),
    ("goals", "总目标及阶段性目标"),
];

/// A field to print: (index in `fields`, key, label, value, line).
type FieldRow = (Option<usize>, String, String, String, Option<u32>);

pub(crate) fn write(w: &mut W, x: &FormIn) -> Result<(), XlsxError> {
    let f = w.f;
    let form = x.form;
    let mut r = w.row;
    w.merge(r, 1, r, LAST, "财政项目支出绩效目标表", &f.title)?;
    w.ws.set_row_height(r, 26)?;
    w.tag(r, title_tag(FormKind::TargetDeclaration, x))?;
    if !x.template {
        w.text(
            r,
            LINE,
            &form.map_or(String::new(), |f| f.line_start.to_string()),
            &f.line,
        )?;
    }
    r += 1;
    let year = form.and_then(|f| f.year);
    if x.template {
        w.text(r, 1, "年度", &f.label)?;
        w.text(r, 2, "", &f.center)?;
        validate_year(w, r, 2)?;
        w.tag(r, tag("kv").with("k", "year"))?;
        r += 1;
    } else if let Some(y) = year {
        w.merge(r, 1, r, LAST, &format!("({y}年度)"), &f.center)?;
        w.tag(r, tag("kv").with("k", "year"))?;
        r += 1;
    }
    let s = |o: Option<&String>| o.map_or(String::new(), |s| s.clone());
    kv_row(
        w,
        r,
        (1, 1),
        (2, LAST),
        "申报单位名称",
        &s(form.and_then(|f| f.unit.as_ref())),
        tag("kv").with("k", "unit"),
    )?;
    r += 1;
    kv_row(
        w,
        r,
        (1, 1),
        (2, LAST),
        "项目名称",
        &s(form.and_then(|f| f.project.as_ref())),
        tag("kv").with("k", "project"),
    )?;
    r += 1;
    // Fields: in the form's order (a template: every standard label, empty).
    let fields: Vec<FieldRow> = if x.template {
        LABELS
            .iter()
            .map(|(k, l)| (None, k.to_string(), l.to_string(), String::new(), None))
            .collect()
    } else {
        form.map(|fm| {
            fm.fields
                .iter()
                .enumerate()
                .map(|(i, fl)| {
                    (
                        Some(i),
                        fl.key.clone(),
                        fl.label.clone(),
                        fl.value.clone(),
                        Some(fl.line),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
    };
    let mut i = 0;
    while i < fields.len() {
        let a = &fields[i];
        let pair = SHORT.contains(&a.1.as_str())
            && fields
                .get(i + 1)
                .is_some_and(|b| SHORT.contains(&b.1.as_str()));
        let mut t = tag(if pair { "fields2" } else { "kv" });
        let sfx = |n: &str| if pair { n.to_string() } else { String::new() };
        t = t
            .with(&format!("k{}", sfx("1")), a.1.as_str())
            .with_opt(&format!("l{}", sfx("1")), a.4)
            .with_opt(&format!("o{}", sfx("1")), a.0);
        if pair {
            let b = &fields[i + 1];
            w.text(r, 1, &a.2, &f.label)?;
            w.text(r, 2, &a.3, &f.wrap)?;
            w.text(r, 3, &b.2, &f.label)?;
            w.merge(r, 4, r, LAST, &b.3, &f.wrap)?;
            t = t
                .with("k2", b.1.as_str())
                .with_opt("l2", b.4)
                .with_opt("o2", b.0);
            i += 2;
        } else {
            w.text(r, 1, &a.2, &f.label)?;
            w.merge(r, 2, r, LAST, &a.3, &f.wrap)?;
            if x.template && !SHORT.contains(&a.1.as_str()) {
                w.ws.set_row_height(r, 36)?;
            }
            i += 1;
        }
        if let Some(l) = a.4 {
            w.text(r, LINE, &l.to_string(), &f.line)?;
        }
        w.tag(r, t)?;
        r += 1;
    }
    // Money block.
    let template_budget;
    let budget = if x.template {
        template_budget = Budget {
            unit: "元".into(),
            total_budget: None,
            current_year_budget: None,
            prior_year_budget: None,
            prior_year_executed: None,
            line: 0,
            raw: vec![String::new(); 4],
        };
        Some(&template_budget)
    } else {
        form.and_then(|f| f.budget.as_ref())
    };
    if let Some(bu) = budget {
        w.merge(r, 1, r, LAST, "本项目上年度市级财政资金使用情况", &f.head)?;
        let mut t = tag("budget_head").with("u", bu.unit.as_str());
        if !x.template {
            t = t.with("l", bu.line);
            w.text(r, LINE, &bu.line.to_string(), &f.line)?;
        }
        w.tag(r, t)?;
        r += 1;
        let u = &bu.unit;
        let vals = [
            bu.total_budget,
            bu.current_year_budget,
            bu.prior_year_budget,
            bu.prior_year_executed,
        ];
        let labels = [
            format!("项目总预算（{u}）"),
            format!("项目当年预算（{u}）"),
            format!("同名项目上年预算额（{u}）"),
            format!("同名项目上年预算执行数（{u}）"),
        ];
        for line_no in 0..2 {
            let mut odd = Vec::new();
            for half in 0..2 {
                let k = line_no * 2 + half;
                let (lc, vc) = if half == 0 { (1, 2) } else { (3, 4) };
                w.text(r, lc, &labels[k], &f.label)?;
                if vc == 4 {
                    w.ws.merge_range(r, 4, r, LAST, "", &f.input)?;
                }
                let raw = bu.raw.get(k).map_or("", String::as_str);
                let fmt = if x.template {
                    f.input.clone().set_num_format("#,##0.00")
                } else {
                    f.input.clone()
                };
                if w.amount(r, vc, vals[k], raw, &fmt)? {
                    odd.push(vc);
                }
            }
            let mut t = tag(if line_no == 0 { "budget1" } else { "budget2" });
            if !odd.is_empty() {
                t = t.with("x", odd);
            }
            w.tag(r, t)?;
            r += 1;
        }
        if x.template {
            // Informational, locked: last year's execution rate.
            w.text(r, 1, "上年预算执行率(%)", &f.label)?;
            let formula = format!(
                "=IF(OR({c}=\"\",{c}=0,{e}=\"\"),\"\",ROUND({e}/{c}*100,2))",
                c = a1(r - 1, 2),
                e = a1(r - 1, 4)
            );
            w.ws.write_formula_with_format(
                r,
                2,
                Formula::new(formula).set_result(""),
                &f.formula_bg.clone().set_num_format("0.00"),
            )?;
            w.tag(r, tag("info"))?;
            r += 1;
        }
    }
    // Indicator table.
    let y = year.map_or(String::new(), |y| y.to_string());
    w.merge(r, 1, r, LAST, &format!("{y}年绩效目标"), &f.center)?;
    w.tag(r, tag("info"))?;
    r += 1;
    let h = r;
    w.merge(h, 1, h + 1, 1, "一级目标", &f.head)?;
    w.merge(h, 2, h + 1, 2, "二级目标", &f.head)?;
    w.merge(h, 3, h + 1, 3, "三级目标", &f.head)?;
    w.merge(h, T_OP, h, T_UNIT, "指标目标值", &f.head)?;
    for (c, s) in [(T_OP, "符号"), (T_VAL, "数值"), (T_UNIT, "单位")] {
        w.text(h + 1, c, s, &f.head)?;
    }
    if !x.template {
        w.merge(h, LINE, h + 1, LINE, "行号", &f.head)?;
    }
    w.tag(h, tag("ind_head"))?;
    w.tag(h + 1, tag("ind_head2"))?;
    r = h + 2;
    let inds: &[Indicator] = form.map_or(&[], |f| f.indicators.as_slice());
    let first = r;
    let rows: Vec<u32> = (0..inds.len() as u32).map(|i| r + i).collect();
    let paths: Vec<&[String]> = inds.iter().map(|i| i.path.as_slice()).collect();
    write_paths(w, &rows, &paths, &PATH, &f.wrap)?;
    for ind in inds {
        write_value(w, r, Some(T_OP), T_VAL, T_UNIT, &ind.target)?;
        let mut t = tag("ind")
            .with("n", ind.path.len())
            .with("t", ind.target.raw.as_str());
        if !x.template {
            t = t.with("l", ind.line);
            w.text(r, LINE, &ind.line.to_string(), &f.line)?;
        }
        w.tag(r, t)?;
        r += 1;
    }
    if x.template {
        for _ in 0..TEMPLATE_ROWS {
            for c in 1..=LAST {
                let fmt = if c == T_OP || c == T_UNIT {
                    &f.center
                } else {
                    &f.wrap
                };
                w.text(r, c, "", fmt)?;
            }
            r += 1;
        }
        validate_value_cols(w, first, r - 1, Some(T_OP), &[T_UNIT])?;
        w.tag(r, tag("end"))?;
    }
    w.row = r + 1;
    Ok(())
}

pub(crate) fn read_row(b: &mut Builder, g: &Grid, row: u32, t: Option<&Tag>, errs: &mut Errs) {
    let role = t.map_or("", |t| t.role());
    match role {
        "kv" => {
            if let Some(t) = t {
                if t.str("k") == Some("year") {
                    let s = (1..=LAST).map(|c| g.text(row, c)).collect::<String>();
                    b.form.year = year_of(&s);
                } else {
                    b.kv(g, row, t, 1, 2);
                }
            }
        }
        "fields2" => {
            if let Some(t) = t {
                b.field(t, "1", g.text(row, 1), g.text_merged(row, 2), row);
                b.field(t, "2", g.text(row, 3), g.text_merged(row, 4), row);
            }
        }
        "budget_head" => {
            b.form.budget = Some(Budget {
                unit: t.and_then(|t| t.str("u")).unwrap_or("元").to_string(),
                total_budget: None,
                current_year_budget: None,
                prior_year_budget: None,
                prior_year_executed: None,
                line: b.line(t, "l", row),
                raw: vec![String::new(); 4],
            });
        }
        "budget1" | "budget2" => {
            let odd = text_cols(t);
            let base = if role == "budget1" { 0 } else { 2 };
            let a = g.amount(row, 2, &odd, errs);
            let c = g.amount(row, 4, &odd, errs);
            if let Some(bu) = b.form.budget.as_mut() {
                for (k, (v, raw)) in [(base, a), (base + 1, c)] {
                    match k {
                        0 => bu.total_budget = v,
                        1 => bu.current_year_budget = v,
                        2 => bu.prior_year_budget = v,
                        _ => bu.prior_year_executed = v,
                    }
                    bu.raw[k] = raw;
                }
            }
        }
        "ind_head" => b.in_table = true,
        "end" => b.in_table = false,
        "ind" | "" if b.in_table => {
            if t.is_none() && row_blank(g, row, 1..=LAST) {
                return;
            }
            let prev = b
                .form
                .indicators
                .last()
                .map(|i| i.path.clone())
                .unwrap_or_default();
            let path = read_path(g, row, &PATH, t.and_then(|t| t.u32("n")), &prev);
            let target = read_value(
                g,
                row,
                Some(T_OP),
                T_VAL,
                T_UNIT,
                t.and_then(|t| t.str("t")),
            );
            b.form.indicators.push(Indicator {
                path,
                target,
                actual: Value::blank(),
                weight: None,
                score: None,
                note: None,
                line: b.line(t, "l", row),
                path_weights: Vec::new(),
                standard: None,
                evidence: None,
            });
        }
        _ => {}
    }
}
