//! Not written yet.

use std::process::ExitCode;

pub fn run(_args: &[String]) -> Result<ExitCode, String> {
    Err("this command is not available yet".to_string())
}
