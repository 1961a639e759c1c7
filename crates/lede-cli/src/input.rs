//! Reading input files.

use std::io::Read;

/// Read a file (or standard input for `-`) as text; invalid UTF-8 is replaced, not fatal.
pub fn read_text(path: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("reading standard input: {e}"))?;
    } else {
        bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
