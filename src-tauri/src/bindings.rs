//! The typed IPC contract: the commands the window may call ([`ipc`]) and the
//! JavaScript bindings generated from them and their argument and result types
//! ([`bindings`], committed as `ui/bindings.js`, type-checked with the window's code by
//! `scripts/check-ui`).
//!
//! tauri-specta, not ts-rs: it reads the `#[tauri::command]` functions themselves, so
//! command and argument names come from Rust as well as the DTOs, and it writes JSDoc,
//! which the window (plain ES modules, no bundler) can import as it is. The export runs
//! in a test (below), never in the app: the app's invoke handler is Tauri's own over the
//! same list of commands, so no type collection runs at start.

/// The commands the window may call, listed once for the invoke handler (`run`) and the
/// bindings (`ipc`): `app_commands!(tauri::generate_handler)`,
/// `app_commands!(tauri_specta::collect_commands)`.
macro_rules! app_commands {
    ($($mac:ident)::+) => {
        $($mac)::+![
            crate::startup_ready,
            crate::commands::profiles::app_info,
            crate::commands::profiles::list_profiles,
            crate::commands::profiles::validate_profile,
            crate::commands::profiles::save_profile,
            crate::commands::profiles::delete_profile,
            crate::commands::profiles::select_profile,
            crate::commands::profiles::reset_profiles_file,
            crate::commands::profiles::import_amplify_outputs,
            crate::commands::profiles::export_profile,
            crate::commands::profiles::save_profile_export,
            crate::commands::profiles::copy_profile_export,
            crate::commands::profiles::read_profile_file,
            crate::commands::signin::sign_in,
            crate::commands::signin::answer_totp,
            crate::commands::signin::cancel_sign_in,
            crate::commands::signin::answer_new_password,
            crate::commands::signin::answer_mfa_setup,
            crate::commands::signin::answer_code,
            crate::commands::signin::select_mfa,
            crate::commands::signin::select_challenge,
            crate::commands::signin::answer_custom,
            crate::commands::signin::answer_mfa_setup_email,
            crate::commands::signin::setup_authenticator,
            crate::commands::signin::forgot_password,
            crate::commands::signin::confirm_forgot_password,
            crate::commands::signin::confirm_sign_up,
            crate::commands::signin::resend_confirmation_code,
            crate::commands::session::current_session,
            crate::commands::session::sign_out,
            crate::commands::session::restore_session,
            crate::commands::session::refresh_session,
            crate::commands::session::token_report,
            crate::commands::session::copy_token,
            crate::commands::devices::remember_device,
            crate::commands::devices::list_devices,
            crate::commands::devices::forget_device,
            crate::commands::devices::admin_user_devices,
            crate::commands::devices::admin_forget_device,
            crate::commands::passkeys::list_passkeys,
            crate::commands::passkeys::register_test_passkey,
            crate::commands::passkeys::delete_passkey,
            crate::commands::passkeys::answer_with_test_passkey,
            crate::commands::passkeys::choose_another_way,
            crate::commands::security_key::register_security_key,
            crate::commands::security_key::answer_with_security_key,
            crate::commands::security_key::security_key_pin,
            crate::commands::security_key::cancel_security_key,
            crate::commands::mfa::mfa_status,
            crate::commands::mfa::begin_totp_enrollment,
            crate::commands::mfa::verify_totp_enrollment,
            crate::commands::mfa::test_code,
            crate::commands::mfa::forget_test_secret,
            crate::commands::mfa::cancel_totp_enrollment,
            crate::commands::mfa::set_totp_preference,
            crate::commands::mfa::copy_enrollment_text,
            crate::commands::mfa::open_otpauth_uri,
            crate::commands::credentials::get_aws_credentials,
            crate::commands::credentials::list_s3_buckets,
            crate::commands::credentials::who_am_i,
            crate::commands::credentials::reveal_aws_secret_key,
            crate::commands::credentials::copy_aws_env,
            crate::commands::managed::begin_managed_login,
            crate::commands::managed::finish_managed_login,
            crate::commands::managed::cancel_managed_login,
            crate::commands::managed::managed_login_report,
            crate::commands::timeline::timeline,
            crate::commands::timeline::copy_timeline_json,
            crate::commands::timeline::copy_aws_cli,
            crate::commands::admin::admin_pool,
            crate::commands::admin::admin_set_mfa_config,
            crate::commands::admin::admin_list_users,
            crate::commands::admin::admin_user,
            crate::commands::admin::admin_create_user,
            crate::commands::admin::admin_set_password,
            crate::commands::admin::admin_set_user_mfa,
            crate::commands::admin::admin_set_enabled,
            crate::commands::admin::admin_reset_password,
            crate::commands::admin::admin_global_sign_out,
            crate::commands::admin::admin_delete_user,
            crate::commands::admin::admin_groups,
            crate::commands::admin::admin_create_group,
            crate::commands::admin::admin_set_membership,
            crate::commands::admin::admin_client,
            crate::commands::admin::admin_update_client,
            crate::commands::admin::admin_identity_pool,
            crate::commands::admin::doctor,
            crate::commands::admin::doctor_fix,
            crate::commands::setup::list_setups,
            crate::commands::setup::create_setup,
            crate::commands::setup::destroy_setup,
            crate::commands::setup::copy_setup_template,
        ]
    };
}
pub(crate) use app_commands;

/// The bindings' generation and its tests (`COGNITO_DESK_WRITE_BINDINGS=1 cargo test -p
/// cognito-desk bindings` writes `ui/bindings.js` again).
#[cfg(test)]
mod generate {
    use specta::datatype::{DataType, Fields};
    use std::path::Path;
    use tauri_specta::{BuilderConfiguration, LanguageExt};

    /// The commands with their arguments' and results' types: the source of the window's
    /// generated bindings (`ui/bindings.js`, see [`bindings`]). Only the bindings' export
    /// and its test build it: the running app's invoke handler is Tauri's own over the same
    /// list (`run`), so no type collection runs at start (about 3 MB of the app process).
    /// A command rejects with the core's `Error` (the window's `api.js` normalises it).
    pub fn ipc() -> tauri_specta::Builder<tauri::Wry> {
        tauri_specta::Builder::<tauri::Wry>::new()
            .error_handling(tauri_specta::ErrorHandlingMode::Throw)
            // The 64-bit integers that cross are Unix times (seconds, milliseconds), byte
            // and millisecond counts and the timeline's sequence numbers: far below 2^53,
            // so a JavaScript number holds each exactly.
            .dangerously_cast_bigints_to_number()
            .commands(app_commands!(tauri_specta::collect_commands))
            // Travels as the `security-key-prompt` event, not as a command's result.
            .typ::<cognito_desk_core::passkey::security_key::SecurityKeyPrompt>()
            // Travels as the `setup-progress` event.
            .typ::<cognito_desk_core::setup::SetupProgress>()
    }

    /// Where the window imports Tauri's `invoke` from: the page has no bundler to resolve
    /// the package name the generator writes, so the bindings import the page's own module.
    const INVOKE_MODULE: (&str, &str) = ("\"@tauri-apps/api/core\"", "\"./tauri-core.js\"");

    /// The window's bindings as JavaScript with JSDoc types: one function per command,
    /// a typedef per type. `ui/bindings.js` is this text (a test compares them).
    pub fn bindings() -> Result<String, String> {
        // A folder per call: the tests run in parallel threads of one process, and one
        // call's clean-up must not remove another's file.
        static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!(
            "cognito-desk-bindings-{}-{call}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let file = dir.join("bindings.js");
        let exported = ipc()
            .export(
                JsDocWithoutMemberDocs(specta_typescript::JSDoc::default().header("// Generated from the Rust commands and their types (src-tauri/src/bindings.rs, `ipc`): do not edit.\n// `COGNITO_DESK_WRITE_BINDINGS=1 cargo test -p cognito-desk bindings` writes it again.\n")),
                &file,
            )
            .map_err(|e| e.to_string());
        let text = std::fs::read_to_string(&file).map_err(|e| e.to_string());
        let _ = std::fs::remove_dir_all(&dir);
        exported?;
        let text = text?;
        if text.matches(INVOKE_MODULE.0).count() != 1 {
            return Err(format!(
                "the bindings import {} once, as expected",
                INVOKE_MODULE.0
            ));
        }
        Ok(text.replace(INVOKE_MODULE.0, INVOKE_MODULE.1))
    }

    /// specta-typescript's JSDoc exporter (0.0.13) writes a field's or variant's doc comment
    /// as a `/** */` inside the typedef's own comment, which ends it early; TypeScript then
    /// cannot parse the file. Member docs are dropped before export; a type's own doc stays.
    struct JsDocWithoutMemberDocs(specta_typescript::JSDoc);

    impl LanguageExt for JsDocWithoutMemberDocs {
        type Error = <specta_typescript::JSDoc as LanguageExt>::Error;

        fn export(self, cfg: &BuilderConfiguration, path: &Path) -> Result<(), Self::Error> {
            let mut cfg = cfg.clone();
            cfg.types.iter_mut(|named| {
                if let Some(ty) = named.ty.as_mut() {
                    drop_member_docs(ty);
                }
            });
            self.0.export(&cfg, path)
        }
    }

    fn drop_member_docs(ty: &mut DataType) {
        match ty {
            DataType::Struct(s) => drop_field_docs(&mut s.fields),
            DataType::Enum(e) => {
                for (_, variant) in &mut e.variants {
                    variant.docs = Default::default();
                    drop_field_docs(&mut variant.fields);
                }
            }
            DataType::List(list) => drop_member_docs(&mut list.ty),
            DataType::Map(map) => {
                drop_member_docs(map.key_ty_mut());
                drop_member_docs(map.value_ty_mut());
            }
            DataType::Tuple(tuple) => tuple.elements.iter_mut().for_each(drop_member_docs),
            DataType::Nullable(inner) => drop_member_docs(inner),
            DataType::Intersection(parts) => parts.iter_mut().for_each(drop_member_docs),
            DataType::Primitive(_) | DataType::Generic(_) | DataType::Reference(_) => {}
        }
    }

    fn drop_field_docs(fields: &mut Fields) {
        let fields = match fields {
            Fields::Unit => return,
            Fields::Unnamed(unnamed) => unnamed.fields.iter_mut().collect::<Vec<_>>(),
            Fields::Named(named) => named.fields.iter_mut().map(|(_, f)| f).collect(),
        };
        for field in fields {
            field.docs = Default::default();
            if let Some(ty) = field.ty.as_mut() {
                drop_member_docs(ty);
            }
        }
    }
    /// Set to write `ui/bindings.js` again after a command or an IPC type changed.
    const WRITE_ENV: &str = "COGNITO_DESK_WRITE_BINDINGS";

    /// The window's bindings are what the commands and their types generate: a command,
    /// an argument or a field renamed in Rust without regenerating fails here, and the
    /// window's type check (`scripts/check-ui`) fails on every use of the old name.
    #[test]
    fn the_committed_bindings_are_the_generated_ones() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/bindings.js");
        let generated = bindings().expect("bindings generated");
        if std::env::var_os(WRITE_ENV).is_some() {
            std::fs::write(&path, &generated).expect("bindings written");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
                committed == generated,
                "ui/bindings.js differs from what the commands generate; run `{WRITE_ENV}=1 cargo test -p cognito-desk bindings` and commit it"
            );
    }

    /// No doc comment opens inside another: TypeScript could not parse the file.
    #[test]
    fn no_comment_opens_inside_another() {
        let generated = bindings().expect("bindings generated");
        let mut open = false;
        for (n, line) in generated.lines().enumerate() {
            let opens = line.matches("/*").count();
            let closes = line.matches("*/").count();
            assert!(
                !(open && opens > 0),
                "line {}: a comment opens inside a comment: {line}",
                n + 1
            );
            if opens > closes {
                open = true;
            } else if closes > opens {
                open = false;
            }
        }
    }
}
