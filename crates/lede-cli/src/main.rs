//! `lede`: Lede's parser on the command line.

mod eval_ner;
mod eval_quotes;
mod input;
mod parse_cmd;

use std::process::ExitCode;

const USAGE: &str = "\
usage: lede parse [FILE|-] [--format json|markdown]   parse an article (.txt, .md or .html)
       lede eval GOLD.jsonl [--verbose] [--min-...]     score quotes against gold data
       lede eval-ner FILE.conll [--min-f1 X]            score people/organisations/places
       lede help                                        this text";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("parse") => parse_cmd::run(&args[1..]),
        Some("eval") => eval_quotes::run(&args[1..]),
        Some("eval-ner") => eval_ner::run(&args[1..]),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        _ => Err(format!("unknown command\n{USAGE}")),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("lede: {message}");
            ExitCode::from(2)
        }
    }
}
