//! 绩效自评表, Shanghai layout (seeds 000 and 002; the central template has the same shape).
//!
//! ```text
//! 财政项目支出绩效自评表
//! (2024年度)
//! 项目名称 | | <name>
//! 主管部门 | | <department> | | 实施单位 | <unit>
//! 项目资金 (万元) | | 年初预算数 | 全年预算数 | 全年执行数 | 分数 | 执行率(%) | 得分
//! | 年度资金总额 | 27.00 | 27.00 | 10.17 | 10.00 | 37.67 | 3.77      (+ 当年财政拨款, 上年结转资金, 其他资金)
//! 年度总体目标 | 预期目标 | | | 实际完成情况
//! | <expected> | | | <achieved>
//! 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
//! 产出指标 | 数量指标 | … | ≥30.00(亿美元) | 20.2(亿美元) | 15.00 | 13.00 | <reason>
//! 总分 | | | | | 100.00 | 94.75
//! 评分等级 | 优
//! ```
//! Funds values are read as the six cells after the row label (rows are shifted against their
//! header in real documents); indicator rows are aligned on their 分值/得分 pair.

use jixiao_model::{Field, Form, FormKind, Funds, FundsRow, Total, Warning};
use jixiao_text::{fold_label, parse_decimal};

use crate::grid::{self, IndicatorGrid};
use crate::Line;

/// Canonical funds-row name for a label cell, if it is one.
fn funds_row_name(label: &str) -> Option<&'static str> {
    let l = fold_label(label);
    let l = l
        .trim_start_matches("其中")
        .trim_start_matches([':', '：'])
        .trim_end_matches([':', '：']);
    Some(match l {
        "年度资金总额" | "资金总额" => "年度资金总额",
        "当年财政拨款" | "财政拨款" => "当年财政拨款",
        "上年结转资金" | "上年结转" => "上年结转资金",
        "其他资金" => "其他资金",
        _ => return None,
    })
}

#[derive(PartialEq)]
enum State {
    Header,
    Funds,
    Goals,
    Indicators,
    Done,
}

pub(crate) fn parse(lines: &[Line], warnings: &mut Vec<Warning>) -> Form {
    let start = lines.first().map_or(1, |l| l.no);
    let mut form = Form::new(FormKind::SelfEvaluation, start);
    form.line_end = lines
        .iter()
        .rev()
        .find(|l| !l.is_blank())
        .map_or(start, |l| l.no);
    let mut state = State::Header;
    let mut funds: Option<Funds> = None;
    let mut grid: Option<IndicatorGrid> = None;
    let mut goal_cols: (usize, usize) = (1, 4);

    for line in lines.iter().skip(1) {
        if line.is_blank() {
            if let Some(g) = grid.as_mut() {
                g.blank_line();
            }
            continue;
        }
        // Inside the indicator grid every line is a row until 总分/评分等级: skip the header
        // dispatch (and its allocations) for them.
        if state == State::Indicators {
            let t = line.text.trim_start();
            if !["总", "合", "评", "自"].iter().any(|p| t.starts_with(p)) {
                if let Some(g) = grid.as_mut() {
                    g.row(line, warnings);
                    continue;
                }
            }
        }
        let filled = line.filled();
        // Labels are short: fold only the head of the first cell (narrative cells are long).
        let first = jixiao_text::fold_label_cow(jixiao_text::head(filled[0].1, 40));
        // Year line.
        if form.year.is_none()
            && state == State::Header
            && first.contains("年度")
            && filled.len() == 1
        {
            form.year = grid::year_in(&first);
            continue;
        }
        if first.starts_with("项目名称") {
            form.project = value_after_label(&filled, &fold_label(filled[0].1), "项目名称");
            continue;
        }
        if first.starts_with("主管部门") {
            form.department = value_after_label(&filled, &fold_label(filled[0].1), "主管部门");
            if let Some(pos) = filled
                .iter()
                .position(|(_, c)| fold_label(c).starts_with("实施单位"))
            {
                form.unit = filled.get(pos + 1).map(|(_, c)| fold_label(c));
            }
            continue;
        }
        if first.starts_with("项目资金") {
            let unit = if first.contains("万元") {
                "万元"
            } else if first.contains("(元)") {
                "元"
            } else {
                "万元"
            };
            funds = Some(Funds {
                unit: unit.to_string(),
                line: line.no,
                rows: Vec::new(),
            });
            state = State::Funds;
            continue;
        }
        if state == State::Funds {
            if let Some((pos, name)) = filled
                .iter()
                .find_map(|(i, c)| funds_row_name(c).map(|n| (*i, n)))
            {
                let cells: Vec<&str> = line.cells().collect();
                let raw: Vec<String> = (1..=6)
                    .map(|k| cells.get(pos + k).map_or("", |c| c.trim()).to_string())
                    .collect();
                let extra = cells
                    .iter()
                    .skip(pos + 7)
                    .filter(|c| !c.trim().is_empty())
                    .count();
                if extra > 0 {
                    warnings.push(Warning::new(
                        line.no,
                        line.no,
                        format!("funds row {name}: {extra} cell(s) beyond the six columns ignored"),
                    ));
                }
                let num = |k: usize| parse_decimal(&raw[k]);
                if let Some(f) = funds.as_mut() {
                    f.rows.push(FundsRow {
                        name: name.to_string(),
                        initial_budget: num(0),
                        annual_budget: num(1),
                        executed: num(2),
                        weight: num(3),
                        rate_pct: num(4),
                        score: num(5),
                        line: line.no,
                        raw,
                    });
                }
                continue;
            }
        }
        if first.starts_with("年度总体目标") || first == "总体目标" {
            state = State::Goals;
            let exp = filled
                .iter()
                .find(|(_, c)| fold_label(c).starts_with("预期目标"))
                .map(|x| x.0);
            let act = filled
                .iter()
                .find(|(_, c)| fold_label(c).starts_with("实际完成"))
                .map(|x| x.0);
            goal_cols = (exp.unwrap_or(1), act.unwrap_or(4));
            continue;
        }
        if state == State::Goals && !first.starts_with("一级指标") {
            read_goals(line, goal_cols, &mut form);
            continue;
        }
        if first.starts_with("一级指标") {
            grid = Some(IndicatorGrid::from_header(
                line,
                grid::Layout::SelfEvaluation,
            ));
            state = State::Indicators;
            continue;
        }
        if first.starts_with("总分") || first == "合计" {
            let nums: Vec<_> = filled
                .iter()
                .skip(1)
                .filter_map(|(_, c)| parse_decimal(c))
                .collect();
            form.total = Some(Total {
                weight: nums.first().copied(),
                score: nums.get(1).copied(),
                line: line.no,
            });
            if nums.len() != 2 {
                warnings.push(Warning::new(
                    line.no,
                    line.no,
                    format!(
                        "总分 row has {} numbers, expected 2 (分值, 得分)",
                        nums.len()
                    ),
                ));
            }
            state = State::Done;
            continue;
        }
        if first.starts_with("评分等级") || first.starts_with("自评等级") {
            form.grade = filled.get(1).map(|(_, c)| fold_label(c)).or_else(|| {
                let rest = first
                    .trim_start_matches("评分等级")
                    .trim_start_matches("自评等级");
                let rest = rest.trim_start_matches([':', '：']);
                (!rest.is_empty()).then(|| rest.to_string())
            });
            form.grade_line = Some(line.no);
            state = State::Done;
            continue;
        }
        if state == State::Indicators {
            if let Some(g) = grid.as_mut() {
                g.row(line, warnings);
                continue;
            }
        }
        warnings.push(Warning::new(
            line.no,
            line.no,
            format!(
                "self-evaluation: unrecognised line starting {:?}",
                truncate(&first, 24)
            ),
        ));
    }
    if let Some(g) = grid {
        form.indicators = g.finish();
    }
    form.funds = funds;
    if form.project.is_none() {
        warnings.push(Warning::new(
            start,
            form.line_end,
            "self-evaluation without 项目名称",
        ));
    }
    form
}

/// The value of a `label | | value` header row: text after the label in the same cell, or the
/// next filled cell.
pub(crate) fn value_after_label(
    filled: &[(usize, &str)],
    first: &str,
    label: &str,
) -> Option<String> {
    let rest = first
        .strip_prefix(label)
        .unwrap_or("")
        .trim_start_matches([':', '：'])
        .trim();
    if !rest.is_empty() {
        return Some(rest.to_string());
    }
    filled.get(1).map(|(_, c)| jixiao_text::fold(c))
}

fn read_goals(line: &Line, (exp_col, act_col): (usize, usize), form: &mut Form) {
    let filled = line.filled();
    let mid = (exp_col + act_col).div_ceil(2);
    for (i, c) in filled {
        let key = if i < mid {
            ("expected_goal", "预期目标")
        } else {
            ("actual_outcome", "实际完成情况")
        };
        let text = jixiao_text::fold(c);
        if let Some(f) = form.fields.iter_mut().find(|f| f.key == key.0) {
            f.value.push_str(&text);
        } else {
            form.fields.push(Field {
                key: key.0.into(),
                label: key.1.into(),
                value: text,
                line: line.no,
            });
        }
    }
}

pub(crate) fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}
