//! Helpers shared by the indicator-grid readers (self-evaluation, target declaration,
//! scoresheet): level vocabularies, year and label extraction.

use jixiao_text::fold_label;

/// First-level indicator names of all vocabularies (2020 Shanghai 投入与管理/产出目标/效果目标/
/// 影响力目标, later 产出/效益/满意度 指标, Guangdong 决策/过程/产出/效益).
pub(crate) fn is_level1(name: &str) -> bool {
    matches!(
        name,
        "投入与管理"
            | "产出目标"
            | "效果目标"
            | "影响力目标"
            | "产出指标"
            | "效益指标"
            | "满意度指标"
            | "成本指标"
            | "产出"
            | "效益"
            | "决策"
            | "过程"
            | "成本"
            | "满意度指标(10%)"
    )
}

/// Like [`is_level1`], but a bare `成本`/`产出`/`效益` under a 2020-vocabulary first level
/// (`产出目标`, `效果目标` …) is a second-level name there.
pub(crate) fn is_level1_in(name: &str, current_l1: &str) -> bool {
    if matches!(name, "成本" | "产出" | "效益" | "满意度") && current_l1.ends_with("目标")
    {
        return false;
    }
    is_level1(name)
}

/// Second-level names that a shifted row may carry in its first cell.
pub(crate) fn is_level2(name: &str) -> bool {
    let n = name.trim_end_matches("指标");
    matches!(
        n,
        "数量"
            | "质量"
            | "时效"
            | "成本"
            | "经济效益"
            | "社会效益"
            | "生态效益"
            | "环境效益"
            | "可持续影响"
            | "满意度"
            | "服务对象满意度"
            | "投入管理"
            | "财务管理"
            | "实施管理"
            | "资产管理"
            | "长效管理"
            | "人力资源"
            | "部门协助"
            | "配套设施"
            | "信息共享"
            | "其它"
            | "其他"
            | "经济成本"
            | "社会成本"
            | "生态环境成本"
    )
}

/// The fiscal year in a title line such as `(2024年度)`, `(2023 年度)`, `2020年绩效目标`.
pub(crate) fn year_in(text: &str) -> Option<u16> {
    let t = fold_label(text);
    let idx = t.find("年度").or_else(|| t.find('年'))?;
    let digits: String = t[..idx]
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    if digits.len() != 4 {
        return None;
    }
    digits
        .chars()
        .rev()
        .collect::<String>()
        .parse()
        .ok()
        .filter(|y| (1990..=2100).contains(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years() {
        assert_eq!(year_in("(2024年度)"), Some(2024));
        assert_eq!(year_in("(2023 年度)"), Some(2023));
        assert_eq!(
            year_in("财政项目支出绩效目标表 (2020年度) 申报单位名称："),
            Some(2020)
        );
        assert_eq!(year_in("年度 总体 目标"), None);
    }
}

use jixiao_model::{Indicator, Value, Warning};
use jixiao_text::{fold, parse_decimal, parse_value};

use crate::Line;

/// Which indicator grid is being read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Layout {
    /// 一级 | 二级 | 三级 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
    SelfEvaluation,
    /// 一级目标 | 二级目标 | 三级目标 | 指标目标值
    TargetDeclaration,
}

/// Column positions of an indicator grid, from its header row.
#[derive(Clone, Debug)]
struct Columns {
    levels: [usize; 3],
    target: usize,
    actual: Option<usize>,
    weight: Option<usize>,
    score: Option<usize>,
    note: Option<usize>,
}

/// Reads indicator rows one line at a time, inheriting merged level cells, joining rows that
/// PDF extraction broke over two lines, and aligning shifted rows.
pub(crate) struct IndicatorGrid {
    layout: Layout,
    cols: Columns,
    current: [String; 3],
    out: Vec<Indicator>,
    after_blank: bool,
}

impl IndicatorGrid {
    pub(crate) fn from_header(line: &Line, layout: Layout) -> IndicatorGrid {
        let mut cols = match layout {
            Layout::SelfEvaluation => Columns {
                levels: [0, 1, 2],
                target: 3,
                actual: Some(4),
                weight: Some(5),
                score: Some(6),
                note: Some(7),
            },
            Layout::TargetDeclaration => Columns {
                levels: [0, 1, 2],
                target: 3,
                actual: None,
                weight: None,
                score: None,
                note: None,
            },
        };
        for (i, c) in line.cells().enumerate() {
            let c = fold_label(c);
            match c.as_str() {
                s if s.starts_with("一级") => cols.levels[0] = i,
                s if s.starts_with("二级") => cols.levels[1] = i,
                s if s.starts_with("三级") => cols.levels[2] = i,
                "年度指标值" | "指标目标值" | "目标值" | "指标值" => {
                    cols.target = i
                }
                "实际完成值" | "完成值" => cols.actual = Some(i),
                "分值" | "权重" => cols.weight = Some(i),
                "得分" => cols.score = Some(i),
                s if s.starts_with("偏差原因") => cols.note = Some(i),
                _ => {}
            }
        }
        IndicatorGrid {
            layout,
            cols,
            current: Default::default(),
            out: Vec::new(),
            after_blank: false,
        }
    }

    /// Records a blank line (a page or row break inside the grid).
    pub(crate) fn blank_line(&mut self) {
        self.after_blank = true;
    }

    /// Reads one grid line.
    pub(crate) fn row(&mut self, line: &Line, warnings: &mut Vec<Warning>) {
        let cells: Vec<&str> = line.cells().map(str::trim).collect();
        let after_blank = std::mem::replace(&mut self.after_blank, false);
        match self.layout {
            Layout::SelfEvaluation => self.row_self_eval(line, &cells, after_blank, warnings),
            Layout::TargetDeclaration => self.row_target(line, &cells, after_blank, warnings),
        }
    }

    fn row_self_eval(
        &mut self,
        line: &Line,
        cells: &[&str],
        after_blank: bool,
        warnings: &mut Vec<Warning>,
    ) {
        let (w, s) = (self.cols.weight.unwrap_or(5), self.cols.score.unwrap_or(6));
        let num_at = |i: isize| {
            i >= 0
                && cells
                    .get(i as usize)
                    .is_some_and(|c| parse_decimal(c).is_some())
        };
        let shift = [0isize, -1, 1, -2, 2]
            .into_iter()
            .find(|&d| num_at(w as isize + d) && num_at(s as isize + d))
            .or_else(|| {
                [0isize, -1, 1]
                    .into_iter()
                    .find(|&d| num_at(w as isize + d))
            })
            .unwrap_or(0);
        let get = |col: usize| -> &str {
            let i = col as isize + shift;
            if i < 0 {
                ""
            } else {
                cells.get(i as usize).copied().unwrap_or("")
            }
        };
        let names = self.cols.levels.map(get);
        let target = get(self.cols.target);
        let actual = self.cols.actual.map_or("", get);
        let weight = get(w);
        let score = get(s);
        let note_col = self.cols.note.unwrap_or(7);
        let mut note: Vec<&str> = Vec::new();
        for i in note_col..cells.len().max(note_col) + 1 {
            let c = get(i);
            if !c.is_empty() {
                note.push(c);
            }
        }
        if target.is_empty() && actual.is_empty() && weight.is_empty() && score.is_empty() {
            // A row broken over two lines: the second line carries the rest of the level names
            // (and maybe of the note).
            if self.continue_last(&names, &note, line, after_blank || names[2].is_empty()) {
                return;
            }
        }
        if names.iter().all(|n| n.is_empty()) && target.is_empty() && actual.is_empty() {
            warnings.push(Warning::new(
                line.no,
                line.no,
                "indicator row without a name or values",
            ));
            return;
        }
        let path = self.enter_path(names);
        if path[2].is_empty() {
            warnings.push(Warning::new(
                line.no,
                line.no,
                "indicator row without a 三级指标 name",
            ));
        }
        self.out.push(Indicator {
            path,
            target: parse_value(target),
            actual: parse_value(actual),
            weight: parse_decimal(weight),
            score: parse_decimal(score),
            note: (!note.is_empty()).then(|| fold(&note.join(" "))),
            line: line.no,
            path_weights: Vec::new(),
            standard: None,
            evidence: None,
        });
    }

    fn row_target(
        &mut self,
        line: &Line,
        cells: &[&str],
        _after_blank: bool,
        warnings: &mut Vec<Warning>,
    ) {
        let mut c: Vec<&str> = cells.to_vec();
        while c.len() < 4 {
            c.push("");
        }
        // A row shifted right by one: the first-level name sits in the second cell.
        let cur1 = self.current[0].clone();
        let l1 = |s: &str| is_level1_in(&fold_label(s), &cur1);
        if c[0].is_empty() && l1(c[1]) {
            c.remove(0);
            c.push("");
        }
        let lvl = self.cols.levels;
        let tcol = self.cols.target;
        let (names, target): ([&str; 3], &str) = if !c.get(tcol).copied().unwrap_or("").is_empty() {
            let mut n = lvl.map(|i| c.get(i).copied().unwrap_or(""));
            // A second-level name shifted into the first cell (`质量 | | 计划完成率 | =100%`).
            let n0 = fold_label(n[0]);
            if !n[0].is_empty() && n[1].is_empty() && !l1(n[0]) && is_level2(&n0) {
                n[1] = n[0];
                n[0] = "";
            }
            (n, c[tcol])
        } else {
            // Value column empty: the row is shifted left. The last filled cell is the target,
            // the one before it the third-level name, then second and first level.
            let filled: Vec<&str> = c.iter().copied().filter(|s| !s.is_empty()).collect();
            match filled.as_slice() {
                [] => return,
                [a, b, c3] if l1(a) => ([*a, *b, *c3], ""),
                [one] => {
                    warnings.push(Warning::new(line.no, line.no, "target row with a single cell: read as a 三级目标 name with no target value"));
                    (["", "", *one], "")
                }
                [.., l3, t] => {
                    let before = &filled[..filled.len() - 2];
                    let mut n = ["", "", *l3];
                    match before {
                        [] => {}
                        [x] if l1(x) => n[0] = x,
                        [x] => n[1] = x,
                        [x, y, ..] => {
                            n[0] = x;
                            n[1] = y;
                        }
                    }
                    (n, *t)
                }
            }
        };
        let extra = c.iter().skip(tcol + 1).filter(|s| !s.is_empty()).count();
        if extra > 0 {
            warnings.push(Warning::new(
                line.no,
                line.no,
                format!("target row: {extra} cell(s) after the target value ignored"),
            ));
        }
        let path = self.enter_path(names);
        if target.is_empty() {
            warnings.push(Warning::new(
                line.no,
                line.no,
                format!("indicator {:?} has no target value", path[2]),
            ));
        }
        self.out.push(Indicator {
            path,
            target: parse_value(target),
            actual: Value::blank(),
            weight: None,
            score: None,
            note: None,
            line: line.no,
            path_weights: Vec::new(),
            standard: None,
            evidence: None,
        });
    }

    /// Applies a row's level cells to the inherited path and returns the leaf path.
    fn enter_path(&mut self, names: [&str; 3]) -> Vec<String> {
        let n = names.map(fold_label);
        if !n[0].is_empty() {
            self.current[0] = n[0].clone();
            self.current[1] = n[1].clone();
        } else if !n[1].is_empty() {
            self.current[1] = n[1].clone();
        }
        let [_, _, leaf] = n;
        vec![self.current[0].clone(), self.current[1].clone(), leaf]
    }

    /// Appends a continuation line to the last indicator; false when there is none or the line
    /// does not look like one.
    fn continue_last(
        &mut self,
        names: &[&str; 3],
        note: &[&str],
        line: &Line,
        plausible: bool,
    ) -> bool {
        if !plausible {
            return false;
        }
        let Some(last) = self.out.last_mut() else {
            return false;
        };
        for (k, n) in names.iter().enumerate() {
            if n.is_empty() {
                continue;
            }
            let n = fold_label(n);
            if let Some(p) = last.path.get_mut(k) {
                p.push_str(&n);
            }
            if k < 2 {
                self.current[k].push_str(&n);
            }
        }
        if !note.is_empty() {
            let extra = fold(&note.join(" "));
            match last.note.as_mut() {
                Some(s) => s.push_str(&extra),
                None => last.note = Some(extra),
            }
        }
        let _ = line;
        true
    }

    pub(crate) fn finish(self) -> Vec<Indicator> {
        self.out
    }
}
