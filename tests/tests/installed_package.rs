//! The install test: the app as `apt install ./cognito-desk_*.deb` leaves it.
//! `scripts/install-test` builds the .deb, installs it, runs this test against the
//! installed binary (`COGNITO_DESK_APP`), then purges the package. Ignored in the
//! ordinary run: without the installed package there is nothing to test.

use cognito_desk_core::ids::{ClientId, PoolId};
use cognito_desk_core::profile::{ProfileInput, ProfileSettings, ProfileStore};
use cognito_desk_testbed::gui::Gui;
use cognito_desk_testbed::{output_dir, temp_dir};
use std::path::{Path, PathBuf};
use std::process::Command;

const PACKAGE: &str = "cognito-desk";
/// The icon sizes the package installs (tauri.conf.json `bundle.icon`).
const ICON_SIZES: [u32; 7] = [16, 32, 48, 64, 128, 256, 512];

/// The files the package manager says the installed package owns.
fn package_files() -> Vec<PathBuf> {
    let out = Command::new("dpkg")
        .args(["-L", PACKAGE])
        .output()
        .expect("dpkg runs");
    assert!(
        out.status.success(),
        "{PACKAGE} is not installed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(PathBuf::from)
        .filter(|p| p.is_file())
        .collect()
}

fn installed_app() -> PathBuf {
    let app = std::env::var_os("COGNITO_DESK_APP")
        .map(PathBuf::from)
        .expect("COGNITO_DESK_APP names the installed binary (scripts/install-test sets it)");
    assert!(
        app.starts_with("/usr/bin"),
        "{} is not an installed binary",
        app.display()
    );
    app
}

/// `Key=value` of a desktop entry's main group.
fn desktop_key<'a>(entry: &'a str, key: &str) -> Option<&'a str> {
    entry
        .lines()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix('='))
}

fn assert_desktop_entry(files: &[PathBuf], app: &Path) -> String {
    let entries: Vec<&PathBuf> = files
        .iter()
        .filter(|p| {
            p.starts_with("/usr/share/applications")
                && p.extension().is_some_and(|e| e == "desktop")
        })
        .collect();
    assert_eq!(entries.len(), 1, "one desktop entry: {entries:?}");
    let entry = std::fs::read_to_string(entries[0]).expect("desktop entry reads");
    assert!(entry.starts_with("[Desktop Entry]"), "{entry}");
    assert_eq!(desktop_key(&entry, "Type"), Some("Application"));
    assert_eq!(desktop_key(&entry, "Name"), Some("Cognito Desk"));
    // The menu speaks both languages of the app (packaging/cognito-desk.desktop).
    assert!(
        desktop_key(&entry, "Comment[ja]").is_some_and(|c| c.contains("サインイン")),
        "{entry}"
    );
    assert!(
        desktop_key(&entry, "Keywords").is_some_and(|k| k.split(';').any(|k| k == "MFA")),
        "{entry}"
    );
    let exec = desktop_key(&entry, "Exec").expect("Exec");
    let program = exec.split_whitespace().next().unwrap_or_default();
    let app_name = app.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    assert!(
        program == app.to_string_lossy() || program == app_name,
        "Exec={exec} starts {}",
        app.display()
    );
    assert!(
        desktop_key(&entry, "Categories").is_some_and(|c| c.split(';').any(|c| c == "Development")),
        "a menu category: {entry}"
    );
    desktop_key(&entry, "Icon").expect("Icon").to_string()
}

fn assert_icons(files: &[PathBuf], icon: &str) {
    for size in ICON_SIZES {
        let path = PathBuf::from(format!(
            "/usr/share/icons/hicolor/{size}x{size}/apps/{icon}.png"
        ));
        assert!(
            files.contains(&path),
            "the package lists {}",
            path.display()
        );
        let (w, h) = image::image_dimensions(&path).expect("the icon is a PNG");
        assert_eq!((w, h), (size, size), "{}", path.display());
    }
}

#[tokio::test]
#[ignore = "scripts/install-test runs it after installing the .deb"]
async fn the_installed_package_opens_on_the_sign_in_form() {
    let app = installed_app();
    let files = package_files();
    assert!(files.contains(&app), "{PACKAGE} owns {}", app.display());
    assert!(
        files.contains(&PathBuf::from("/usr/bin/cognito-desk-cli")),
        "the CLI ships in the package"
    );
    let cli = Command::new("/usr/bin/cognito-desk-cli")
        .arg("--version")
        .output()
        .expect("the installed CLI runs");
    assert!(cli.status.success());
    // The CLI is the package's own version (cognito-desk-cli 0.1.0 in cognito-desk 0.1.0).
    let version = Command::new("dpkg-query")
        .args(["-W", "-f=${Version}", PACKAGE])
        .output()
        .expect("dpkg-query runs");
    let version = String::from_utf8_lossy(&version.stdout).to_string();
    assert!(!version.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&cli.stdout).trim(),
        format!("cognito-desk-cli {version}")
    );

    let icon = assert_desktop_entry(&files, &app);
    assert_icons(&files, &icon);

    // A saved profile: the installed window opens on the sign-in form.
    let dir = temp_dir("installed-package");
    let config = dir.join("config");
    let settings = ProfileSettings {
        name: "Installed".into(),
        region: "us-east-1".into(),
        user_pool_id: PoolId::new("us-east-1_Installed1"),
        client_id: ClientId::new("installedclient123456789"),
        endpoint: Some("http://127.0.0.1:9".into()),
        ..Default::default()
    };
    ProfileStore::open(&config)
        .save(ProfileInput {
            settings,
            ..Default::default()
        })
        .expect("profile saved");
    let mut gui = Gui::start(&config, &output_dir("installed-package"))
        .await
        .expect("the installed window starts");
    gui.visible("#signin-form").await.expect("the sign-in form");
    gui.visible("#signin-username")
        .await
        .expect("the username field");
    gui.type_into("#signin-username", "someone@example.com")
        .await
        .expect("typing");
    gui.screenshot("installed-signin")
        .await
        .expect("screenshot");
    gui.finish().await;
}

/// What the installed CLI brings beside itself: completion scripts for bash, zsh and
/// fish (bash's is sourced and asked, as a shell does on Tab), a man page per
/// subcommand (the same pages the installed CLI generates), and the profile files'
/// JSON Schemas (the repository's).
#[test]
#[ignore = "scripts/install-test runs it after installing the .deb"]
fn the_installed_cli_brings_completions_man_pages_and_schemas() {
    let files = package_files();
    fn owned<'a>(files: &[PathBuf], path: &'a str) -> &'a str {
        assert!(
            files.contains(&PathBuf::from(path)),
            "{PACKAGE} owns {path}"
        );
        path
    }
    let owned = |path: &'static str| owned(&files, path);
    let bash = owned("/usr/share/bash-completion/completions/cognito-desk-cli");
    owned("/usr/share/zsh/vendor-completions/_cognito-desk-cli");
    owned("/usr/share/fish/vendor_completions.d/cognito-desk-cli.fish");
    let probe = format!(
        "source {bash}; f=$(complete -p cognito-desk-cli | sed 's/.*-F \\([^ ]*\\).*/\\1/'); \
         COMP_WORDS=(cognito-desk-cli profile ''); COMP_CWORD=2; \"$f\" cognito-desk-cli '' profile; \
         printf '%s\\n' \"${{COMPREPLY[@]}}\""
    );
    let offered = Command::new("bash")
        .arg("-c")
        .arg(probe)
        .output()
        .expect("bash runs");
    let offered = String::from_utf8_lossy(&offered.stdout);
    for sub in ["add", "set", "remove", "select", "export", "import"] {
        assert!(
            offered.lines().any(|l| l == sub),
            "bash offers {sub}: {offered}"
        );
    }

    // The pages the installed CLI makes are the pages the package installed.
    let generated = temp_dir("installed-man");
    let made = Command::new("/usr/bin/cognito-desk-cli")
        .args(["man", "--dir"])
        .arg(&generated)
        .output()
        .expect("the CLI writes its man pages");
    assert!(made.status.success());
    let mut pages: Vec<String> = std::fs::read_dir(&generated)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    assert!(pages.len() > 20, "{pages:?}");
    for page in &pages {
        let installed = owned_gz(&files, &format!("/usr/share/man/man1/{page}.gz"));
        let fresh = std::fs::read(generated.join(page)).unwrap();
        assert!(installed == fresh, "/usr/share/man/man1/{page}.gz differs");
    }
    if Command::new("man").arg("--version").output().is_ok() {
        let found = Command::new("man")
            .args(["-w", "cognito-desk-cli-profile-add"])
            .output()
            .expect("man runs");
        assert!(found.status.success(), "man finds the page");
    }

    let repo = cognito_desk_testbed::repo_root();
    for schema in ["profile-export-v1.json", "profiles-v1.json"] {
        let path = format!("/usr/share/cognito-desk/schema/{schema}");
        assert!(
            files.contains(&PathBuf::from(&path)),
            "{PACKAGE} owns {path}"
        );
        let installed = std::fs::read(&path).unwrap();
        assert_eq!(
            installed,
            std::fs::read(repo.join("docs/schema").join(schema)).unwrap()
        );
    }
}

/// A gzipped file the package owns, unpacked (`zcat`).
fn owned_gz(files: &[PathBuf], path: &str) -> Vec<u8> {
    assert!(
        files.contains(&PathBuf::from(path)),
        "{PACKAGE} owns {path}"
    );
    let out = Command::new("zcat").arg(path).output().expect("zcat runs");
    assert!(out.status.success(), "{path} unpacks");
    out.stdout
}
