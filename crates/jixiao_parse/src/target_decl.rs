//! 绩效目标表 (target declaration), Shanghai 2020 layout (seed 001).
//!
//! ```text
//! 财政项目支出绩效目标表
//! (2020年度)
//! 申报单位名称：<unit>
//! 项目名称： | <name> | 项目类别： | <category>
//! 计划开始日期： | 2020-01-01 | 计划完成日期： | 2020-12-31
//! 是否含有政府购买服务： | 否 | 绩效类型： | 其他类
//! 项目概况： | <text>            (also 立项依据, 项目设立的必要性, 保证项目实施的制度、措施,
//!                                  项目实施计划, 总目标及阶段性目标; text may wrap onto lines
//!                                  without a label)
//! 本项目上年度市级财政资金使用情况
//! 项目总预算（元）： | 120,000,000 | 项目当年预算（元）： | 120,000,000
//! 同名项目上年预算额（元）： | … | 同名项目上年预算执行数（元）： | (may be blank)
//! 2020年绩效目标
//! 一级目标 | 二级目标 | 三级目标 | 指标目标值
//! 产出目标 | 数量 | 受益企业数 | >1000家
//! ```
//! The title may be fused with the year and the unit on one line. Indicator rows are placed
//! by the level vocabularies when extraction shifted them (see `grid::IndicatorGrid`).

use jixiao_model::{Budget, Field, Form, FormKind, Warning};
use jixiao_text::{fold, fold_label, parse_decimal};

use crate::grid::{self, IndicatorGrid, Layout};
use crate::Line;

/// Header and narrative labels: (printed label, canonical key). Narrative keys may continue
/// on unlabelled lines.
const LABELS: &[(&str, &str)] = &[
    ("申报单位名称", "unit"),
    ("申报单位", "unit"),
    ("项目名称", "project"),
    ("项目类别", "category"),
    ("计划开始日期", "start_date"),
    ("计划完成日期", "end_date"),
    ("是否含有政府购买服务", "purchase_service"),
    ("绩效类型", "performance_type"),
    ("项目概况", "overview"),
    ("立项依据", "basis"),
    ("项目设立的必要性", "necessity"),
    ("保证项目实施的制度、措施", "measures"),
    ("保证项目实施的制度,措施", "measures"),
    ("项目实施计划", "plan"),
    ("总目标及阶段性目标", "goals"),
];

const NARRATIVE: &[&str] = &[
    "overview",
    "basis",
    "necessity",
    "measures",
    "plan",
    "goals",
];

/// Money labels (without the `(元)` unit): index into the budget fields.
const MONEY: &[(&str, usize)] = &[
    ("项目总预算", 0),
    ("项目当年预算", 1),
    ("同名项目上年预算额", 2),
    ("同名项目上年预算执行数", 3),
];

fn label_of(cell: &str) -> Option<(&'static str, &'static str, String)> {
    // Reject on the head of the cell before folding all of it.
    let h = jixiao_text::fold_label_cow(jixiao_text::head(cell, 16));
    if !LABELS.iter().any(|(l, _)| h.starts_with(l)) {
        return None;
    }
    let f = fold_label(cell);
    for (label, key) in LABELS {
        if let Some(rest) = f.strip_prefix(label) {
            if rest.is_empty() || rest.starts_with(':') || rest.starts_with('：') {
                let v = rest.trim_start_matches([':', '：']).trim().to_string();
                return Some((label, key, v));
            }
        }
    }
    None
}

fn money_of(cell: &str) -> Option<(usize, String, String)> {
    let h = jixiao_text::fold_label_cow(jixiao_text::head(cell, 16));
    if !MONEY.iter().any(|(l, _)| h.starts_with(l)) {
        return None;
    }
    let f = fold_label(cell);
    for (label, idx) in MONEY {
        if let Some(rest) = f.strip_prefix(label) {
            // `(元)` / `（元）` unit, then a colon.
            let rest = rest.trim_start_matches([':', '：']);
            let (unit, rest) = match rest.strip_prefix('(').and_then(|r| r.split_once(')')) {
                Some((u, r)) => (u.to_string(), r),
                None => ("元".to_string(), rest),
            };
            let v = rest.trim_start_matches([':', '：']).trim().to_string();
            return Some((*idx, unit, v));
        }
    }
    None
}

#[derive(PartialEq)]
enum State {
    Header,
    Money,
    Targets,
}

pub(crate) fn parse(lines: &[Line], warnings: &mut Vec<Warning>) -> Form {
    let start = lines.first().map_or(1, |l| l.no);
    let mut form = Form::new(FormKind::TargetDeclaration, start);
    form.line_end = lines
        .iter()
        .rev()
        .find(|l| !l.is_blank())
        .map_or(start, |l| l.no);
    let mut state = State::Header;
    let mut grid: Option<IndicatorGrid> = None;
    let mut budget: Option<Budget> = None;
    let mut last_narrative: Option<usize> = None;

    for (k, line) in lines.iter().enumerate() {
        if line.is_blank() {
            continue;
        }
        let filled = line.filled();
        let first = if k == 0 {
            fold_label(filled[0].1)
        } else {
            fold_label(jixiao_text::head(filled[0].1, 40))
        };
        if form.year.is_none() && (k == 0 || first.starts_with('(')) {
            if let Some(y) = grid::year_in(&first) {
                form.year = Some(y);
            }
        }
        if k == 0 {
            // The title line may carry the year and `申报单位名称：…` fused into it.
            if let Some(pos) = first.find("申报单位名称") {
                let rest = first[pos + "申报单位名称".len()..]
                    .trim_start_matches([':', '：'])
                    .trim();
                if !rest.is_empty() {
                    form.unit = Some(rest.to_string());
                }
            }
            continue;
        }
        if first.starts_with('(') && first.contains("年度") && filled.len() == 1 {
            continue;
        }
        if first.starts_with("本项目上年度") || first.contains("财政资金使用情况") {
            state = State::Money;
            last_narrative = None;
            continue;
        }
        if first.ends_with("绩效目标") && filled.len() == 1 {
            if form.year.is_none() {
                form.year = grid::year_in(&first);
            }
            state = State::Targets;
            continue;
        }
        if first.starts_with("一级目标") || first.starts_with("一级指标") {
            grid = Some(IndicatorGrid::from_header(line, Layout::TargetDeclaration));
            state = State::Targets;
            continue;
        }
        if state == State::Targets {
            if let Some(g) = grid.as_mut() {
                g.row(line, warnings);
            } else {
                warnings.push(Warning::new(
                    line.no,
                    line.no,
                    "target row before the 一级目标 header",
                ));
            }
            continue;
        }
        // Money cells can sit on any header line (`项目总预算（元）： | 120,000,000 | …`).
        let cells: Vec<&str> = line.cells().collect();
        let mut consumed = false;
        let mut i = 0;
        while i < cells.len() {
            let c = cells[i].trim();
            if c.is_empty() {
                i += 1;
                continue;
            }
            if let Some((idx, unit, inline)) = money_of(c) {
                let (raw, skip) = if !inline.is_empty() {
                    (inline, 0)
                } else {
                    // The value is the next cell, which may be blank (上年预算执行数 often is).
                    let v = cells.get(i + 1).map_or("", |s| s.trim());
                    if money_of(v).is_some() {
                        (String::new(), 0)
                    } else {
                        (v.to_string(), 1)
                    }
                };
                let b = budget.get_or_insert_with(|| Budget {
                    unit: unit.clone(),
                    total_budget: None,
                    current_year_budget: None,
                    prior_year_budget: None,
                    prior_year_executed: None,
                    line: line.no,
                    raw: vec![String::new(); 4],
                });
                let value = parse_decimal(&raw);
                if value.is_none() && !raw.is_empty() {
                    warnings.push(Warning::new(
                        line.no,
                        line.no,
                        format!("money cell {raw:?} is not an amount"),
                    ));
                }
                match idx {
                    0 => b.total_budget = value,
                    1 => b.current_year_budget = value,
                    2 => b.prior_year_budget = value,
                    _ => b.prior_year_executed = value,
                }
                b.raw[idx] = raw;
                consumed = true;
                i += 1 + skip;
                continue;
            }
            if let Some((label, key, inline)) = label_of(c) {
                let (value, skip) = if !inline.is_empty() {
                    (inline, 0)
                } else {
                    let v = cells.get(i + 1).map_or("", |s| s.trim());
                    if label_of(v).is_some() {
                        (String::new(), 0)
                    } else {
                        (fold(v), 1)
                    }
                };
                match key {
                    "unit" => form.unit = Some(value.clone()),
                    "project" => form.project = Some(value.clone()),
                    _ => {}
                }
                if !matches!(key, "unit" | "project") {
                    form.fields.push(Field {
                        key: key.into(),
                        label: label.into(),
                        value,
                        line: line.no,
                    });
                    last_narrative = NARRATIVE.contains(&key).then(|| form.fields.len() - 1);
                }
                consumed = true;
                i += 1 + skip;
                continue;
            }
            if consumed {
                warnings.push(Warning::new(
                    line.no,
                    line.no,
                    format!(
                        "unlabelled cell {:?} after a label",
                        crate::self_eval::truncate(c, 24)
                    ),
                ));
            }
            break;
        }
        if consumed {
            continue;
        }
        // An unlabelled line: the continuation of the narrative field above it.
        match last_narrative {
            Some(idx) if state == State::Header => {
                let f = &mut form.fields[idx];
                f.value.push_str(&fold(
                    &filled.iter().map(|(_, c)| *c).collect::<Vec<_>>().join(" "),
                ));
            }
            _ => warnings.push(Warning::new(
                line.no,
                line.no,
                format!(
                    "target declaration: unlabelled text {:?}",
                    crate::self_eval::truncate(&first, 24)
                ),
            )),
        }
    }
    if let Some(g) = grid {
        form.indicators = g.finish();
    } else {
        warnings.push(Warning::new(
            start,
            form.line_end,
            "target declaration without a 绩效目标 grid",
        ));
    }
    form.budget = budget;
    form
}
