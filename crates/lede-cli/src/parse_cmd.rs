//! `lede parse`.

use std::process::ExitCode;

pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let path = args.first().map(String::as_str).unwrap_or("-");
    let text = crate::input::read_text(path)?;
    let doc = lede_core::parse(&text);
    let json = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?;
    println!("{json}");
    Ok(ExitCode::SUCCESS)
}
