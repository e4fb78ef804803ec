//! `jixiao.toml`: rule selection, severities, tolerances, language and default rule set.
//! Found by walking up from the current directory, or given with `--config`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jixiao_model::Decimal;
use serde::Deserialize;

use crate::finding::Severity;

/// Output language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Chinese (the default).
    #[default]
    Zh,
    /// English.
    En,
}

/// Check configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Code prefixes to run (`S`, `F101`); empty = all.
    pub select: Vec<String>,
    /// Code prefixes not to run.
    pub ignore: Vec<String>,
    /// Severity overrides by code.
    pub severity: BTreeMap<String, Severity>,
    /// Multiplies every rounding envelope (1 = the (n+1) × half-unit model).
    pub envelope_factor: Decimal,
    /// T209: the lowest acceptable share (%) of quantitative targets.
    pub quantitative_share_pct: Decimal,
    /// The rule set that scores every self-evaluation and scoresheet: a built-in name or a
    /// TOML file (a relative path in `jixiao.toml` is taken from the file's folder). `None`:
    /// each form kind's built-in default (`jixiao_score::default_ruleset`).
    pub ruleset: Option<String>,
    /// Language of messages and reports.
    pub lang: Lang,
    /// Where the configuration came from, if a file.
    pub source: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            select: Vec::new(),
            ignore: Vec::new(),
            severity: BTreeMap::new(),
            envelope_factor: Decimal::ONE,
            quantitative_share_pct: Decimal::from(50),
            ruleset: None,
            lang: Lang::Zh,
            source: None,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    check: CheckSection,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct CheckSection {
    #[serde(default)]
    select: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, Severity>,
    #[serde(default)]
    tolerance: Tolerance,
    ruleset: Option<String>,
    lang: Option<Lang>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Tolerance {
    envelope_factor: Option<Decimal>,
    quantitative_share_pct: Option<Decimal>,
}

/// A built-in name as is; a relative file path taken from the folder of `config_file`.
fn resolve_ruleset(config_file: &Path, ruleset: String) -> String {
    let is_builtin = jixiao_score::BUILTIN.iter().any(|(n, _)| *n == ruleset);
    let p = Path::new(&ruleset);
    match config_file.parent() {
        Some(dir) if !is_builtin && p.is_relative() && !dir.as_os_str().is_empty() => {
            dir.join(p).display().to_string()
        }
        _ => ruleset,
    }
}

impl Config {
    /// Parses `jixiao.toml` text; `file` names it in errors. A `ruleset` that is not a
    /// built-in name is a file relative to `file`'s folder; it must load, or the whole
    /// configuration is an error naming both files.
    pub fn from_toml(file: &Path, text: &str) -> Result<Config, String> {
        let f: File = toml::from_str(text).map_err(|e| format!("{}: {e}", file.display()))?;
        let c = f.check;
        let d = Config::default();
        let ruleset = c.ruleset.map(|r| resolve_ruleset(file, r));
        if let Some(r) = &ruleset {
            jixiao_score::RuleSet::load(r)
                .map_err(|e| format!("{}: check.ruleset: {e}", file.display()))?;
        }
        Ok(Config {
            select: c.select,
            ignore: c.ignore,
            severity: c.severity,
            envelope_factor: c.tolerance.envelope_factor.unwrap_or(d.envelope_factor),
            quantitative_share_pct: c
                .tolerance
                .quantitative_share_pct
                .unwrap_or(d.quantitative_share_pct),
            ruleset,
            lang: c.lang.unwrap_or_default(),
            source: Some(file.to_path_buf()),
        })
    }

    /// The nearest `jixiao.toml` in `dir` or its ancestors.
    pub fn discover(dir: &Path) -> Option<PathBuf> {
        dir.ancestors()
            .map(|d| d.join("jixiao.toml"))
            .find(|p| p.is_file())
    }

    /// Loads `path`.
    pub fn load(path: &Path) -> Result<Config, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Config::from_toml(path, &text)
    }

    /// True when rule `code` is selected.
    pub fn enabled(&self, code: &str) -> bool {
        let selected = self.select.is_empty()
            || self
                .select
                .iter()
                .any(|p| code.starts_with(p.as_str()) || p == "ALL");
        selected && !self.ignore.iter().any(|p| code.starts_with(p.as_str()))
    }
}
