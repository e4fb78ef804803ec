//! 评分表: the Guangdong 项目支出绩效自评指标评分表.
//!
//! Header attributes, fields and the money block (资金情况) are `label | value` rows; the
//! indicator table has up to four levels, each with its 权重 column:
//!
//! ```text
//!   B…I: 一级 名称|权重  二级 名称|权重  三级 名称|权重  四级 名称|权重
//!   J 分值  K–M 评价年度预期值 (符号|数值|单位)  N–O 实现值 (数值|单位)  P 自评分数
//!   Q 未达标原因分析  R 评分标准  S 参考佐证材料  T 复核得分  U 复核说明  V 行号
//! ```

use jixiao_model::{FormKind, Indicator, ScoresheetMoney, Total};
use rust_xlsxwriter::XlsxError;

use super::*;

pub(crate) const COLS: u16 = 22;
const NAMES: [u16; 4] = [1, 3, 5, 7];
const LEVEL_W: [u16; 4] = [2, 4, 6, 8];
const WEIGHT: u16 = 9;
const T_OP: u16 = 10;
const T_VAL: u16 = 11;
const T_UNIT: u16 = 12;
const A_VAL: u16 = 13;
const A_UNIT: u16 = 14;
const SCORE: u16 = 15;
const NOTE: u16 = 16;
const STANDARD: u16 = 17;
const EVIDENCE: u16 = 18;
const AUDIT: u16 = 19;
const AUDIT_NOTE: u16 = 20;
const LINE: u16 = 21;
const LAST: u16 = 18;
pub(crate) const CAPS: [f64; COLS as usize] = [
    2.0, 12.0, 6.0, 12.0, 6.0, 18.0, 6.0, 16.0, 6.0, 7.0, 5.0, 10.0, 7.0, 10.0, 7.0, 8.0, 24.0,
    36.0, 20.0, 10.0, 36.0, 6.0,
];

const MONEY: [(&str, &str); 6] = [
    ("evaluation_amount", "评价金额"),
    ("planned", "预算计划安排"),
    ("allocated", "实际分配下达（市本级）"),
    ("allocated_transfer", "实际分配下达（转移支付至下级）"),
    ("paid", "实际支出金额（市本级）"),
    ("paid_transfer", "实际支出金额（转移支付至下级）"),
];

fn money_get(m: &ScoresheetMoney, k: &str) -> Option<jixiao_model::Decimal> {
    match k {
        "evaluation_amount" => m.evaluation_amount,
        "planned" => m.planned,
        "allocated" => m.allocated,
        "allocated_transfer" => m.allocated_transfer,
        "paid" => m.paid,
        _ => m.paid_transfer,
    }
}

fn money_set(m: &mut ScoresheetMoney, k: &str, v: Option<jixiao_model::Decimal>) {
    match k {
        "evaluation_amount" => m.evaluation_amount = v,
        "planned" => m.planned = v,
        "allocated" => m.allocated = v,
        "allocated_transfer" => m.allocated_transfer = v,
        "paid" => m.paid = v,
        _ => m.paid_transfer = v,
    }
}

pub(crate) fn write(w: &mut W, x: &FormIn) -> Result<(), XlsxError> {
    let f = w.f;
    let Some(form) = x.form else { return Ok(()) };
    let mut r = w.row;
    w.merge(r, 1, r, LAST, "项目支出绩效自评指标评分表", &f.title)?;
    w.ws.set_row_height(r, 26)?;
    w.tag(r, title_tag(FormKind::EvaluationScoresheet, x))?;
    w.text(r, LINE, &form.line_start.to_string(), &f.line)?;
    r += 1;
    let kv = |w: &mut W, r: u32, label: &str, value: &str, t: Tag| {
        kv_row(w, r, (1, 6), (7, LAST), label, value, t)
    };
    let s = |o: &Option<String>| o.clone().unwrap_or_default();
    kv(
        w,
        r,
        "填报单位名称",
        &s(&form.unit),
        tag("kv").with("k", "unit"),
    )?;
    r += 1;
    kv(
        w,
        r,
        "项目名称",
        &s(&form.project),
        tag("kv").with("k", "project"),
    )?;
    r += 1;
    if let Some(y) = form.year {
        kv(
            w,
            r,
            "评价年度",
            &y.to_string(),
            tag("kv").with("k", "year"),
        )?;
        r += 1;
    }
    if form.department.is_some() {
        kv(
            w,
            r,
            "主管部门",
            &s(&form.department),
            tag("kv").with("k", "department"),
        )?;
        r += 1;
    }
    if let Some(m) = &form.money {
        kv(
            w,
            r,
            "资金情况：金额单位",
            m.unit.as_deref().unwrap_or(""),
            tag("money_head")
                .with("l", m.line)
                .with("nu", m.unit.is_none()),
        )?;
        w.text(r, LINE, &m.line.to_string(), &f.line)?;
        r += 1;
        for (k, label) in MONEY {
            w.merge(r, 1, r, 6, label, &f.label)?;
            w.ws.merge_range(r, 7, r, 9, "", &f.input)?;
            w.dec(r, 7, money_get(m, k), &f.input)?;
            w.tag(r, tag("money").with("k", k))?;
            r += 1;
        }
    }
    // Fields before the table (all but the closing prose, which follows the total).
    let closing = [
        "funds_performance",
        "problems",
        "improvements",
        "expiring_funds",
    ];
    let fields: Vec<(usize, &jixiao_model::Field)> = form.fields.iter().enumerate().collect();
    for (i, fld) in fields
        .iter()
        .filter(|(_, x)| !closing.contains(&x.key.as_str()))
    {
        kv(
            w,
            r,
            &fld.label,
            &fld.value,
            tag("kv")
                .with("k", fld.key.as_str())
                .with("l", fld.line)
                .with("o", *i),
        )?;
        w.text(r, LINE, &fld.line.to_string(), &f.line)?;
        r += 1;
    }
    // Table header.
    let h = r;
    for (k, name) in ["一级指标", "二级指标", "三级指标", "四级指标"]
        .iter()
        .enumerate()
    {
        w.merge(h, NAMES[k], h, LEVEL_W[k], name, &f.head)?;
        w.text(h + 1, NAMES[k], "名称", &f.head)?;
        w.text(h + 1, LEVEL_W[k], "权重", &f.head)?;
    }
    w.merge(h, WEIGHT, h + 1, WEIGHT, "分值", &f.head)?;
    w.merge(h, T_OP, h, T_UNIT, "评价年度预期值", &f.head)?;
    w.merge(h, A_VAL, h, A_UNIT, "评价年度实现值", &f.head)?;
    for (c, s) in [
        (T_OP, "符号"),
        (T_VAL, "数值"),
        (T_UNIT, "单位"),
        (A_VAL, "数值"),
        (A_UNIT, "单位"),
    ] {
        w.text(h + 1, c, s, &f.head)?;
    }
    for (c, s) in [
        (SCORE, "自评分数"),
        (NOTE, "未达标原因分析"),
        (STANDARD, "评分标准"),
        (EVIDENCE, "参考佐证材料"),
        (AUDIT, "复核得分"),
        (AUDIT_NOTE, "复核说明（状态：计算过程）"),
        (LINE, "行号"),
    ] {
        w.merge(h, c, h + 1, c, s, &f.head)?;
    }
    w.tag(h, tag("ind_head"))?;
    w.tag(h + 1, tag("ind_head2"))?;
    r = h + 2;
    let rows: Vec<u32> = (0..form.indicators.len() as u32).map(|i| r + i).collect();
    let paths: Vec<&[String]> = form.indicators.iter().map(|i| i.path.as_slice()).collect();
    write_paths(w, &rows, &paths, &NAMES, &f.wrap)?;
    for ind in &form.indicators {
        let n = ind.path.len().min(4);
        // Level weights beside their names (merged with the names' runs by content).
        for (k, &col) in LEVEL_W.iter().enumerate() {
            let v = if k < n {
                ind.path_weights.get(k).copied().flatten()
            } else {
                None
            };
            w.dec(r, col, v, &f.input)?;
        }
        w.dec(r, WEIGHT, ind.weight, &f.input)?;
        write_value(w, r, Some(T_OP), T_VAL, T_UNIT, &ind.target)?;
        write_value(w, r, None, A_VAL, A_UNIT, &ind.actual)?;
        w.dec(r, SCORE, ind.score, &f.input)?;
        w.text(r, NOTE, ind.note.as_deref().unwrap_or(""), &f.wrap)?;
        w.text(r, STANDARD, ind.standard.as_deref().unwrap_or(""), &f.wrap)?;
        w.text(r, EVIDENCE, ind.evidence.as_deref().unwrap_or(""), &f.wrap)?;
        w.text(r, LINE, &ind.line.to_string(), &f.line)?;
        let t = tag("ind")
            .with("l", ind.line)
            .with("n", ind.path.len())
            .with("pw", !ind.path_weights.is_empty())
            .with("t", ind.target.raw.as_str())
            .with("a", ind.actual.raw.as_str())
            .with("st", ind.standard.is_some())
            .with("ev", ind.evidence.is_some());
        w.tag(r, t)?;
        audit_cells(w, r, AUDIT, AUDIT_NOTE, x.item(ind.line, &ind.path))?;
        r += 1;
    }
    if let Some(t) = &form.total {
        w.merge(r, 1, r, 8, "合计", &f.label)?;
        w.dec(r, WEIGHT, t.weight, &f.input)?;
        w.dec(r, SCORE, t.score, &f.input)?;
        w.text(r, LINE, &t.line.to_string(), &f.line)?;
        w.tag(r, tag("total").with("l", t.line))?;
        audit_total(w, r, AUDIT, AUDIT_NOTE, x.scored)?;
        r += 1;
    }
    if let Some(g) = &form.grade {
        w.merge(r, 1, r, 8, "评分等级", &f.label)?;
        w.merge(r, 9, r, LAST, g, &f.input)?;
        let mut t = tag("grade");
        if let Some(l) = form.grade_line {
            t = t.with("l", l);
            w.text(r, LINE, &l.to_string(), &f.line)?;
        }
        w.tag(r, t)?;
        audit_grade(w, r, AUDIT, AUDIT_NOTE, x.scored)?;
        r += 1;
    }
    for (i, fld) in fields
        .iter()
        .filter(|(_, x)| closing.contains(&x.key.as_str()))
    {
        kv(
            w,
            r,
            &fld.label,
            &fld.value,
            tag("kv")
                .with("k", fld.key.as_str())
                .with("l", fld.line)
                .with("o", *i),
        )?;
        w.text(r, LINE, &fld.line.to_string(), &f.line)?;
        r += 1;
    }
    w.row = r + 1;
    Ok(())
}

pub(crate) fn read_row(b: &mut Builder, g: &Grid, row: u32, t: Option<&Tag>, errs: &mut Errs) {
    let role = t.map_or("", |t| t.role());
    match role {
        "kv" => {
            if let Some(t) = t {
                b.in_table = false;
                b.kv(g, row, t, 1, 7);
            }
        }
        "money_head" => {
            let unit = g.text_merged(row, 7);
            let no_unit = t.and_then(|t| t.get("nu")).and_then(Json::as_bool) == Some(true);
            b.form.money = Some(ScoresheetMoney {
                unit: (!no_unit || !unit.is_empty()).then_some(unit),
                line: b.line(t, "l", row),
                ..ScoresheetMoney::default()
            });
        }
        "money" => {
            let v = g.dec(row, 7, errs);
            if let (Some(m), Some(k)) = (b.form.money.as_mut(), t.and_then(|t| t.str("k"))) {
                money_set(m, k, v);
            }
        }
        "ind_head" => b.in_table = true,
        "total" => {
            b.in_table = false;
            b.form.total = Some(Total {
                weight: g.dec(row, WEIGHT, errs),
                score: g.dec(row, SCORE, errs),
                line: b.line(t, "l", row),
            });
        }
        "grade" => {
            b.in_table = false;
            b.form.grade = non_empty(g.text_merged(row, 9));
            if b.form.grade.is_some() {
                b.form.grade_line = t.and_then(|t| t.u32("l"));
            }
        }
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
            let n = t.and_then(|t| t.u32("n"));
            let path = read_path(g, row, &NAMES, n, &prev);
            let with_pw = t
                .and_then(|t| t.get("pw"))
                .and_then(Json::as_bool)
                .unwrap_or(true);
            let path_weights = if with_pw {
                (0..path.len())
                    .map(|k| g.dec(row, LEVEL_W[k], errs))
                    .collect()
            } else {
                Vec::new()
            };
            let flag = |k: &str| t.and_then(|t| t.get(k)).and_then(Json::as_bool);
            let text_or = |c: u16, k: &str| {
                let s = g.text(row, c);
                match flag(k) {
                    Some(true) => Some(s),
                    _ => non_empty(s),
                }
            };
            b.form.indicators.push(Indicator {
                target: read_value(
                    g,
                    row,
                    Some(T_OP),
                    T_VAL,
                    T_UNIT,
                    t.and_then(|t| t.str("t")),
                ),
                actual: read_value(g, row, None, A_VAL, A_UNIT, t.and_then(|t| t.str("a"))),
                weight: g.dec(row, WEIGHT, errs),
                score: g.dec(row, SCORE, errs),
                note: non_empty(g.text(row, NOTE)),
                line: b.line(t, "l", row),
                path,
                path_weights,
                standard: text_or(STANDARD, "st"),
                evidence: text_or(EVIDENCE, "ev"),
            });
        }
        _ => {}
    }
}
