//! The window's type check proves the IPC contract. `ui/bindings.js` is generated from
//! the Rust commands and their types (the app's `bindings` test fails when the committed
//! file is stale), and TypeScript checks ui/'s JSDoc-annotated modules against it
//! (`scripts/check-ui`). Here the bindings are changed as a rename in Rust would change
//! them, in a copy of ui/, and the check must then fail where the window uses the old
//! name: a DTO field read by a view, a command the window calls, an argument added.

use cognito_desk_testbed::temp_dir;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the test bed is inside the repository")
        .to_path_buf()
}

/// The fields renamed, each read by a different part of the window (a view's render, a
/// picture, a table, the chrome). Field names are distinct, so each error names one.
const RENAMED_FIELDS: [(&str, &str); 12] = [
    ("TokenCheck", "passed"),
    ("CallRecord_Serialize", "operation"),
    ("Reading_Serialize", "field"),
    ("Masked", "tail"),
    ("TimeSpan", "unit"),
    ("UserRow_Serialize", "enabled"),
    ("SessionView_Serialize", "signInMethod"),
    ("MfaStatus_Serialize", "totpEnabled"),
    ("CredentialsView", "identityId"),
    ("ProfileSettings_Serialize", "name"),
    ("ManagedLoginStart", "authorizeUrl"),
    ("ClientView_Serialize", "refreshTokenValidity"),
];

/// ui/ and the check's configuration copied into a temporary tree of the same shape,
/// with `edit` applied to the copy's bindings; TypeScript's diagnostics and status.
fn check_with(edit: impl FnOnce(String) -> String) -> (bool, String) {
    let root = repo();
    let tree = temp_dir("ui-types");
    copy_dir(&root.join("ui"), &tree.join("ui"));
    std::fs::create_dir_all(tree.join("tests/ui")).expect("dir");
    for file in ["tsconfig.json", "window.d.ts"] {
        std::fs::copy(
            root.join("tests/ui").join(file),
            tree.join("tests/ui").join(file),
        )
        .expect("copied");
    }
    let bindings = tree.join("ui/bindings.js");
    let text = std::fs::read_to_string(&bindings).expect("bindings read");
    std::fs::write(&bindings, edit(text)).expect("bindings written");
    let tsc = root.join("tests/ui/node_modules/.bin/tsc");
    assert!(
        tsc.exists(),
        "TypeScript is not installed: run scripts/setup"
    );
    let out = Command::new(tsc)
        .arg("-p")
        .arg(tree.join("tests/ui/tsconfig.json"))
        .args(["--pretty", "false"])
        .output()
        .expect("tsc runs");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let _ = std::fs::remove_dir_all(&tree);
    (out.status.success(), text)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("dir");
    for entry in std::fs::read_dir(from).expect("listed") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copied");
        }
    }
}

/// `typedef`'s `field` renamed in its `@typedef {{ … }} typedef` block, as the generator
/// writes a renamed Rust field (`field:` or, optional, `field?:` on a line of its own).
fn rename_field(bindings: String, typedef: &str, field: &str) -> String {
    let end = bindings
        .find(&format!("}} {typedef}\n"))
        .unwrap_or_else(|| panic!("no typedef {typedef} in the bindings"));
    let start = bindings[..end]
        .rfind("@typedef {{")
        .unwrap_or_else(|| panic!("{typedef} is not an object typedef"));
    let block = &bindings[start..end];
    let renamed = [":", "?:"]
        .iter()
        .map(|colon| {
            (
                format!("\t{field}{colon}"),
                format!("\t{field}Renamed{colon}"),
            )
        })
        .find(|(old, _)| block.contains(old.as_str()))
        .map(|(old, new)| block.replacen(&old, &new, 1))
        .unwrap_or_else(|| panic!("{typedef} has no field {field}"));
    format!("{}{renamed}{}", &bindings[..start], &bindings[end..])
}

/// The diagnostics outside the generated file (where the window uses a name).
fn window_errors(diagnostics: &str) -> Vec<&str> {
    diagnostics
        .lines()
        .filter(|l| l.starts_with("ui/") || l.contains("/ui/"))
        .filter(|l| !l.contains("bindings.js("))
        .collect()
}

#[test]
fn the_window_type_checks_against_the_committed_bindings() {
    let (ok, diagnostics) = check_with(|text| text);
    assert!(ok, "the window does not type-check:\n{diagnostics}");
}

#[test]
fn a_dto_field_renamed_in_rust_fails_where_the_window_reads_it() {
    let (ok, diagnostics) = check_with(|mut text| {
        for (typedef, field) in RENAMED_FIELDS {
            text = rename_field(text, typedef, field);
        }
        text
    });
    assert!(!ok, "renamed fields passed the check");
    let errors = window_errors(&diagnostics);
    let missed: Vec<&str> = RENAMED_FIELDS
        .iter()
        .map(|(_, field)| *field)
        .filter(|field| {
            let said = format!("Property '{field}' does not exist");
            !errors.iter().any(|e| e.contains(&said))
        })
        .collect();
    assert!(
        missed.is_empty(),
        "renamed without a type error in the window: {missed:?}\n{diagnostics}"
    );
}

#[test]
fn a_command_renamed_or_given_an_argument_fails_where_the_window_calls_it() {
    let (ok, diagnostics) = check_with(|text| {
        let renamed = text.replacen("\ttokenReport: ", "\ttokenReportRenamed: ", 1);
        assert_ne!(renamed, text, "no tokenReport command in the bindings");
        // sign_out gains a third argument, `reason`.
        let old = "\t * @param {boolean | null} browserLogout\n";
        let new = "\t * @param {boolean | null} browserLogout\n\t * @param {string} reason\n";
        let with_doc = renamed.replacen(old, new, 1);
        let with_arg = with_doc.replacen(
            "\tsignOut: (everywhere, browserLogout) => __TAURI_INVOKE(\"sign_out\", { everywhere, browserLogout }),",
            "\tsignOut: (everywhere, browserLogout, reason) => __TAURI_INVOKE(\"sign_out\", { everywhere, browserLogout, reason }),",
            1,
        );
        assert!(
            with_doc != renamed && with_arg != with_doc,
            "sign_out is not as expected in the bindings"
        );
        with_arg
    });
    assert!(!ok, "the changed commands passed the check");
    let errors = window_errors(&diagnostics);
    assert!(
        errors
            .iter()
            .any(|e| e.contains("Property 'tokenReport' does not exist")),
        "no error for the renamed command:\n{diagnostics}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("Expected 3 arguments, but got 2")),
        "no error where signOut is called with two arguments:\n{diagnostics}"
    );
}
