use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::{TableId, Value};

/// Everything read from one input file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Document {
    /// The path as given on the command line (or a caller-chosen name).
    pub file: String,
    /// Forms in source order.
    pub forms: Vec<Form>,
    /// Numeric statements found in prose, with their inputs and stated results.
    pub claims: Vec<Claim>,
    /// Regions the reader could not fully understand; never silently dropped.
    pub warnings: Vec<Warning>,
    /// What the input was when it was not text: `pdf`, `xlsx`, `xls`, `docx` or `html`. Line
    /// numbers then refer to the text jixiao read from it (`jixiao text FILE` prints it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// For paged input (PDF): the 1-based first line of each page; page `i + 1` starts at
    /// `pages[i]`. Empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<u32>,
}

impl Document {
    /// The 1-based page holding 1-based `line`, for paged input.
    pub fn page_of(&self, line: u32) -> Option<u32> {
        if self.pages.is_empty() || line == 0 {
            return None;
        }
        let i = self.pages.partition_point(|&start| start <= line);
        (i > 0).then_some(i as u32)
    }
}

/// The four form kinds jixiao reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormKind {
    /// 绩效目标表: target declaration.
    TargetDeclaration,
    /// 绩效自评表 (Shanghai layout): self-evaluation.
    SelfEvaluation,
    /// 指标评分表 (Guangdong): evaluation scoresheet.
    EvaluationScoresheet,
    /// 部门决算: departmental final accounts (the nine tables).
    FinalAccounts,
}

impl FormKind {
    /// The Chinese name users know the form by.
    pub fn zh(self) -> &'static str {
        match self {
            FormKind::TargetDeclaration => "绩效目标表",
            FormKind::SelfEvaluation => "绩效自评表",
            FormKind::EvaluationScoresheet => "指标评分表",
            FormKind::FinalAccounts => "部门决算",
        }
    }

    /// The snake_case name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            FormKind::TargetDeclaration => "target_declaration",
            FormKind::SelfEvaluation => "self_evaluation",
            FormKind::EvaluationScoresheet => "evaluation_scoresheet",
            FormKind::FinalAccounts => "final_accounts",
        }
    }
}

/// One form: a self-evaluation of one project, a target table, a scoresheet, or the tables of
/// a departmental final account. Fields a kind does not have are null / empty.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Form {
    /// Which of the four form kinds this is.
    pub kind: FormKind,
    /// The fiscal year the form reports on (`(2024年度)`, `评价年度 2023`).
    pub year: Option<u16>,
    /// 项目名称.
    pub project: Option<String>,
    /// 主管部门 (self-evaluation) or the department of a final account.
    pub department: Option<String>,
    /// 实施单位 / 申报单位名称 / 填报单位名称 / `单位：<organisation>`.
    pub unit: Option<String>,
    /// First source line of the form (its title).
    pub line_start: u32,
    /// Last source line that belongs to the form.
    pub line_end: u32,
    /// Self-evaluation funds block (项目资金, 万元).
    pub funds: Option<Funds>,
    /// Target-declaration money block (元).
    pub budget: Option<Budget>,
    /// Scoresheet money block (资金情况, 万元).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub money: Option<ScoresheetMoney>,
    /// Indicator rows, leaves of the indicator tree, in source order.
    pub indicators: Vec<Indicator>,
    /// 总分 / 合计 row.
    pub total: Option<Total>,
    /// 评分等级 as printed (优 / 良 / 中 / 差).
    pub grade: Option<String>,
    /// Source line of the grade.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade_line: Option<u32>,
    /// Final-accounts tables (empty for other kinds).
    pub tables: Vec<Table>,
    /// Header and narrative fields (`label：value` pairs), keyed by a canonical English key
    /// (`category`, `start_date`, `overview`, `expected_goal`, …); see [`Field`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
}

impl Form {
    /// An empty form of `kind` starting at `line`.
    pub fn new(kind: FormKind, line: u32) -> Form {
        Form {
            kind,
            year: None,
            project: None,
            department: None,
            unit: None,
            line_start: line,
            line_end: line,
            funds: None,
            budget: None,
            money: None,
            indicators: Vec::new(),
            total: None,
            grade: None,
            grade_line: None,
            tables: Vec::new(),
            fields: Vec::new(),
        }
    }

    /// The value of the header/narrative field `key`, if present.
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The (first) table `id`, if found.
    pub fn table(&self, id: TableId) -> Option<&Table> {
        self.tables.iter().find(|t| t.id == id)
    }
}

/// A labelled header or narrative field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    /// Canonical key (`category`, `start_date`, `end_date`, `purchase_service`,
    /// `performance_type`, `overview`, `basis`, `necessity`, `measures`, `plan`, `goals`,
    /// `expected_goal`, `actual_outcome`, `contact`, …).
    pub key: String,
    /// The label as printed, without its colon.
    pub label: String,
    /// The value as printed (HTML tags removed, wrapped lines joined).
    pub value: String,
    /// 1-based source line of the label.
    pub line: u32,
}

/// The self-evaluation funds block (项目资金).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Funds {
    /// Amount unit from the block header (`万元`).
    pub unit: String,
    /// Line of the column header.
    pub line: u32,
    /// The funds rows in printed order (年度资金总额 first).
    pub rows: Vec<FundsRow>,
}

/// One funds row: 年度资金总额, 当年财政拨款, 上年结转资金, 其他资金.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundsRow {
    /// Row label as printed, normalised (`其中：当年财政拨款` → `当年财政拨款`).
    pub name: String,
    /// 年初预算数.
    #[serde(with = "crate::num_serde::opt")]
    pub initial_budget: Option<Decimal>,
    /// 全年预算数.
    #[serde(with = "crate::num_serde::opt")]
    pub annual_budget: Option<Decimal>,
    /// 全年执行数.
    #[serde(with = "crate::num_serde::opt")]
    pub executed: Option<Decimal>,
    /// 分值 / 分数 (points; the total row only).
    #[serde(with = "crate::num_serde::opt")]
    pub weight: Option<Decimal>,
    /// 执行率(%) as printed (37.67 means 37.67 %).
    #[serde(with = "crate::num_serde::opt")]
    pub rate_pct: Option<Decimal>,
    /// 得分.
    #[serde(with = "crate::num_serde::opt")]
    pub score: Option<Decimal>,
    /// 1-based source line of the row.
    pub line: u32,
    /// The six printed cells in column order (年初预算数, 全年预算数, 全年执行数, 分值, 执行率,
    /// 得分), verbatim: `""` blank, `"-"` placeholder, `"0.00"` a real zero.
    pub raw: Vec<String>,
}

/// Target-declaration money block (本项目上年度市级财政资金使用情况), in 元.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Budget {
    /// Unit from the labels (`元`).
    pub unit: String,
    /// 项目总预算.
    #[serde(with = "crate::num_serde::opt")]
    pub total_budget: Option<Decimal>,
    /// 项目当年预算.
    #[serde(with = "crate::num_serde::opt")]
    pub current_year_budget: Option<Decimal>,
    /// 同名项目上年预算额.
    #[serde(with = "crate::num_serde::opt")]
    pub prior_year_budget: Option<Decimal>,
    /// 同名项目上年预算执行数 (often blank).
    #[serde(with = "crate::num_serde::opt")]
    pub prior_year_executed: Option<Decimal>,
    /// First line of the block.
    pub line: u32,
    /// Printed cells verbatim, in the order of the four fields above.
    pub raw: Vec<String>,
}

/// Guangdong scoresheet money block (资金情况), in the sheet's unit (万元).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ScoresheetMoney {
    /// Amount unit as printed (`万元`), if the block states one.
    pub unit: Option<String>,
    /// 评价金额.
    #[serde(with = "crate::num_serde::opt")]
    pub evaluation_amount: Option<Decimal>,
    /// 预算计划安排.
    #[serde(with = "crate::num_serde::opt")]
    pub planned: Option<Decimal>,
    /// 实际分配下达 (市本级).
    #[serde(with = "crate::num_serde::opt")]
    pub allocated: Option<Decimal>,
    /// 实际分配下达 转移支付至下级/市县.
    #[serde(with = "crate::num_serde::opt")]
    pub allocated_transfer: Option<Decimal>,
    /// 实际支出金额 (市本级).
    #[serde(with = "crate::num_serde::opt")]
    pub paid: Option<Decimal>,
    /// 实际支出 转移支付至下级/市县.
    #[serde(with = "crate::num_serde::opt")]
    pub paid_transfer: Option<Decimal>,
    /// 1-based source line of the block.
    pub line: u32,
}

/// One indicator (a leaf of the 一级/二级/三级[/四级] tree).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    /// Level names from the top (`["产出指标", "数量指标", "钻石交易所交易额"]`), inherited
    /// from the rows above where the cell was merged, spaces from line wrapping removed.
    pub path: Vec<String>,
    /// 年度指标值 / 评价年度预期值 / 指标目标值.
    pub target: Value,
    /// 实际完成值 / 评价年度实现值 (blank on target declarations).
    pub actual: Value,
    /// 分值 / 权重 of the leaf.
    #[serde(with = "crate::num_serde::opt")]
    pub weight: Option<Decimal>,
    /// 得分 / 自评分数.
    #[serde(with = "crate::num_serde::opt")]
    pub score: Option<Decimal>,
    /// 偏差原因分析及改进措施 / 未达标原因分析 / 评分依据.
    pub note: Option<String>,
    /// 1-based source line of the indicator row.
    pub line: u32,
    /// Weights printed at each level of `path` (Guangdong prints one per level); null where
    /// none was printed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[serde(with = "crate::num_serde::vec_opt")]
    pub path_weights: Vec<Option<Decimal>>,
    /// 评分标准 (Guangdong).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
    /// 参考佐证材料 (Guangdong).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

/// The 总分 / 合计 row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Total {
    /// Points column (normally 100).
    #[serde(with = "crate::num_serde::opt")]
    pub weight: Option<Decimal>,
    /// Score column.
    #[serde(with = "crate::num_serde::opt")]
    pub score: Option<Decimal>,
    /// 1-based source line of the total row.
    pub line: u32,
}

/// A final-accounts table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// Which standard table: `t1` 收入支出决算总表 … `t9` 三公 in JSON; `other` when
    /// unrecognised.
    pub id: TableId,
    /// Title as printed.
    pub title: String,
    /// The alias (canonical or regional) the title matched.
    pub alias: String,
    /// Amount unit (`万元`), from the `单位：万元` line.
    pub unit: Option<String>,
    /// Column names of the values, in order. For two-sided tables these are the first
    /// side's columns; see `side_columns`.
    pub columns: Vec<String>,
    /// For two-sided tables (收入|支出, 人员经费|公用经费): the value columns of each side.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub side_columns: BTreeMap<String, Vec<String>>,
    /// The data rows in printed order (header and unit lines excluded).
    pub rows: Vec<TableRow>,
    /// Title line.
    pub line_start: u32,
    /// Last line of the table (after page continuations).
    pub line_end: u32,
    /// The table says 本表本年度无发生额 (or 无数据).
    #[serde(default)]
    pub empty_statement: bool,
    /// Line of the empty-table statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub empty_statement_line: Option<u32>,
    /// The table was replaced by a prose summary in the source: its cells are not recoverable.
    #[serde(default)]
    pub summarised: bool,
}

/// A table row (one side of it, for two-sided tables).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableRow {
    /// 科目编码 (功能分类 3/5/7 digits, 经济分类 3/5 digits), when printed.
    pub code: Option<String>,
    /// 科目名称 / 项目 label as printed (spaces from wrapping removed).
    pub name: String,
    /// For two-sided tables: `收入` / `支出` / `人员经费` / `公用经费`; null otherwise.
    pub side: Option<String>,
    /// 行次 when printed (a hint, not a key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row_no: Option<u32>,
    /// Amounts aligned with the columns of the row's side; null for blank or placeholder.
    #[serde(with = "crate::num_serde::vec_opt")]
    pub values: Vec<Option<Decimal>>,
    /// The printed cells verbatim, aligned with `values`.
    pub raw: Vec<String>,
    /// 1-based source line of the row.
    pub line: u32,
}

/// A numeric statement in prose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    /// 1-based source line of the sentence.
    pub line: u32,
    /// The sentence (clause) the claim was read from.
    pub text: String,
    /// `yoy_change` (比上年…增加/减少 X，增长/下降 Y%), `flat` (持平), `share` (占 X%),
    /// `budget_completion` (完成…预算 X 的 Y%), `project_execution` (项目全年预算数为…执行数为…
    /// 完成预算的 Z%), `budget_change` (比年初预算数…), `sum` (其中… itemised parts).
    pub kind: String,
    /// What the statement is about (`一般公共预算财政拨款收入`, a project name, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Figures the stated result is computed from (`amount`, `change`, `budget`, `executed`,
    /// `adjustment`, `base`, `parts`…), exactly as printed, with signs from 增加/减少.
    #[serde(with = "crate::num_serde::map")]
    pub inputs: BTreeMap<String, Decimal>,
    /// The stated results (`growth_pct`, `share_pct`, `completion_pct`, …).
    #[serde(with = "crate::num_serde::map")]
    pub stated: BTreeMap<String, Decimal>,
    /// Unit of the amounts (`万元`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// A region the reader did not fully understand.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// First line (1-based) of the region the reader did not understand.
    pub line_start: u32,
    /// Last line (1-based) of the region.
    pub line_end: u32,
    /// What was not understood, and why.
    pub message: String,
}

impl Warning {
    /// A warning over `line_start..=line_end`.
    pub fn new(line_start: u32, line_end: u32, message: impl Into<String>) -> Warning {
        Warning {
            line_start,
            line_end,
            message: message.into(),
        }
    }
}
