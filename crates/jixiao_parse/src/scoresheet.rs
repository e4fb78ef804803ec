//! Guangdong 指标评分表 (indicator scoresheet): the Jiangmen layout (seed 003, three indicator
//! levels) and the Zhuhai 专项资金 layout (seed 004 appendix, four levels).
//!
//! ```text
//! 2023年项目绩效自评指标评分表              (or `附件4` followed by 填报单位名称)
//! 填报单位名称: | <unit> | 金额单位: 万元
//! 基本情况 | 项目名称 | <name> | 评价年度 | 2023 | 评价金额 | 4149.88
//!          | 联系人 | … | 联系电话 | … | 联系邮箱 | …
//!          | 实施文件依据 | … | 项目级次 | 一级
//! 资金情况 | 资金安排情况 | 预算计划安排 | 2903.24
//!          | 资金使用情况 | 实际分配下达 | 市本级 | 4162.37 | 转移支付至下级 | 0
//!          | 资金使用情况 | 实际支出金额 | 市本级 | 4149.88 | 转移支付至下级 | 0
//! 绩效目标情况 | 预期总体目标 | <text> | 是否如期实现预期总体目标 | 是
//! 指标评分表
//! 一级指标 | | 二级指标 | | 三级指标 | | 评价年度预期值 | 评价年度实现值 | 自评分数 | 未达标原因分析 | 评分标准 | 参考佐证材料
//! 名称 | 权重(%) | 名称 | 权重(%) | 名称 | 权重(%)
//! 决策 | 20 | 资金管理 | 12 | 资金支出率 | 12 | / | / | 11.96 | | <standard> | <evidence>
//!      |    | 事项管理 | 8  | 监管有效性 | 8  | / | / | 8     | | <standard>
//! 产出 | 40 | 数量指标 | 各项指标权重=40/指标总数 | <leaf> | 4 | 24场 | 25场 | 4 | | | <evidence>
//! …                                                  (page break: the header block repeats)
//! 合计: | | 140 | | 100 | | 100 | | | 99.82
//! 一、资金使用绩效: … / 二、…存在的问题: … / 三、改进意见: … / 四、到期资金: …
//! ```
//!
//! **Header block.** Cells are read as `label value` pairs wherever they sit on the line (the
//! Zhuhai sheets move, merge and rename them: `预算下达`, `实际分配下拨`, `实验文件依据`,
//! `评价金额: 932.84` in one cell). A money line takes its role from its most specific label
//! (`预算计划安排` planned, `实际分配下达` allocated, `实际支出金额` paid), else from its group label
//! (`资金安排情况` allocated, `资金使用情况` paid); `市本级` / `转移支付至…` pick the column. A cell
//! that no label claims becomes a warning.
//!
//! **Grid.** Rows are read by content, not by tab count: the cells are classified (number,
//! formula weight `=40/指标总数`, value with unit or operator, name, long text) and read in order
//! as `name [weight] name [weight] … leaf [weight]`, then `target actual score`, then the texts.
//! Level names come from the template vocabulary (决策 → 1, 资金管理 → 2, 论证决策 → 3 …);
//! unknown names are project-specific leaves. Level cells left blank (merged) are inherited
//! from the rows above; a leaf row is never a parent. Numbers repeated in several columns (a
//! Zhuhai habit) are dropped; a weight printed before its name is given to the next name that
//! lacks one; nothing right of the 自评分数 column is a name. Texts are split by content
//! (scoring wording → 评分标准) and, where ambiguous, by the header column after correcting the
//! row's shift. A row that names only upper levels and prints nothing else but weights
//! (`产出 | 30`, `可持续影响指标`) is a level row; if no indicator row follows under it, it
//! becomes a warning (it is not an indicator: its weight is the sum of its children's). A
//! leaf-level name, or an upper-level name with a value, a text or a `(个性指标)` note, is kept
//! as an indicator, with blank values where none were printed.
//!
//! **Summaries.** Parts replaced by an English summary (`Table with 4 columns: 预算计划安排
//! (900), …`) are read from their parentheses; a summarised grid gives no indicators and a
//! warning.

use std::collections::VecDeque;

use jixiao_model::{
    Decimal, Field, Form, FormKind, Indicator, ScoresheetMoney, Total, Value, ValueKind, Warning,
};
use jixiao_text::{fold, fold_label, is_cjk, parse_decimal, parse_value, strip_colon};

use crate::{grid, Line};

/// True when a folded line is the title of a scoresheet (`2023年项目绩效自评指标评分表`,
/// `2023年项目绩效自评评分表`); false for the inner `指标评分表` heading repeated on each page and
/// for prose that mentions a scoresheet.
pub(crate) fn is_title(t: &str) -> bool {
    t.contains("评分表")
        && t.contains("自评")
        && t.chars().count() < 40
        && !t.contains(['。', '，', ',', ';', '；'])
}

/// True when a scoresheet header (`填报单位名称`, `基本情况`, `项目名称`) follows within a few
/// lines (seed 003: `附件4` then the header, without a title). False when a scoresheet title
/// comes first: that title starts the form.
pub(crate) fn follows_header(rest: &[Line]) -> bool {
    for l in rest.iter().filter(|l| !l.is_blank()).take(4) {
        let raw = l.text.trim_start();
        if raw.contains("评分表") && is_title(&fold_label(raw)) {
            return false;
        }
        let first = fold_label(raw.split('\t').next().unwrap_or(""));
        if first.starts_with("填报单位")
            || first.starts_with("基本情况")
            || first.starts_with("项目名称")
        {
            return true;
        }
    }
    false
}

/// Reads one scoresheet (the lines from its title to the next form).
pub(crate) fn parse(lines: &[Line], warnings: &mut Vec<Warning>) -> Form {
    let start = lines.first().map_or(1, |l| l.no);
    let mut form = Form::new(FormKind::EvaluationScoresheet, start);
    form.line_end = lines
        .iter()
        .rev()
        .find(|l| !l.is_blank())
        .map_or(start, |l| l.no);
    let mut r = Reader::new(&mut form);
    for line in lines.iter().filter(|l| !l.is_blank()) {
        r.line(line);
    }
    let (mut warns, title_year) = r.finish();
    if form.year.is_none() {
        form.year = title_year;
    }
    if form.project.is_none() && form.indicators.is_empty() && form.money.is_none() {
        warns.push_front(Warning::new(
            form.line_start,
            form.line_end,
            "scoresheet title with no readable content (repeated title or empty form)",
        ));
    }
    warnings.extend(warns);
    form
}

// ---------------------------------------------------------------------------------------------
// Header block

/// What a header label announces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    Unit,
    AmountUnit,
    Project,
    Year,
    EvalAmount,
    Contact,
    Phone,
    Email,
    Basis,
    Level,
    ExpectedGoal,
    GoalAchieved,
    /// `绩效目标` / `绩效目标情况`: the expected goal when a value follows directly.
    GoalSection,
    Planned,
    Allocated,
    Paid,
    /// `资金安排情况`: allocated unless a more specific label is on the line.
    GroupAllocated,
    /// `资金使用情况`: paid unless a more specific label is on the line.
    GroupPaid,
    /// `市本级`.
    City,
    /// `转移支付至下级` / `转移支付至市县`.
    Transfer,
    /// `基本情况`, `资金情况`: section names without a value.
    Section,
}

impl Key {
    fn is_money(self) -> bool {
        matches!(
            self,
            Key::Planned
                | Key::Allocated
                | Key::Paid
                | Key::GroupAllocated
                | Key::GroupPaid
                | Key::City
                | Key::Transfer
        )
    }

    /// Canonical field key for the text fields.
    fn field_key(self) -> Option<&'static str> {
        Some(match self {
            Key::Contact => "contact",
            Key::Phone => "phone",
            Key::Email => "email",
            Key::Basis => "basis",
            Key::Level => "level",
            Key::ExpectedGoal | Key::GoalSection => "expected_goal",
            Key::GoalAchieved => "goal_achieved",
            _ => return None,
        })
    }
}

/// The key of a whole (folded, colon-stripped) label cell.
fn label_key(t: &str) -> Option<Key> {
    let k = match t {
        "填报单位名称" | "填报单位" => Key::Unit,
        "金额单位" => Key::AmountUnit,
        "项目名称" => Key::Project,
        "评价年度" => Key::Year,
        "评价金额" => Key::EvalAmount,
        "联系人" => Key::Contact,
        "联系电话" | "电话" => Key::Phone,
        "联系邮箱" | "邮箱" | "电子邮箱" => Key::Email,
        "项目级次" => Key::Level,
        "绩效目标情况" | "绩效目标" => Key::GoalSection,
        "预算计划安排" | "预算计划" | "预算总额" => Key::Planned,
        "实际分配下达" | "实际分配" | "预算下达" | "实际分配下拨" => {
            Key::Allocated
        }
        "实际支出金额" | "实际支出" | "资金使用金额" => Key::Paid,
        "资金安排情况" | "资金安排" | "预算安排" | "预算安排情况" | "资金分配下达" => {
            Key::GroupAllocated
        }
        "资金使用情况" | "资金使用" | "资金支出情况" => Key::GroupPaid,
        "市本级" => Key::City,
        "基本情况" | "资金情况" | "绩效情况" | "预算执行情况" => Key::Section,
        _ => {
            let n = t.chars().count();
            if t.starts_with("转移支付") && n <= 10 {
                Key::Transfer
            } else if t.ends_with("文件依据") && n <= 8 {
                Key::Basis
            } else if t.starts_with("是否如期") && t.ends_with("目标") && n <= 16 {
                Key::GoalAchieved
            } else if t.ends_with("总体目标") && n <= 8 {
                Key::ExpectedGoal
            } else {
                return None;
            }
        }
    };
    Some(k)
}

/// A label found in a header cell, with the value printed in the same cell, if any
/// (`评价金额: 932.84`, `是否如期实现预期总体目标 是`).
struct LabelHit<'a> {
    key: Key,
    label: String,
    inline: Option<&'a str>,
}

fn label_hit(raw: &str) -> Option<LabelHit<'_>> {
    let t = raw.trim();
    if t.is_empty() {
        return None;
    }
    if t.len() <= 80 {
        let whole = fold_label(t);
        let whole = strip_colon(&whole);
        if let Some(key) = label_key(whole) {
            return Some(LabelHit {
                key,
                label: whole.to_string(),
                inline: None,
            });
        }
    }
    let inline = |pos: usize, sep_len: usize| {
        let rest = t[pos + sep_len..].trim();
        (!rest.is_empty()).then_some(rest)
    };
    if let Some(pos) = t.find([':', '：']) {
        if t[..pos].chars().count() <= 16 {
            let head = fold_label(&t[..pos]);
            if let Some(key) = label_key(&head) {
                let sep = t[pos..].chars().next().map_or(1, char::len_utf8);
                return Some(LabelHit {
                    key,
                    label: head,
                    inline: inline(pos, sep),
                });
            }
        }
    }
    for (pos, c) in t.char_indices().filter(|(_, c)| c.is_whitespace()) {
        if t[..pos].chars().count() > 16 {
            break;
        }
        let head = fold_label(&t[..pos]);
        if let Some(key) = label_key(&head) {
            if let Some(v) = inline(pos, c.len_utf8()) {
                return Some(LabelHit {
                    key,
                    label: head,
                    inline: Some(v),
                });
            }
        }
    }
    None
}

/// An amount cell: `638.25`, `638.25万元`, `330 万元`.
fn parse_amount(s: &str) -> Option<Decimal> {
    let f = fold_label(s);
    let t = f.trim_end_matches("万元").trim_end_matches('元').trim();
    parse_decimal(t)
}

/// A year cell: `2023`, `2023年`, `2023年度`.
fn parse_year(s: &str) -> Option<u16> {
    let f = fold_label(s);
    let t = f.trim_end_matches("年度").trim_end_matches('年');
    if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        t.parse().ok().filter(|y| (1990..=2100).contains(y))
    } else {
        None
    }
}

/// A summary value that is an English rendering (`Zhuhai Municipal Government`), not the text
/// printed in the form.
fn is_english(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '.' || c == '-' || c == '\'')
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum MoneyRole {
    Planned,
    Allocated,
    Paid,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum MoneyCol {
    Main,
    Transfer,
}

// ---------------------------------------------------------------------------------------------
// Grid cells

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    /// `/`, `-`, `—`.
    Placeholder,
    /// A bare number (weight, score, or a unitless value).
    Num(Decimal),
    /// A weight given as a formula: `各项指标权重=40/指标总数`.
    Formula,
    /// `(个性指标)`, `(定性指标)`: a note in a weight cell, not a weight.
    Marker,
    /// A number with a unit or operator (`24场`, `≥90%`, `约40万条`).
    Value,
    /// A qualitative value word (`满意`, `达标`, `是`).
    Word,
    /// Short text: an indicator name, or a qualitative value after the weights.
    Name,
    /// A sentence: standard, evidence or note.
    Text,
}

#[derive(Clone, Copy, Debug)]
struct Tok<'a> {
    col: usize,
    raw: &'a str,
    kind: Kind,
}

const VALUE_WORDS: &[&str] = &[
    "满意",
    "较满意",
    "基本满意",
    "非常满意",
    "不满意",
    "达标",
    "合格",
    "及时",
    "是",
    "否",
    "无",
    "有",
    "有效",
    "良好",
    "优秀",
    "完成",
    "已完成",
    "按时完成",
    "正常",
    "达到",
    "提高",
    "提升",
    "显著",
    "较好",
    "好",
    "全部完成",
    "基本完成",
];

fn starts_with_list_marker(t: &str) -> bool {
    let mut cs = t.chars();
    match cs.next() {
        Some(c) if c.is_ascii_digit() => matches!(cs.next(), Some('.' | '、' | '．')),
        Some('①' | '②' | '③' | '④' | '⑤' | '(' | '（' | '【' | '《') => true,
        _ => false,
    }
}

fn is_marker(t: &str) -> bool {
    let f = fold_label(t);
    f.starts_with('(') && f.ends_with(')') && f.contains("指标") && f.chars().count() <= 10
}

fn classify(raw: &str) -> Kind {
    let t = raw.trim();
    if jixiao_model::CellKind::of(t) == jixiao_model::CellKind::Placeholder {
        return Kind::Placeholder;
    }
    if let Some(d) = parse_decimal(t) {
        return Kind::Num(d);
    }
    if t.contains("权重=") || t.contains("权重＝") || t.contains("指标总数") {
        return Kind::Formula;
    }
    let n = t.chars().count();
    if n <= 12 && (t.starts_with('(') || t.starts_with('（')) && is_marker(t) {
        return Kind::Marker;
    }
    if n > 40
        || t.contains(['。', ';', '；'])
        || t.starts_with("<p")
        || (n > 24 && t.contains([',', '，']))
        || (n > 16 && starts_with_list_marker(t) && !t.starts_with('(') && !t.starts_with('（'))
    {
        return Kind::Text;
    }
    if n <= 24 {
        let folded = fold_label(t);
        if VALUE_WORDS.contains(&folded.as_str()) {
            return Kind::Word;
        }
        let first = folded.chars().next().unwrap_or(' ');
        if first.is_ascii_digit() || matches!(first, '≥' | '≤' | '>' | '<' | '=' | '约') {
            let v = parse_value(t);
            let short_unit = v.unit.as_ref().is_none_or(|u| u.chars().count() <= 4);
            if matches!(
                v.kind,
                ValueKind::Number | ValueKind::Percent | ValueKind::Date
            ) && short_unit
            {
                return Kind::Value;
            }
        }
    }
    Kind::Name
}

/// A name cell as compared: spaces from wrapping removed, a `(个性指标)` note dropped.
fn clean_name(raw: &str) -> (String, bool) {
    let f = fold_label(raw);
    for m in ["(个性指标)", "(定性指标)", "(定量指标)"] {
        if let Some(s) = f.strip_suffix(m) {
            if !s.is_empty() {
                return (s.to_string(), true);
            }
        }
    }
    (f, false)
}

/// Level of a template indicator name (`决策` 1, `项目立项` 2, `论证决策` 3, `论证充分性` 4), capped
/// at the number of levels of the sheet. Project-specific names are unknown (`None`).
fn vocab_level(name: &str, nlevels: u8) -> Option<u8> {
    let lvl = match name {
        "决策" | "过程" | "产出" | "效益" | "产出指标" | "效益指标" | "决策指标" | "过程指标" => {
            1
        }
        "项目立项" | "资金落实" | "资金管理" | "事项管理" | "经济性" | "效率性" | "效果性"
        | "公平性" | "效益性" => 2,
        "论证决策" | "目标设置" | "保障措施" | "保障机制" | "资金到位" | "资金分配"
        | "资金支付" | "支出规范性" | "实施程序" | "管理情况" | "预算控制" | "成本控制"
        | "完成进度" | "完成质量" | "完成数量" | "完成时效" | "可持续发展" => {
            3
        }
        "论证充分性"
        | "完整性"
        | "合理性"
        | "可衡量性"
        | "可测量性"
        | "制度完整性"
        | "计划安排合理性"
        | "资金到位率"
        | "资金到位及时性"
        | "资金及时性"
        | "资金分配合理性"
        | "资金支出率"
        | "程序规范性"
        | "监管有效性"
        | "监督有效性"
        | "成本节约(成本指标)"
        | "服务对象满意度" => 4,
        _ => {
            // 数量指标 … 满意度指标: second level at Jiangmen, under 效率性/效果性 at Zhuhai.
            let n = name.trim_end_matches("指标");
            if matches!(
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
            ) {
                if nlevels >= 4 {
                    3
                } else {
                    2
                }
            } else {
                return None;
            }
        }
    };
    Some(lvl.min(nlevels))
}

/// Wording of a printed scoring standard.
fn is_standard(t: &str) -> bool {
    const MARKS: &[&str] = &[
        "得满分",
        "扣分",
        "核定分数",
        "核定得分",
        "判定分数",
        "核分",
        "指标分值",
        "指标权重",
        "分数权重",
        "自评分数=",
        "定量指标",
        "定性指标",
        "表示满意的",
        "计算核定",
        "不得分",
    ];
    if MARKS.iter().any(|m| t.contains(m)) {
        return true;
    }
    // A number of points (`4分`, `0.5分`) at the start of `s`.
    fn points(s: &str) -> bool {
        let digits = s
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .count();
        digits > 0 && s[digits..].starts_with('分')
    }
    // A deduction per step (`每低于1%扣0.5分`, `未完成的每项扣1分`).
    if let Some(after) = t.find('每').map(|p| &t[p..]) {
        if let Some(k) = after.find('扣') {
            if points(&after[k + '扣'.len_utf8()..]) {
                return true;
            }
        }
    }
    // `得4分` (but not the `满分9分,得9分` of a scoring note).
    if t.contains("满分") {
        return false;
    }
    let mut rest = t;
    while let Some(p) = rest.find('得') {
        let after = &rest[p + '得'.len_utf8()..];
        if points(after) {
            return true;
        }
        rest = after;
    }
    false
}

/// Column roles read from the grid header lines.
#[derive(Clone, Copy, Default, Debug)]
struct Cols {
    target: Option<usize>,
    actual: Option<usize>,
    score: Option<usize>,
    note: Option<usize>,
    standard: Option<usize>,
    evidence: Option<usize>,
}

#[derive(Clone, Copy)]
enum ColRole {
    Target,
    Actual,
    Score,
    Note,
    Standard,
    Evidence,
}

impl Cols {
    fn slot(&mut self, r: ColRole) -> &mut Option<usize> {
        match r {
            ColRole::Target => &mut self.target,
            ColRole::Actual => &mut self.actual,
            ColRole::Score => &mut self.score,
            ColRole::Note => &mut self.note,
            ColRole::Standard => &mut self.standard,
            ColRole::Evidence => &mut self.evidence,
        }
    }

    fn taken(&self, c: usize) -> bool {
        [
            self.target,
            self.actual,
            self.score,
            self.note,
            self.standard,
            self.evidence,
        ]
        .contains(&Some(c))
    }

    /// Reads the column labels of one header line. A role keeps its first column; a column
    /// keeps its first role (Zhuhai header lines contradict each other).
    fn read(&mut self, line: &Line) {
        for (c, raw) in line.filled() {
            let t = fold_label(raw);
            let role = if t.contains("预期") || t.contains("预测") {
                ColRole::Target
            } else if t.contains("实现值") || t.contains("实际值") {
                ColRole::Actual
            } else if t == "评价年度" {
                if self.target.is_none() {
                    ColRole::Target
                } else {
                    ColRole::Actual
                }
            } else if t.contains("自评分数") {
                ColRole::Score
            } else if t.contains("未达标") || t.contains("评分依据") || t.contains("评价依据")
            {
                ColRole::Note
            } else if t.contains("评分标准") {
                ColRole::Standard
            } else if t.contains("佐证") || t.contains("参考性材料") || t.contains("证明材料")
            {
                ColRole::Evidence
            } else {
                continue;
            };
            if self.slot(role).is_none() && !self.taken(c) {
                *self.slot(role) = Some(c);
            }
        }
    }
}

/// True for the lines of the grid header block (repeated after each page break).
fn is_grid_header(line: &Line) -> bool {
    let raw = line.text;
    if !(raw.contains("评分表")
        || raw.contains("指标")
        || raw.contains("名称")
        || raw.contains("权重")
        || raw.contains("评价")
        || raw.contains("自评")
        || raw.contains("佐证"))
    {
        return false;
    }
    let filled = line.filled();
    let Some((_, first)) = filled.first() else {
        return false;
    };
    let first = fold_label(first);
    if matches!(
        first.as_str(),
        "指标评分表" | "评价指标" | "评价标准" | "绩效评分表"
    ) || (first.ends_with("评分表") && first.chars().count() <= 8 && filled.len() == 1)
    {
        return true;
    }
    let mut labels = 0;
    for (_, c) in &filled {
        let t = fold_label(c);
        if t.contains("一级指标") {
            return true;
        }
        let is_label = t.starts_with("名称")
            || t.starts_with("权重")
            || t.starts_with("评价年度")
            || t.starts_with("评价指标")
            || t.ends_with("预期值")
            || t.ends_with("实现值")
            || t.ends_with("实际值")
            || t.ends_with("预测值")
            || t == "自评分数"
            || t == "评分标准"
            || t.contains("佐证材料")
            || t.contains("参考性材料")
            || t.contains("未达标原因")
            || t.starts_with("评分依据")
            || t.starts_with("评价依据");
        if !is_label {
            return false;
        }
        labels += 1;
    }
    labels > 0
}

fn is_summary(raw: &str) -> bool {
    let t = raw.trim_start();
    t.starts_with(|c: char| c.is_ascii_alphabetic())
        && (t.contains("able with") || t.contains("columns:"))
}

/// `label (value)` pairs of an English summary line, and the labels it lists without a value.
fn summary_pairs(text: &str) -> (Vec<(String, String)>, Vec<String>) {
    let body = text.find(':').map_or(text, |p| &text[p + 1..]);
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in body.char_indices() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                items.push(&body[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&body[start..]);
    let mut pairs = Vec::new();
    let mut bare = Vec::new();
    for item in items {
        let item = item.trim().trim_end_matches('.').trim();
        if item.is_empty() {
            continue;
        }
        let Some(open) = item.find(['(', '（']) else {
            bare.push(item.to_string());
            continue;
        };
        let label = item[..open].trim();
        let inner_start = open + item[open..].chars().next().map_or(1, char::len_utf8);
        let mut d = 1usize;
        let mut end = item.len();
        for (i, c) in item[inner_start..].char_indices() {
            match c {
                '(' | '（' => d += 1,
                ')' | '）' => {
                    d -= 1;
                    if d == 0 {
                        end = inner_start + i;
                        break;
                    }
                }
                _ => {}
            }
        }
        pairs.push((label.to_string(), item[inner_start..end].trim().to_string()));
    }
    (pairs, bare)
}

// ---------------------------------------------------------------------------------------------
// The reader

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Zone {
    Header,
    Grid,
    After,
}

/// One level of the inherited indicator path.
#[derive(Clone, Debug)]
struct LevelCell {
    name: String,
    weight: Option<Decimal>,
    line: u32,
    /// A leaf row: never the parent of a later row.
    leaf: bool,
    /// An indicator row was found under this level row.
    used: bool,
}

/// The parts of a grid row.
#[derive(Default, Debug)]
struct RowParts<'a> {
    /// Names with their weight (`None` when none or a formula was printed).
    names: Vec<(String, Option<Decimal>)>,
    /// A `(个性指标)` note was printed: the row is a leaf even without values.
    marker: bool,
    /// Value cells between the leaf weight and the score.
    vals: Vec<Tok<'a>>,
    score: Option<(Decimal, usize)>,
    texts: Vec<(usize, String)>,
}

struct Reader<'f> {
    form: &'f mut Form,
    warns: VecDeque<Warning>,
    zone: Zone,
    title_year: Option<u16>,
    // header
    money: Option<ScoresheetMoney>,
    /// A text label that ended its line without a value (`是否如期实现预期总体目标` / `是`).
    carry: Option<(Key, String)>,
    /// The label of a 预期总体目标 printed without a value (seed 003 prints the goal after the
    /// next label).
    goal_unfilled: Option<String>,
    /// First line of the 资金情况 rows.
    money_line: Option<u32>,
    // grid
    nlevels: u8,
    cols: Cols,
    after_data: bool,
    rows_seen: bool,
    summarised: bool,
    stack: Vec<Option<LevelCell>>,
    last_was_leaf: bool,
    // after the total
    prose: Option<usize>,
    after_total_region: Option<(u32, u32, bool)>,
}

impl<'f> Reader<'f> {
    fn new(form: &'f mut Form) -> Self {
        Reader {
            form,
            warns: VecDeque::new(),
            zone: Zone::Header,
            title_year: None,
            money: None,
            carry: None,
            goal_unfilled: None,
            money_line: None,
            nlevels: 0,
            cols: Cols::default(),
            after_data: false,
            rows_seen: false,
            summarised: false,
            stack: Vec::new(),
            last_was_leaf: false,
            prose: None,
            after_total_region: None,
        }
    }

    /// A warning; consecutive lines with the same message become one range.
    fn warn(&mut self, a: u32, b: u32, msg: impl Into<String>) {
        let msg = msg.into();
        if let Some(w) = self.warns.back_mut() {
            if w.message == msg && a <= w.line_end + 1 && a >= w.line_start {
                w.line_end = w.line_end.max(b);
                return;
            }
        }
        self.warns.push_back(Warning::new(a, b, msg));
    }

    fn nlevels(&self) -> u8 {
        if self.nlevels == 0 {
            4
        } else {
            self.nlevels
        }
    }

    fn line(&mut self, line: &Line) {
        let raw = line.text;
        if is_summary(raw) && self.zone != Zone::After {
            self.carry = None;
            self.summary(line);
            return;
        }
        match self.zone {
            Zone::Header => {
                if self.is_title_line(line) {
                    return;
                }
                if is_grid_header(line) {
                    self.zone = Zone::Grid;
                    self.grid_header(line);
                    return;
                }
                // A grid whose header was lost starts with a first-level name.
                let filled = line.filled();
                if filled.len() >= 3
                    && vocab_level(&fold_label(filled[0].1), 4) == Some(1)
                    && !filled.iter().any(|(_, c)| label_hit(c).is_some())
                {
                    self.zone = Zone::Grid;
                    self.grid_row(line);
                    return;
                }
                self.header_line(line);
            }
            Zone::Grid => {
                if is_grid_header(line) {
                    self.grid_header(line);
                } else {
                    self.grid_row(line);
                }
            }
            Zone::After => self.after_line(line),
        }
    }

    fn is_title_line(&mut self, line: &Line) -> bool {
        let raw = line.text.trim();
        if !(raw.contains("评分表") || raw.starts_with("附件")) {
            return false;
        }
        let t = fold_label(raw);
        if is_title(&t) {
            if self.title_year.is_none() {
                self.title_year = grid::year_in(&t);
            }
            return true;
        }
        t.starts_with("附件") && t.chars().count() <= 6
    }

    // ----- header block

    fn header_line(&mut self, line: &Line) {
        let filled = line.filled();
        // The value of a label that ended the previous line.
        if let Some((key, label)) = self.carry.take() {
            if filled.len() == 1 && label_hit(filled[0].1).is_none() {
                self.set_text(key, &label, filled[0].1, line.no, false);
                return;
            }
        }
        let cells: Vec<&str> = filled.iter().map(|(_, c)| *c).collect();
        let stray = self.header_cells(&cells, line.no, false);
        if !stray.is_empty() {
            self.warn(
                line.no,
                line.no,
                format!(
                    "header cell(s) not attached to a label: {}",
                    stray.join(" | ")
                ),
            );
        }
    }

    /// Reads `label value` cells of one header line; returns the cells no label claimed.
    fn header_cells(&mut self, cells: &[&str], no: u32, summary: bool) -> Vec<String> {
        let mut stray = Vec::new();
        let mut pend: Option<(Key, String)> = None;
        let mut role: Option<MoneyRole> = None;
        let mut specific = false;
        let mut col = MoneyCol::Main;
        for &cell in cells {
            if let Some(hit) = label_hit(cell) {
                if let Some((Key::ExpectedGoal, l)) = &pend {
                    self.goal_unfilled = Some(l.clone());
                }
                match hit.key {
                    Key::Planned | Key::Allocated | Key::Paid => {
                        role = Some(match hit.key {
                            Key::Planned => MoneyRole::Planned,
                            Key::Allocated => MoneyRole::Allocated,
                            _ => MoneyRole::Paid,
                        });
                        specific = true;
                        col = MoneyCol::Main;
                    }
                    Key::GroupAllocated | Key::GroupPaid => {
                        if !specific {
                            role = Some(if hit.key == Key::GroupAllocated {
                                MoneyRole::Allocated
                            } else {
                                MoneyRole::Paid
                            });
                        }
                        col = MoneyCol::Main;
                    }
                    Key::City => col = MoneyCol::Main,
                    Key::Transfer => col = MoneyCol::Transfer,
                    _ => {}
                }
                if hit.key.is_money() {
                    self.money_mut(no);
                    self.money_line.get_or_insert(no);
                }
                match hit.inline {
                    Some(v) => {
                        pend = None;
                        if !self.assign(hit.key, &hit.label, v, no, role, col, summary) {
                            stray.push(v.to_string());
                        }
                    }
                    None if hit.key == Key::Section => {}
                    None => pend = Some((hit.key, hit.label)),
                }
                continue;
            }
            match pend.take() {
                Some((key, label)) => {
                    if !self.assign(key, &label, cell, no, role, col, summary) {
                        stray.push(fold(cell));
                    }
                }
                None => stray.push(fold(cell)),
            }
        }
        if let Some((key, label)) = pend {
            if key == Key::ExpectedGoal {
                self.goal_unfilled = Some(label.clone());
            }
            if key.field_key().is_some() && !summary {
                self.carry = Some((key, label));
            }
        }
        stray
    }

    fn money_mut(&mut self, no: u32) -> &mut ScoresheetMoney {
        self.money.get_or_insert_with(|| ScoresheetMoney {
            line: no,
            ..ScoresheetMoney::default()
        })
    }

    /// Stores the value of a label; false when the value does not fit it.
    #[allow(clippy::too_many_arguments)]
    fn assign(
        &mut self,
        key: Key,
        label: &str,
        value: &str,
        no: u32,
        role: Option<MoneyRole>,
        col: MoneyCol,
        summary: bool,
    ) -> bool {
        let v = fold(value);
        if v.is_empty() {
            return true;
        }
        if summary && is_english(&v) {
            return true;
        }
        if key.is_money() {
            let Some(amount) = parse_amount(&v) else {
                return summary;
            };
            if v.ends_with("万元") {
                self.money_mut(no).unit.get_or_insert_with(|| "万元".into());
            }
            let m = self.money_mut(no);
            let slot = match (role, col) {
                (Some(MoneyRole::Planned), MoneyCol::Main) => &mut m.planned,
                (Some(MoneyRole::Allocated), MoneyCol::Main) => &mut m.allocated,
                (Some(MoneyRole::Allocated), MoneyCol::Transfer) => &mut m.allocated_transfer,
                (Some(MoneyRole::Paid), MoneyCol::Main) => &mut m.paid,
                (Some(MoneyRole::Paid), MoneyCol::Transfer) => &mut m.paid_transfer,
                // The planned amount has no transfer column in the model; a 0 printed there
                // is read and not stored.
                (Some(MoneyRole::Planned), MoneyCol::Transfer) => return true,
                (None, _) => return false,
            };
            if slot.is_none() {
                *slot = Some(amount);
            }
            return true;
        }
        match key {
            Key::Unit => {
                self.form.unit.get_or_insert(v);
            }
            Key::AmountUnit => {
                let m = self.money_mut(no);
                m.unit = Some(v);
            }
            Key::Project => {
                self.form.project.get_or_insert(v);
            }
            Key::Year => match parse_year(&v) {
                Some(y) => {
                    self.form.year.get_or_insert(y);
                }
                None => return false,
            },
            Key::EvalAmount => match parse_amount(&v) {
                Some(a) => {
                    if v.ends_with("万元") {
                        self.money_mut(no).unit.get_or_insert_with(|| "万元".into());
                    }
                    let m = self.money_mut(no);
                    m.evaluation_amount.get_or_insert(a);
                }
                None => return false,
            },
            Key::Section => return false,
            _ => {
                self.set_text(key, label, value, no, summary);
            }
        }
        true
    }

    fn set_text(&mut self, key: Key, label: &str, value: &str, no: u32, summary: bool) {
        let v = fold(value);
        if v.is_empty() || (summary && is_english(&v)) {
            return;
        }
        let mut key = key;
        let mut label = label;
        // Seed 003 prints 预期总体目标 | 是否如期实现预期总体目标 | | <goal text>.
        let unfilled = self.goal_unfilled.clone();
        if let Some(goal_label) = unfilled.as_deref() {
            if key == Key::GoalAchieved
                && self.form.field("expected_goal").is_none()
                && v.chars().count() > 12
                && !v.starts_with('是')
                && !v.starts_with('否')
            {
                key = Key::ExpectedGoal;
                label = goal_label;
            }
        }
        let Some(k) = key.field_key() else { return };
        if self.form.field(k).is_some() {
            return;
        }
        self.form.fields.push(Field {
            key: k.to_string(),
            label: label.to_string(),
            value: v,
            line: no,
        });
    }

    fn summary(&mut self, line: &Line) {
        let raw = line.text.trim();
        let grid_summary =
            raw.contains("一级指标") || raw.to_ascii_lowercase().contains("evaluation");
        if grid_summary {
            if raw.contains("四级") {
                self.nlevels = 4;
            } else if raw.contains("三级") && self.nlevels == 0 {
                self.nlevels = 3;
            }
            if self.zone == Zone::Header {
                self.zone = Zone::Grid;
            }
            self.summarised = true;
            self.warn(
                line.no,
                line.no,
                "indicator grid replaced by a summary; scores not recoverable",
            );
            return;
        }
        let (pairs, bare) = summary_pairs(raw);
        let mut cells: Vec<String> = Vec::new();
        for (label, value) in &pairs {
            cells.push(label.clone());
            // `预算安排情况 (预算总额 600万元, 实际支出 600万元)`: nested money pairs.
            let parts: Vec<&str> = value.split([',', '，']).map(str::trim).collect();
            let nested: Option<Vec<(&str, &str)>> = parts
                .iter()
                .map(|p| {
                    let (l, a) = p.rsplit_once(' ')?;
                    let k = label_key(&fold_label(l))?;
                    (k.is_money() && parse_amount(a).is_some()).then_some((l.trim(), a.trim()))
                })
                .collect();
            match nested {
                Some(n) if parts.len() > 1 => {
                    for (l, a) in n {
                        cells.push(l.to_string());
                        cells.push(a.to_string());
                    }
                }
                _ => cells.push(value.clone()),
            }
        }
        let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
        let stray = self.header_cells(&refs, line.no, true);
        let mut msg =
            String::from("form header replaced by a summary; values read from its parentheses");
        let lost: Vec<String> = bare
            .into_iter()
            .filter(|b| b.chars().any(is_cjk))
            .chain(stray)
            .collect();
        if !lost.is_empty() {
            msg.push_str("; not recoverable: ");
            msg.push_str(&lost.join(", "));
        }
        self.warn(line.no, line.no, msg);
    }

    // ----- grid

    fn grid_header(&mut self, line: &Line) {
        if self.after_data {
            // A page break: the header repeats; columns may move.
            self.cols = Cols::default();
            self.after_data = false;
        }
        let t = fold_label(line.text);
        if t.contains("四级指标") {
            self.nlevels = 4;
        } else if t.contains("三级指标") && self.nlevels < 3 {
            self.nlevels = 3;
        }
        self.cols.read(line);
    }

    fn grid_row(&mut self, line: &Line) {
        self.after_data = true;
        let cells: Vec<(usize, &str)> = line.filled();
        let first = fold_label(cells[0].1);
        let first = strip_colon(&first);
        if matches!(first, "合计" | "总分" | "总计" | "合计得分" | "总得分") {
            self.total(line, &cells[1..], false);
            return;
        }
        let toks: Vec<Tok> = cells
            .iter()
            .map(|&(col, raw)| Tok {
                col,
                raw,
                kind: classify(raw),
            })
            .collect();
        // An unlabelled total: a row of numbers starting with 100.
        if toks.len() >= 3
            && toks.iter().all(|t| matches!(t.kind, Kind::Num(_)))
            && matches!(toks[0].kind, Kind::Num(d) if d == Decimal::from(100))
        {
            self.total(line, &cells, true);
            return;
        }
        let nlevels = self.nlevels();
        let parts = split_row(&toks, nlevels, self.cols.score);
        if parts.names.is_empty() {
            self.nameless_row(line, &toks);
            return;
        }
        self.rows_seen = true;
        self.row(line, parts);
    }

    /// A row without a name: wrapped text of the row above, or cells that cannot be placed.
    fn nameless_row(&mut self, line: &Line, toks: &[Tok]) {
        let all_text = toks.iter().all(|t| matches!(t.kind, Kind::Text));
        if all_text && self.last_was_leaf {
            let texts: Vec<(usize, String)> = toks.iter().map(|t| (t.col, fold(t.raw))).collect();
            let (note, standard, evidence) = assign_texts(&texts, 0, &self.cols);
            if let Some(ind) = self.form.indicators.last_mut() {
                append(&mut ind.note, note);
                append(&mut ind.standard, standard);
                append(&mut ind.evidence, evidence);
            }
            return;
        }
        self.warn(
            line.no,
            line.no,
            "grid row without an indicator name (cells of a row whose name cell is missing); not read",
        );
    }

    fn total(&mut self, line: &Line, cells: &[(usize, &str)], unlabelled: bool) {
        let nums: Vec<Decimal> = cells.iter().filter_map(|(_, c)| parse_decimal(c)).collect();
        let score = nums.last().copied();
        let cands = &nums[..nums.len().saturating_sub(1)];
        let hundred = Decimal::from(100);
        let weight = cands
            .iter()
            .find(|d| **d == hundred)
            .or_else(|| cands.last())
            .copied();
        if self.form.total.is_none() {
            self.form.total = Some(Total {
                weight,
                score,
                line: line.no,
            });
        }
        if unlabelled {
            self.warn(
                line.no,
                line.no,
                "row of totals without a 合计 label read as the 合计 row",
            );
        }
        let texts: Vec<String> = cells
            .iter()
            .filter(|(_, c)| !matches!(classify(c), Kind::Num(_) | Kind::Placeholder))
            .map(|(_, c)| fold(c))
            .collect();
        if !texts.is_empty() {
            self.warn(
                line.no,
                line.no,
                format!("text in the 合计 row not read: {}", texts.join(" | ")),
            );
        }
        self.close_levels(0);
        self.zone = Zone::After;
    }

    fn row(&mut self, line: &Line, parts: RowParts) {
        let nlevels = self.nlevels();
        let levels = assign_levels(&parts.names, nlevels);
        let k = parts.names.len();
        let leaf_level = levels[k - 1];
        let no_values = parts.vals.is_empty() && parts.score.is_none();
        let level_row = no_values
            && parts.texts.is_empty()
            && !parts.marker
            && leaf_level < nlevels
            && vocab_level(&parts.names[k - 1].0, nlevels).is_some();
        if self.stack.len() < nlevels as usize {
            self.stack.resize(nlevels as usize, None);
        }
        // Upper-level names of the row.
        let upto = if level_row { k } else { k - 1 };
        for ((name, weight), &lvl) in parts.names.iter().zip(&levels).take(upto) {
            let lvl = lvl as usize;
            self.close_levels(lvl - 1);
            self.stack[lvl - 1] = Some(LevelCell {
                name: name.clone(),
                weight: *weight,
                line: line.no,
                leaf: false,
                used: false,
            });
        }
        if level_row {
            self.last_was_leaf = false;
            return;
        }
        // The leaf.
        let lvl = leaf_level as usize;
        let mut path = Vec::with_capacity(lvl);
        let mut path_weights = Vec::with_capacity(lvl);
        for cell in self.stack[..lvl - 1].iter_mut().flatten() {
            if cell.leaf {
                continue;
            }
            cell.used = true;
            path.push(cell.name.clone());
            path_weights.push(cell.weight);
        }
        let (leaf_name, weight) = parts.names[k - 1].clone();
        path.push(leaf_name.clone());
        path_weights.push(weight);

        let shift = match (parts.score, self.cols.score) {
            (Some((_, c)), Some(h)) => c as isize - h as isize,
            _ => 0,
        };
        // Target and actual.
        let mut vals: Vec<Tok> = parts.vals;
        let mut texts = parts.texts;
        let mut score = parts.score.map(|s| s.0);
        let is_repeat = |t: &Tok| matches!(t.kind, Kind::Num(d) if Some(d) == weight);
        // No score column found, but the weight printed again: full marks in the score column.
        if score.is_none() {
            if let Some(p) = vals.iter().rposition(is_repeat) {
                score = weight;
                vals.remove(p);
            }
        }
        // The weight printed again in further columns (targets carry units or words).
        vals.retain(|t| !is_repeat(t));
        vals.retain(|t| !matches!(t.kind, Kind::Formula | Kind::Marker));
        // Words right of the score column are notes (`评分依据`), not values.
        if let Some(sc) = self.cols.score {
            let (moved, kept): (Vec<Tok>, Vec<Tok>) = vals.into_iter().partition(|t| {
                matches!(t.kind, Kind::Name | Kind::Word | Kind::Text)
                    && t.col as isize - shift > sc as isize
            });
            vals = kept;
            for (n, t) in moved.into_iter().enumerate() {
                texts.insert(n, (t.col, fold(t.raw)));
            }
        }
        let (mut target, mut actual) = (Value::blank(), Value::blank());
        match vals.as_slice() {
            [] => {}
            [one] => {
                let c = one.col as isize - shift;
                if self.cols.actual.is_some_and(|a| a as isize == c) {
                    actual = parse_value(one.raw);
                } else {
                    target = parse_value(one.raw);
                }
            }
            [t, a, extra @ ..] => {
                target = parse_value(t.raw);
                actual = parse_value(a.raw);
                if !extra.is_empty() {
                    let e: Vec<String> = extra.iter().map(|t| fold(t.raw)).collect();
                    self.warn(
                        line.no,
                        line.no,
                        format!("cells beyond target and actual not read: {}", e.join(" | ")),
                    );
                }
            }
        }
        let (note, standard, evidence) = assign_texts(&texts, shift, &self.cols);
        self.form.indicators.push(Indicator {
            path,
            target,
            actual,
            weight,
            score,
            note,
            line: line.no,
            path_weights,
            standard,
            evidence,
        });
        self.close_levels(lvl - 1);
        self.stack[lvl - 1] = Some(LevelCell {
            name: leaf_name,
            weight,
            line: line.no,
            leaf: true,
            used: true,
        });
        self.last_was_leaf = true;
    }

    /// Clears the inherited levels from `from` (0-based) down; a level row that got no
    /// indicator row under it becomes a warning.
    fn close_levels(&mut self, from: usize) {
        for i in from..self.stack.len() {
            if let Some(c) = self.stack[i].take() {
                if !c.leaf && !c.used {
                    let w = c.weight.map_or(String::new(), |w| format!(" (weight {w})"));
                    self.warn(
                        c.line,
                        c.line,
                        format!(
                            "level-{} indicator `{}`{w} printed with no indicator rows under it",
                            i + 1,
                            c.name
                        ),
                    );
                }
            }
        }
    }

    // ----- after the 合计 row

    fn after_line(&mut self, line: &Line) {
        let filled = line.filled();
        let first = filled[0].1;
        let key = if first.contains("存在的问题") || first.contains("存在问题") {
            Some("problems")
        } else if first.contains("改进意见") || first.contains("改进措施") {
            Some("improvements")
        } else if first.contains("到期资金") {
            Some("expiring_funds")
        } else if first.contains("资金使用绩效") {
            Some("funds_performance")
        } else {
            None
        };
        if let Some(key) = key {
            self.flush_after_region();
            let f = fold(first);
            let (label, value) = match f.find([':', '：']) {
                Some(p) => (
                    f[..p].trim().to_string(),
                    f[p + f[p..].chars().next().map_or(1, char::len_utf8)..]
                        .trim()
                        .to_string(),
                ),
                None => (f.clone(), String::new()),
            };
            // Later cells of these lines are template hints (`含自评工作质量…`, `仅专项资金需填报`).
            if value.is_empty() {
                self.prose = None;
                return;
            }
            if self.form.field(key).is_none() {
                self.form.fields.push(Field {
                    key: key.to_string(),
                    label,
                    value,
                    line: line.no,
                });
                self.prose = Some(self.form.fields.len() - 1);
            }
            return;
        }
        // Wrapped prose.
        if let Some(i) = self.prose {
            if filled.len() == 1 {
                let f = &mut self.form.fields[i];
                f.value.push_str(&fold(first));
                return;
            }
        }
        self.prose = None;
        let looks_like_grid = fold_label(first).starts_with("合计")
            || is_grid_header(line)
            || filled
                .iter()
                .any(|(_, c)| vocab_level(&fold_label(c), 4).is_some());
        match &mut self.after_total_region {
            Some((_, b, g)) if line.no <= *b + 3 => {
                *b = line.no;
                *g |= looks_like_grid;
            }
            _ => {
                self.flush_after_region();
                self.after_total_region = Some((line.no, line.no, looks_like_grid));
            }
        }
    }

    fn flush_after_region(&mut self) {
        if let Some((a, b, grid_like)) = self.after_total_region.take() {
            let msg = if grid_like {
                "indicator rows after the 合计 row (another project's grid whose header is missing?); not read"
            } else {
                "text after the 合计 row not understood; not read"
            };
            self.warn(a, b, msg);
        }
    }

    fn finish(mut self) -> (VecDeque<Warning>, Option<u16>) {
        self.flush_after_region();
        self.close_levels(0);
        if self.zone != Zone::After && self.rows_seen && !self.summarised {
            let end = self.form.line_end;
            self.warn(end, end, "indicator grid has no 合计 row");
        }
        if self.zone == Zone::Header && !self.summarised {
            let (a, b) = (self.form.line_start, self.form.line_end);
            if self.form.project.is_some() {
                self.warn(a, b, "scoresheet without an indicator grid");
            }
        }
        if let Some(mut m) = self.money.take() {
            if let Some(l) = self.money_line {
                m.line = l;
            }
            self.form.money = Some(m);
        }
        (self.warns, self.title_year)
    }
}

fn append(slot: &mut Option<String>, more: Option<String>) {
    if let Some(m) = more {
        match slot {
            Some(s) => {
                s.push(' ');
                s.push_str(&m);
            }
            None => *slot = Some(m),
        }
    }
}

/// True when `x`, printed after `prev` (which already has its weight), is a deeper level name
/// rather than the target value.
fn is_child(prev: &str, x: &str, nlevels: u8) -> bool {
    if VALUE_WORDS.contains(&x) {
        return false;
    }
    match (vocab_level(prev, nlevels), vocab_level(x, nlevels)) {
        // Zhuhai repeats a third-level name as the fourth (`成本控制 | 预算控制`).
        (Some(p), Some(q)) => q > p || (q == p && p == 3 && nlevels >= 4),
        (Some(p), None) => p < nlevels,
        // A typo'd upper level (`保障期限`) followed by a template leaf (`制度完整性`).
        (None, Some(q)) => q >= 3,
        (None, None) => false,
    }
}

/// Splits a grid row into names with weights, target/actual cells, score and texts.
///
/// `score_col` is the header's 自评分数 column, when known: a name never sits right of it.
fn split_row<'a>(toks: &[Tok<'a>], nlevels: u8, score_col: Option<usize>) -> RowParts<'a> {
    struct Slot {
        name: String,
        weight: Option<Decimal>,
        filled: bool,
        /// The weight was printed before the name (taken from `pending`).
        early: bool,
    }
    let mut parts = RowParts::default();
    let mut names: Vec<Slot> = Vec::new();
    let mut pending: VecDeque<Tok<'a>> = VecDeque::new();
    let mut i = 0;
    while i < toks.len() {
        let tok = toks[i];
        let name_like = match tok.kind {
            Kind::Name => true,
            // A long leaf name (`组织经贸考察活动,助力招商引资及城市宣传`) followed by its weight.
            Kind::Text => {
                let t = tok.raw.trim();
                t.chars().count() <= 40
                    && !t.ends_with('。')
                    && !t.contains("<p")
                    && !starts_with_list_marker(t)
                    && matches!(toks.get(i + 1).map(|t| t.kind), Some(Kind::Num(_)))
            }
            _ => false,
        };
        // Nothing right of the score column is a name (`资金按照预算计划进行` in the 评分依据
        // column of a row whose own name is missing).
        let name_like = name_like && score_col.is_none_or(|c| tok.col <= c);
        match tok.kind {
            Kind::Num(d) => match names.last_mut() {
                Some(last) if !last.filled && pending.is_empty() => {
                    last.weight = Some(d);
                    last.filled = true;
                }
                _ => pending.push_back(tok),
            },
            Kind::Formula => {
                if let Some(last) = names.last_mut() {
                    if !last.filled {
                        last.filled = true;
                    }
                }
            }
            Kind::Marker => parts.marker = true,
            _ if name_like => {
                let (name, marker) = clean_name(tok.raw);
                parts.marker |= marker;
                if let Some(last) = names.last() {
                    if last.name == name {
                        // The name printed again in a second column.
                        i += 1;
                        continue;
                    }
                    // Several numbers after a weight are values (`3 | 3 | 3`): an unknown name
                    // after them is a text, not a deeper level.
                    let after_values = pending.len() >= 2 && vocab_level(&name, nlevels).is_none();
                    if (last.filled || !pending.is_empty())
                        && (after_values || !is_child(&last.name, &name, nlevels))
                    {
                        break;
                    }
                }
                let mut slot = Slot {
                    name,
                    weight: None,
                    filled: false,
                    early: false,
                };
                if let Some(p) = pending.pop_front() {
                    if let Kind::Num(d) = p.kind {
                        slot.weight = Some(d);
                        slot.filled = true;
                        slot.early = true;
                    }
                }
                names.push(slot);
            }
            _ => break,
        }
        i += 1;
    }
    // A leaf whose weight was printed before it (`5 | <name> | 5 | …`): the number after the
    // name repeats it, unless it is the only number left (then it is the score: `2 | 成本控制 | 2`).
    if let Some(leaf) = names.last() {
        let after: Vec<&Tok> = pending.iter().chain(toks[i..].iter()).collect();
        let repeat = leaf.early
            && after
                .first()
                .is_some_and(|t| matches!(t.kind, Kind::Num(d) if Some(d) == leaf.weight))
            && after[1..].iter().any(|t| matches!(t.kind, Kind::Num(_)));
        if repeat && pending.pop_front().is_none() {
            i += 1;
        }
    }
    parts.names = names.into_iter().map(|s| (s.name, s.weight)).collect();
    if parts.names.is_empty() {
        return parts;
    }
    // Values: `target actual score`, any of them missing; then the texts.
    let rest: Vec<Tok<'a>> = pending
        .into_iter()
        .chain(toks[i..].iter().copied())
        .collect();
    let mut k = 0;
    while k < rest.len() {
        let tok = rest[k];
        match tok.kind {
            Kind::Text => {
                let next_is_num = matches!(rest.get(k + 1).map(|t| t.kind), Some(Kind::Num(_)));
                if parts.vals.len() < 2 && next_is_num {
                    parts.vals.push(tok);
                } else {
                    break;
                }
            }
            Kind::Num(d) => {
                let next = rest.get(k + 1).map(|t| t.kind);
                let more_values = matches!(
                    next,
                    Some(Kind::Num(_) | Kind::Value | Kind::Placeholder | Kind::Word)
                );
                if parts.vals.len() >= 2 || !more_values {
                    parts.score = Some((d, tok.col));
                    k += 1;
                    break;
                }
                parts.vals.push(tok);
            }
            _ => parts.vals.push(tok),
        }
        k += 1;
    }
    for tok in &rest[k.min(rest.len())..] {
        match tok.kind {
            // Weights and scores repeated in further columns.
            Kind::Num(_) | Kind::Formula | Kind::Marker | Kind::Placeholder => {}
            _ => parts.texts.push((tok.col, fold(tok.raw))),
        }
    }
    parts
}

/// Levels (1-based) of the names of one row: template names at their level, unknown names as
/// leaves (last) or one above the next name; strictly increasing.
fn assign_levels(names: &[(String, Option<Decimal>)], nlevels: u8) -> Vec<u8> {
    let k = names.len();
    let mut lv: Vec<Option<u8>> = names.iter().map(|(n, _)| vocab_level(n, nlevels)).collect();
    if lv[k - 1].is_none() {
        lv[k - 1] = Some(nlevels);
    }
    let mut out = vec![0u8; k];
    out[k - 1] = lv[k - 1].unwrap_or(nlevels);
    for i in (0..k - 1).rev() {
        out[i] = match lv[i] {
            Some(v) => v,
            None => out[i + 1].saturating_sub(1).max(1),
        };
        lv[i] = Some(out[i]);
    }
    for i in 1..k {
        if out[i] <= out[i - 1] {
            out[i] = out[i - 1] + 1;
        }
    }
    for l in &mut out {
        *l = (*l).clamp(1, nlevels);
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum TextRole {
    Note,
    Standard,
    Evidence,
}

/// Splits the texts of a row into note (未达标原因分析 / 评分依据), standard and evidence.
///
/// Scoring wording marks the standard; the other texts take the roles on either side of it in
/// the header's column order (note | standard | evidence unless the header says otherwise). A
/// lone text between two possible roles goes to the header column nearest to it, after the
/// row's shift is taken off.
fn assign_texts(
    texts: &[(usize, String)],
    shift: isize,
    cols: &Cols,
) -> (Option<String>, Option<String>, Option<String>) {
    let mut order = [
        (cols.note, TextRole::Note),
        (cols.standard, TextRole::Standard),
        (cols.evidence, TextRole::Evidence),
    ];
    if order.iter().all(|(c, _)| c.is_some()) {
        order.sort_by_key(|(c, _)| *c);
    }
    let roles: Vec<TextRole> = order.iter().map(|o| o.1).collect();
    let col_of = |r: TextRole| match r {
        TextRole::Note => cols.note,
        TextRole::Standard => cols.standard,
        TextRole::Evidence => cols.evidence,
    };
    let mut out: [Option<String>; 3] = [None, None, None];
    let slot = |r: TextRole| match r {
        TextRole::Note => 0,
        TextRole::Standard => 1,
        TextRole::Evidence => 2,
    };
    let mut put = |r: TextRole, t: &str| append(&mut out[slot(r)], Some(t.to_string()));
    let mut group = |part: &[(usize, String)], roles: &[TextRole]| match (part, roles) {
        ([], _) | (_, []) => {}
        (_, [r]) => part.iter().for_each(|(_, t)| put(*r, t)),
        ([(c, t)], _) => {
            let hc = *c as isize - shift;
            let best = roles
                .iter()
                .filter_map(|r| col_of(*r).map(|rc| ((rc as isize - hc).abs(), *r)))
                .min_by_key(|(dist, _)| *dist)
                .map_or(roles[0], |(_, r)| r);
            put(best, t);
        }
        (_, _) => {
            let (last, first) = part.split_last().unwrap_or((&part[0], &[]));
            first.iter().for_each(|(_, t)| put(roles[0], t));
            put(roles[roles.len() - 1], &last.1);
        }
    };
    match texts.iter().position(|(_, t)| is_standard(t)) {
        Some(p) => {
            let mut q = p + 1;
            while q < texts.len() && is_standard(&texts[q].1) {
                q += 1;
            }
            let si = roles
                .iter()
                .position(|r| *r == TextRole::Standard)
                .unwrap_or(1);
            let before: &[TextRole] = if si == 0 {
                &[TextRole::Note]
            } else {
                &roles[..si]
            };
            let after: &[TextRole] = if si + 1 >= roles.len() {
                &[TextRole::Evidence]
            } else {
                &roles[si + 1..]
            };
            group(&texts[..p], before);
            group(&texts[q..], after);
            for (_, t) in &texts[p..q] {
                put(TextRole::Standard, t);
            }
        }
        None => {
            let others: Vec<TextRole> = roles
                .iter()
                .copied()
                .filter(|r| *r != TextRole::Standard)
                .collect();
            group(texts, &others);
        }
    }
    let [note, standard, evidence] = out;
    (note, standard, evidence)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::split_lines;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn parse_text(text: &str) -> (Form, Vec<Warning>) {
        let lines = split_lines(text);
        let mut w = Vec::new();
        let f = parse(&lines, &mut w);
        (f, w)
    }

    #[test]
    fn titles() {
        assert!(is_title("2023年项目绩效自评指标评分表"));
        assert!(is_title("2023年项目绩效自评评分表"));
        assert!(is_title("项目绩效自评指标评分表"));
        assert!(!is_title("指标评分表"));
        assert!(!is_title("详见2023年项目绩效自评指标评分表。"));
        let lines = split_lines("附件4\n\n填报单位名称:\n");
        assert!(follows_header(&lines[1..]));
        let lines = split_lines("附件4\n2023年项目绩效自评指标评分表\n填报单位名称:\n");
        assert!(!follows_header(&lines[1..]));
        let lines = split_lines("附件4\n说明\n");
        assert!(!follows_header(&lines[1..]));
    }

    #[test]
    fn cells_are_classified_by_content() {
        assert_eq!(classify("12"), Kind::Num(d("12")));
        assert_eq!(classify("/"), Kind::Placeholder);
        assert_eq!(classify("各项指标权重=40/指标总数"), Kind::Formula);
        assert_eq!(classify("（个性指标）"), Kind::Marker);
        assert_eq!(classify("24场"), Kind::Value);
        assert_eq!(classify("≥99.45%"), Kind::Value);
        assert_eq!(classify("约40万条"), Kind::Value);
        assert_eq!(classify("满意"), Kind::Word);
        assert_eq!(classify("平台正常运行率"), Kind::Name);
        assert_eq!(classify("根据实际情况核定分数。"), Kind::Text);
    }

    #[test]
    fn labels_with_inline_values() {
        let h = label_hit("评价金额: 932.84").unwrap();
        assert_eq!((h.key, h.inline), (Key::EvalAmount, Some("932.84")));
        let h = label_hit("是否如期实现预期总体目标 是").unwrap();
        assert_eq!((h.key, h.inline), (Key::GoalAchieved, Some("是")));
        let h = label_hit("预期总体 目标").unwrap();
        assert_eq!((h.key, h.inline), (Key::ExpectedGoal, None));
        assert_eq!(label_hit("实验文件依据").unwrap().key, Key::Basis);
        assert_eq!(label_hit("转移支付至市县").unwrap().key, Key::Transfer);
        assert!(label_hit("预算计划安排").is_some_and(|h| h.key == Key::Planned));
        assert!(label_hit("服务对象满意度").is_none());
        assert_eq!(parse_amount("638.25万元"), Some(d("638.25")));
        assert_eq!(parse_year("2023年"), Some(2023));
    }

    #[test]
    fn summary_pairs_nest() {
        let (p, bare) = summary_pairs(
            "Table with 4 columns: 项目名称 (某某中心(二期)改造), 预算安排情况 (预算总额 50万元, 实际支出 40万元), 实施文件依据.",
        );
        assert_eq!(
            p[0],
            ("项目名称".to_string(), "某某中心(二期)改造".to_string())
        );
        assert_eq!(p[1].1, "预算总额 50万元, 实际支出 40万元");
        assert_eq!(bare, ["实施文件依据"]);
    }

    #[test]
    fn levels_from_vocabulary() {
        let n = |v: &[&str]| v.iter().map(|s| (s.to_string(), None)).collect::<Vec<_>>();
        assert_eq!(
            assign_levels(&n(&["决策", "资金管理", "资金支出率"]), 3),
            [1, 2, 3]
        );
        assert_eq!(assign_levels(&n(&["社会效益指标", "病例数"]), 3), [2, 3]);
        assert_eq!(assign_levels(&n(&["满意度指标", "满意度"]), 3), [2, 3]);
        assert_eq!(assign_levels(&n(&["保障期限", "制度完整性"]), 4), [3, 4]);
        assert_eq!(
            assign_levels(&n(&["效率性", "数量指标", "展位数"]), 4),
            [2, 3, 4]
        );
        assert_eq!(assign_levels(&n(&["完成进度"]), 4), [3]);
    }

    fn toks(line: &str) -> Vec<Tok<'_>> {
        line.split('\t')
            .enumerate()
            .filter(|(_, c)| !c.trim().is_empty())
            .map(|(col, raw)| Tok {
                col,
                raw,
                kind: classify(raw),
            })
            .collect()
    }

    #[test]
    fn rows_split_by_content() {
        let t = toks("产出\t40\t数量指标\t各项指标权重=40/指标总数\t培训场次\t4\t12场\t13场\t4\t\t\t培训签到表");
        let p = split_row(&t, 3, None);
        assert_eq!(
            p.names,
            [
                ("产出".to_string(), Some(d("40"))),
                ("数量指标".to_string(), None),
                ("培训场次".to_string(), Some(d("4")))
            ]
        );
        assert_eq!(
            p.vals.iter().map(|t| t.raw).collect::<Vec<_>>(),
            ["12场", "13场"]
        );
        assert_eq!(p.score, Some((d("4"), 8)));
        assert_eq!(p.texts, [(11, "培训签到表".to_string())]);

        // Zhuhai: weights repeated, one printed before the name it belongs to.
        let t = toks("产出\t\t\t30\t5\t经济性\t3\t预算控制\t3\t3\t3\t在预算执行进度…得满分");
        let p = split_row(&t, 4, None);
        let w: Vec<_> = p.names.iter().map(|n| n.1).collect();
        assert_eq!(w, [Some(d("30")), Some(d("5")), Some(d("3"))]);
        assert_eq!(p.score.map(|s| s.0), Some(d("3")));

        // A qualitative target after a four-level path.
        let t = toks("公平性\t5\t满意度\t5\t服务对象满意度\t5\t满意\t较满意\t3.6\t调查表");
        let p = split_row(&t, 4, None);
        assert_eq!(p.names.len(), 3);
        assert_eq!(
            p.vals.iter().map(|t| t.raw).collect::<Vec<_>>(),
            ["满意", "较满意"]
        );
        assert_eq!(p.score.map(|s| s.0), Some(d("3.6")));

        // An actual printed as a bare number.
        let t = toks("\t\t\t\t接待人数\t4\t1500人次\t0\t4\t原因说明");
        let p = split_row(&t, 3, None);
        assert_eq!(
            p.vals.iter().map(|t| t.raw).collect::<Vec<_>>(),
            ["1500人次", "0"]
        );
        assert_eq!(p.score.map(|s| s.0), Some(d("4")));
    }

    #[test]
    fn texts_by_wording_then_column() {
        let cols = Cols {
            note: Some(9),
            standard: Some(10),
            evidence: Some(11),
            ..Cols::default()
        };
        let t = |v: &[(usize, &str)]| {
            v.iter()
                .map(|(c, s)| (*c, s.to_string()))
                .collect::<Vec<_>>()
        };
        let (n, s, e) = assign_texts(
            &t(&[(11, "按完成比例得分, 否则酌情扣分"), (12, "工作台账")]),
            0,
            &cols,
        );
        assert_eq!(
            (n, s.is_some(), e.as_deref()),
            (None, true, Some("工作台账"))
        );
        let (n, s, e) = assign_texts(&t(&[(10, "停办原因说明"), (11, "停办通知")]), 0, &cols);
        assert_eq!(
            (n.as_deref(), s, e.as_deref()),
            (Some("停办原因说明"), None, Some("停办通知"))
        );
        // One text, row shifted one column right: the evidence column.
        let (n, _, e) = assign_texts(&t(&[(12, "统计报告")]), 1, &cols);
        assert_eq!((n, e.as_deref()), (None, Some("统计报告")));
        let (n, _, e) = assign_texts(&t(&[(9, "未达标说明")]), 0, &cols);
        assert_eq!((n.as_deref(), e), (Some("未达标说明"), None));
    }

    #[test]
    fn header_block_money_roles() {
        let text = "2023年项目绩效自评指标评分表\n\
            填报单位名称:\t\t某市某局\t\t金额单位: 万元\n\
            基本情况\t项目名称\t某某平台运维费\t评价年度\t2023年\t评价金额\t50.5万元\n\
            \t联系人\t王五\t联系电话\t1234567\t联系邮箱\t\n\
            资金情况\t预算计划\t60\n\
            \t资金安排情况\t\t市本级\t55\t转移支付至市县\t0\n\
            \t资金使用情况\t实际支出金额\t市本级\t50.5\t转移支付至市县\t0\n\
            绩效目标情况\t预期总体目标\t\t是否如期实现预期总体目标\t\t平台全年稳定运行并完成升级改造工作\n";
        let (f, w) = parse_text(text);
        assert_eq!(f.unit.as_deref(), Some("某市某局"));
        assert_eq!(f.project.as_deref(), Some("某某平台运维费"));
        assert_eq!(f.year, Some(2023));
        let m = f.money.clone().unwrap();
        assert_eq!(m.unit.as_deref(), Some("万元"));
        assert_eq!(
            (
                m.evaluation_amount,
                m.planned,
                m.allocated,
                m.allocated_transfer,
                m.paid,
                m.paid_transfer
            ),
            (
                Some(d("50.5")),
                Some(d("60")),
                Some(d("55")),
                Some(d("0")),
                Some(d("50.5")),
                Some(d("0"))
            )
        );
        assert_eq!(m.line, 5, "the first 资金情况 line");
        assert_eq!(f.field("contact").unwrap().value, "王五");
        assert!(f.field("email").is_none());
        assert_eq!(
            f.field("expected_goal").unwrap().value,
            "平台全年稳定运行并完成升级改造工作"
        );
        assert_eq!(f.field("expected_goal").unwrap().label, "预期总体目标");
        assert!(f.field("goal_achieved").is_none());
        // No grid.
        assert!(
            w.iter()
                .any(|w| w.message.contains("without an indicator grid")),
            "{w:?}"
        );
    }

    #[test]
    fn grid_with_page_break_level_rows_and_total() {
        let text = "2023年项目绩效自评指标评分表\n\
            项目名称\t演示项目\n\
            指标评分表\n\
            一级指标\t\t二级指标\t\t三级指标\t\t评价年度预期值\t评价年度实现值\t自评分数\t未达标原因分析\t评分标准\t参考佐证材料\n\
            名称\t权重(%)\t名称\t权重(%)\t名称\t权重(%)\n\
            决策\t20\t资金管理\t20\t资金支出率\t20\t/\t/\t19.5\t\t支付额/预算额*指标权重计算核定得分\t支付明细\n\
            产出\t80\t数量指标\t各项指标权重=80/指标总数\t巡查次数\t40\t≥10次\t12次\t40\n\
            \n\
            指标评分表\n\
            评价指标\t\t\t\t\t\t评价年度预期值\t评价年度实现值\t自评分数\n\
            一级指标\t二级指标\t\t三级指标\n\
            名称\t权重(%)\t名称\t权重(%)\t名称\t权重(%)\n\
            \t\t\t质量指标\t\t\t巡查覆盖率\t40\t100%\t95%\t38\n\
            \t\t可持续影响指标\n\
            合计:\t\t100\t\t\t\t\t\t97.5\n\
            一、资金使用绩效: 全年支出50万元。\n\
            二、资金使用绩效存在的问题: 无。\n";
        let (f, w) = parse_text(text);
        assert_eq!(f.indicators.len(), 3);
        let i = &f.indicators[1];
        assert_eq!(i.path, ["产出", "数量指标", "巡查次数"]);
        assert_eq!(i.path_weights, [Some(d("80")), None, Some(d("40"))]);
        assert_eq!(
            (i.target.op, i.target.value),
            (Some(jixiao_model::Op::Ge), Some(d("10")))
        );
        let i = &f.indicators[2];
        assert_eq!(i.path, ["产出", "质量指标", "巡查覆盖率"]);
        assert_eq!(
            (i.weight, i.score, i.line),
            (Some(d("40")), Some(d("38")), 13)
        );
        assert_eq!(
            f.indicators[0].standard.as_deref(),
            Some("支付额/预算额*指标权重计算核定得分")
        );
        assert_eq!(f.indicators[0].evidence.as_deref(), Some("支付明细"));
        let t = f.total.clone().unwrap();
        assert_eq!(
            (t.weight, t.score, t.line),
            (Some(d("100")), Some(d("97.5")), 15)
        );
        assert_eq!(
            f.field("funds_performance").unwrap().value,
            "全年支出50万元。"
        );
        assert_eq!(f.field("problems").unwrap().value, "无。");
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!((w[0].line_start, w[0].line_end), (14, 14));
        assert!(w[0].message.contains("可持续影响指标"));
    }

    #[test]
    fn summaries_and_unreadable_rows_are_warnings() {
        let text = "2023年项目绩效自评指标评分表\n\
            Table with 4 main columns: 填报单位名称 (Some Bureau), 项目名称 (示范项目), 评价金额 (80), 实施文件依据.\n\
            Table with 3 columns: 预算计划安排 (90), 实际分配下达 (85), 实际支出金额 (80), 转移支付至市县 (0)\n\
            指标评分表\n\
            Main evaluation table with columns: 一级指标 (决策), 四级指标 (完整性)\n";
        let (f, w) = parse_text(text);
        assert_eq!(f.project.as_deref(), Some("示范项目"));
        assert_eq!(f.unit, None);
        let m = f.money.clone().unwrap();
        assert_eq!(
            (m.planned, m.allocated, m.paid, m.paid_transfer),
            (Some(d("90")), Some(d("85")), Some(d("80")), Some(d("0")))
        );
        assert_eq!(m.evaluation_amount, Some(d("80")));
        assert!(f.indicators.is_empty());
        let msgs: Vec<_> = w
            .iter()
            .map(|w| (w.line_start, w.message.as_str()))
            .collect();
        assert!(
            msgs.iter()
                .any(|(l, m)| *l == 2 && m.contains("not recoverable: 实施文件依据")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|(l, m)| *l == 5 && m.contains("scores not recoverable")),
            "{msgs:?}"
        );
    }

    #[test]
    fn repeated_title_and_text_after_the_total() {
        let text = "2023年项目绩效自评指标评分表\n\
            \n\
            2023年项目绩效自评指标评分表\t\t\n\
            项目名称\t示范项目\n\
            指标评分表\n\
            一级指标\t二级指标\t三级指标\t四级指标\t评价年度预期值\t评价年度实际值\t自评分数\n\
            决策\t20\t项目立项\t论证决策\t论证充分性\t4\t4\n\
            \t\t\t\t6\t6\t6\n\
            100\t100\t100\t100\n\
            效益\t30\t效果性\t社会效益\t示范效应\t9\n\
            合计\t\t100\t\t99\n";
        let (f, w) = parse_text(text);
        assert_eq!(f.project.as_deref(), Some("示范项目"));
        assert_eq!(f.indicators.len(), 1);
        let i = &f.indicators[0];
        assert_eq!(i.path, ["决策", "项目立项", "论证决策", "论证充分性"]);
        assert_eq!((i.weight, i.score), (Some(d("4")), Some(d("4"))));
        // The unlabelled row of 100s is read as the total; what follows is not read.
        let t = f.total.unwrap();
        assert_eq!(
            (t.weight, t.score, t.line),
            (Some(d("100")), Some(d("100")), 9)
        );
        let spans: Vec<(u32, u32)> = w.iter().map(|w| (w.line_start, w.line_end)).collect();
        assert_eq!(spans, [(8, 8), (9, 9), (10, 11)], "{w:?}");
        assert!(w[0].message.contains("without an indicator name"));
        assert!(w[2].message.contains("another project's grid"));
    }

    #[test]
    fn standard_wording_of_deductions_and_tiers() {
        for t in [
            "未完成的每项扣1分。",
            "达到目标值得满分，每低于目标1%扣0.5分，扣完为止。",
            "≥95%得满分，低于90%不得分。",
        ] {
            assert!(is_standard(t), "{t}");
        }
        // A note that reports a deduction is not a rule: no `每` before it.
        for t in [
            "个别区未提出整改，扣0.5分",
            "每季度开展检查",
            "每次检查均留存记录",
        ] {
            assert!(!is_standard(t), "{t}");
        }
    }
}
