//! `profile add | set | remove | select | export | import | schema`: the window's profile
//! form from a shell. The checks and their texts are the core's (the form's own); every
//! problem is named at once and nothing is written unless all is well.

use crate::commands::{self, internal, print_json};
use crate::failure::{self, Failure};
use crate::input;
use crate::profile_args::{
    flag_of, ProfileArgs, ProfileCommand, ProfileFields, SchemaKind, SecretArgs,
};
use crate::words;
use cognito_desk_core::dto::ProfileView;
use cognito_desk_core::error::FieldError;
use cognito_desk_core::profile::{
    export_schema, import_amplify_outputs, profiles_schema, read_export, ProfileInput,
    ProfileSettings, Selection,
};
use cognito_desk_core::secret::ClientSecret;
use cognito_desk_core::Desk;
use std::path::Path;

pub fn run(desk: &Desk, args: ProfileArgs, json: bool) -> Result<(), Failure> {
    let command = match (args.command, args.name) {
        (Some(command), _) => command,
        (None, Some(name)) => ProfileCommand::Show { name },
        (None, None) => ProfileCommand::List,
    };
    match command {
        ProfileCommand::List => commands::profiles(desk, json),
        ProfileCommand::Show { name } => commands::show_profile(desk, &name, json),
        ProfileCommand::Add {
            name,
            from_amplify,
            fields,
        } => add(desk, name, from_amplify.as_deref(), &fields, json),
        ProfileCommand::Set {
            name,
            rename,
            fields,
        } => set(desk, &name, rename, &fields, json),
        ProfileCommand::Remove { name } => remove(desk, &name, json),
        ProfileCommand::Select { name } => select(desk, &name, json),
        ProfileCommand::Export { name } => {
            let profile = commands::profile_named(desk, &name)?;
            print!("{}", desk.profiles().export(&profile.id)?);
            Ok(())
        }
        ProfileCommand::Import { file, name, secret } => import(desk, &file, name, &secret, json),
        ProfileCommand::Schema { which } => {
            let schema = match which {
                SchemaKind::Export => export_schema(),
                SchemaKind::Profiles => profiles_schema(),
            };
            println!(
                "{}",
                serde_json::to_string_pretty(&schema).map_err(internal)?
            );
            Ok(())
        }
    }
}

/// How the problems of what was given are named: by option (the name is NAME when
/// adding, --rename when changing), or by the file's key.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Given {
    Add,
    Set,
    File,
}

fn add(
    desk: &Desk,
    name: String,
    from_amplify: Option<&Path>,
    fields: &ProfileFields,
    json: bool,
) -> Result<(), Failure> {
    let mut settings = ProfileSettings::default();
    if let Some(path) = from_amplify {
        let import = import_amplify_outputs(&read_file(path)?)?;
        for note in &import.notes {
            eprintln!("note: {}", words::amplify_note(note));
        }
        if let Some(mfa) = &import.mfa {
            eprintln!(
                "note: the pool's MFA is {} ({}); a sign-in asks for what the pool requires",
                mfa.configuration,
                if mfa.methods.is_empty() {
                    "no methods listed".to_owned()
                } else {
                    mfa.methods.join(", ")
                }
            );
        }
        settings = import.settings;
    }
    settings.name = name;
    fields.apply(&mut settings);
    let view = save(desk, settings.into(), &fields.secret, Given::Add)?;
    report(desk, &view, "added", json)
}

fn set(
    desk: &Desk,
    name: &str,
    rename: Option<String>,
    fields: &ProfileFields,
    json: bool,
) -> Result<(), Failure> {
    let profile = commands::profile_named(desk, name)?;
    let mut input = profile.to_input();
    if let Some(new) = rename {
        input.settings.name = new;
    }
    fields.apply(&mut input.settings);
    let view = save(desk, input, &fields.secret, Given::Set)?;
    let changed = changed_fields(&profile.settings, &view.settings);
    let what = match (
        changed.is_empty(),
        fields.secret.client_secret_stdin || fields.secret.client_secret_prompt,
    ) {
        (true, false) => "unchanged".to_owned(),
        (true, true) => "changed: the client secret".to_owned(),
        (false, _) => format!("changed: {}", changed.join(", ")),
    };
    report(desk, &view, &what, json)
}

fn import(
    desk: &Desk,
    file: &Path,
    name: Option<String>,
    secret: &SecretArgs,
    json: bool,
) -> Result<(), Failure> {
    let from_stdin = file == Path::new("-");
    if from_stdin && secret.client_secret_stdin {
        return Err(Failure::usage(
            "stdin cannot carry both the profile file and the client secret",
            "Give the file's path, or use --client-secret-prompt.",
        ));
    }
    let text = if from_stdin {
        std::io::read_to_string(std::io::stdin()).map_err(|e| {
            Failure::usage(
                format!("Could not read stdin: {e}"),
                "Pipe the profile file to stdin.",
            )
        })?
    } else {
        read_file(file)?
    };
    let read = read_export(&text).map_err(|e| problems_failure(&e.fields, Given::File))?;
    let mut settings = read.settings;
    if let Some(name) = name {
        settings.name = name;
    }
    let mut secret = secret.clone();
    if secret.client_secret_stdin || secret.client_secret_prompt {
        settings.has_client_secret = true;
    } else if settings.has_client_secret && !from_stdin && input::interactive() {
        // The file says the client has a secret, which no file carries: a person at a
        // terminal is asked for it.
        secret.client_secret_prompt = true;
    }
    let view = save(desk, settings.into(), &secret, Given::File)?;
    let source = if from_stdin {
        "stdin".to_owned()
    } else {
        file.display().to_string()
    };
    report(desk, &view, &format!("imported from {source}"), json)
}

fn remove(desk: &Desk, name: &str, json: bool) -> Result<(), Failure> {
    let profile = commands::profile_named(desk, name)?;
    let removed = desk.remove_profile(&profile.id)?;
    if json {
        return print_json(&removed);
    }
    match words::keychain_entries(&removed.keychain) {
        Some(entries) => eprintln!(
            "Removed profile \"{}\" and, from the OS keychain, {entries}.",
            removed.name
        ),
        None => eprintln!(
            "Removed profile \"{}\"; the OS keychain held nothing of it.",
            removed.name
        ),
    }
    Ok(())
}

fn select(desk: &Desk, name: &str, json: bool) -> Result<(), Failure> {
    let profile = commands::profile_named(desk, name)?;
    desk.profiles().select(&profile.id)?;
    if json {
        return print_json(
            &serde_json::json!({"selected": profile.settings.name, "id": profile.id}),
        );
    }
    eprintln!(
        "Profile \"{}\" is selected: the window opens it, and commands use it without --profile.",
        profile.settings.name
    );
    Ok(())
}

/// Checks `input` as the form does, every problem at once, then takes the client
/// secret (stdin or a prompt) and saves. The window's selection stays.
fn save(
    desk: &Desk,
    mut input: ProfileInput,
    secret: &SecretArgs,
    given: Given,
) -> Result<ProfileView, Failure> {
    let secret_given = secret.client_secret_stdin || secret.client_secret_prompt;
    // The secret's own check waits for the secret: it is read only when all else is well.
    let problems: Vec<FieldError> = desk
        .profiles()
        .validate(&input)
        .into_iter()
        .filter(|p| !(p.field == "clientSecret" && secret_given))
        .collect();
    if !problems.is_empty() {
        return Err(problems_failure(&problems, given));
    }
    if input.settings.has_client_secret && secret_given {
        let typed = if secret.client_secret_stdin {
            input::first_line_of_stdin("the client secret")?
        } else {
            input::hidden("Client secret: ", "the client secret")?
        };
        input.client_secret = Some(ClientSecret::new(typed));
    }
    desk.profiles()
        .save_as(input, Selection::Keep)
        .map_err(|e| match e.fields.is_empty() {
            true => Failure::from(e),
            false => problems_failure(&e.fields, given),
        })
}

fn report(desk: &Desk, view: &ProfileView, what: &str, json: bool) -> Result<(), Failure> {
    if json {
        return print_json(view);
    }
    let s = &view.settings;
    let mut line = format!(
        "Profile \"{}\" {what} ({} in {}).",
        s.name, s.user_pool_id, s.region
    );
    if view.client_secret_stored {
        line.push_str(" The client secret is in the OS keychain.");
    }
    if desk.profiles().view().selected_id.as_ref() == Some(&view.id) {
        line.push_str(" It is the selected profile: commands use it without --profile.");
    }
    eprintln!("{line}");
    Ok(())
}

/// The settings (by their JSON key) that differ.
fn changed_fields(before: &ProfileSettings, after: &ProfileSettings) -> Vec<String> {
    let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return Vec::new();
    };
    b.iter()
        .filter(|(k, v)| a.get(*k) != Some(*v))
        .map(|(k, _)| k.clone())
        .collect()
}

/// One line naming every problem, by option or by the file's key.
fn problems_failure(problems: &[FieldError], given: Given) -> Failure {
    let items: Vec<String> = problems
        .iter()
        .map(|p| match (given, p.field) {
            // A file's own problems say which key they are about.
            (_, "profileFile") => p.message.clone(),
            (Given::Set, "name") => format!("--rename: {}", p.message),
            // The secret is not in a file: it comes with an option.
            (Given::File, field) if field != "clientSecret" => {
                format!("\"{field}\": {}", p.message)
            }
            (_, field) => format!("{}: {}", flag_of(field), p.message),
        })
        .collect();
    let count = match items.len() {
        1 => "a problem".to_owned(),
        n => format!("{n} problems"),
    };
    let subject = if given == Given::File {
        "The profile file has"
    } else {
        "The profile has"
    };
    let hint = if problems.iter().any(|p| p.code == "nameTaken") {
        "Choose another name (--name on import), or change the existing profile with `cognito-desk-cli profile set NAME …`."
    } else if given == Given::File {
        "Fix each problem in the file, then import it again (`cognito-desk-cli profile export NAME` writes a good one)."
    } else {
        "Correct the options named and run the command again (`--help` lists them)."
    };
    Failure::new(
        failure::CONFIGURATION,
        format!("{subject} {count}: {}", items.join(" ")),
        hint,
    )
}

fn read_file(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|e| {
        Failure::usage(
            format!("Could not read {}: {e}", path.display()),
            "Check the file's path and that you may read it.",
        )
    })
}
