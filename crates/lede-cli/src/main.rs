//! `lede`: Lede's parser on the command line.

use std::io::Read;
use std::process::ExitCode;

const USAGE: &str = "\
usage: lede parse [FILE|-]     parse an article and print the document as JSON
       lede help               this text";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("lede: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("parse") => {
            let path = args.get(1).map(String::as_str).unwrap_or("-");
            let text = read_input(path)?;
            let doc = lede_core::parse(&text);
            let json = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?;
            println!("{json}");
            Ok(())
        }
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("unknown command\n{USAGE}")),
    }
}

/// Read a file (or standard input for `-`) as text; invalid UTF-8 is replaced, not fatal.
fn read_input(path: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("reading standard input: {e}"))?;
    } else {
        bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
