//! Where a secret typed by a person comes from: an environment variable, the first line
//! of stdin, or a hidden prompt on the terminal; never a command-line argument (it would
//! show in `ps` and the shell history).

use crate::failure::Failure;
use std::io::{BufRead, IsTerminal, Write};

pub const PASSWORD_ENV: &str = "COGNITO_DESK_PASSWORD";
pub const NEW_PASSWORD_ENV: &str = "COGNITO_DESK_NEW_PASSWORD";

/// Whether a person can be asked (stdin and stderr are a terminal).
pub fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// The password: `--password-stdin`, else the environment, else a prompt.
pub fn password(from_stdin: bool) -> Result<String, Failure> {
    if from_stdin {
        return first_line_of_stdin("the password");
    }
    if let Ok(value) = std::env::var(PASSWORD_ENV) {
        if !value.is_empty() {
            return Ok(value);
        }
    }
    hidden("Password: ", "the password").map_err(|_| {
        Failure::usage(
            "No password given",
            format!("Pipe it with --password-stdin, or set {PASSWORD_ENV}, or run in a terminal to be asked."),
        )
    })
}

pub fn first_line_of_stdin(what: &str) -> Result<String, Failure> {
    let mut line = String::new();
    let read = std::io::stdin().lock().read_line(&mut line).map_err(|e| {
        Failure::usage(
            format!("Could not read {what} from stdin: {e}"),
            "Pipe one line to stdin.",
        )
    })?;
    let value = line.trim_end_matches(['\n', '\r']).to_owned();
    if read == 0 || value.is_empty() {
        return Err(Failure::usage(
            format!("stdin was closed before {what} arrived"),
            "Pipe one line to stdin, e.g. `printf '%s\\n' \"$PASSWORD\" | cognito-desk-cli sign-in --password-stdin`.",
        ));
    }
    Ok(value)
}

/// A hidden prompt on the terminal; an error when there is none.
pub fn hidden(prompt: &str, what: &str) -> Result<String, Failure> {
    if !interactive() {
        return Err(Failure::usage(
            format!("There is no terminal to ask for {what} on"),
            "Pass it as the command's help describes.",
        ));
    }
    rpassword::prompt_password(prompt)
        .map_err(|e| Failure::usage(format!("Could not read {what}: {e}"), "Try again."))
}

/// A visible prompt on the terminal (a user name, a code, a choice).
pub fn visible(prompt: &str, what: &str, hint: &str) -> Result<String, Failure> {
    if !interactive() {
        return Err(Failure::usage(
            format!("{what} is needed and there is no terminal to ask on"),
            hint,
        ));
    }
    eprint!("{prompt}");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Failure::usage(format!("Could not read {what}: {e}"), hint))?;
    let value = line.trim().to_owned();
    if value.is_empty() {
        return Err(Failure::usage(format!("No {what} given"), hint));
    }
    Ok(value)
}
