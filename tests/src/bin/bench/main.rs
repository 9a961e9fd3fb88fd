//! `bench` (run by `scripts/bench`, never by the tests): the walkthrough's scenario —
//! password, TOTP code, GetId, GetCredentialsForIdentity, S3 ListBuckets — timed N
//! times on a local moto and ministack, as three programs do it against the same
//! emulator: the release CLI's `check` (one process), the walkthrough's aws-cli chain
//! (five commands and jq), and an equivalent boto3 script. Then the release window's
//! cold start to an interactive sign-in form, and its idle memory (PSS and RSS summed
//! over the app and its WebKit processes, 8 s after the form is up).

use anyhow::{bail, Context, Result};
use cognito_desk_core::ids::Username;
use cognito_desk_core::profile::{ProfileInput, ProfileStore};
use cognito_desk_core::vault::{OsKeychain, Vault, SERVICE_ENV};
use cognito_desk_testbed::emulator::{venv_bin, Emulator, Kind, REGION};
use cognito_desk_testbed::identity::{create_buckets, create_identity_pool, IdentityOptions};
use cognito_desk_testbed::seed::{self, PoolOptions, DEMO_PASSWORD};
use cognito_desk_testbed::{repo_root, temp_dir, totp};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod memory;
mod support;
use support::{memory_of_tree, Summary, BOTO3_SCRIPT, CHAIN_SCRIPT};

const USER: &str = "bench@example.com";
const PROFILE: &str = "Bench";
const PROFILES_FILE: &str = "profiles.json";

#[tokio::main]
async fn main() {
    if let Err(e) = run().await {
        eprintln!("bench: {e:#}");
        std::process::exit(1);
    }
}

/// One emulator, seeded like the walkthrough's pool, with the user as a test account.
struct World {
    _emu: Emulator,
    config: PathBuf,
    endpoint: String,
    pool_id: String,
    client_id: String,
    identity_pool_id: String,
    secret: String,
}

/// The release CLI, or `BENCH_CLI` (a wrapper that profiles it).
fn cli_binary() -> PathBuf {
    std::env::var_os("BENCH_CLI")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target/release/cognito-desk-cli"))
}

fn app_binary() -> PathBuf {
    repo_root().join("target/release/cognito-desk")
}

async fn run() -> Result<()> {
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20)
        .max(1);
    let memory_only_run = std::env::var("BENCH_ONLY").is_ok_and(|v| v == "memory");
    // The memory comparison needs the window only.
    let needed = if memory_only_run {
        vec![app_binary()]
    } else {
        vec![cli_binary(), app_binary()]
    };
    if let Some(missing) = needed.iter().find(|b| !b.exists()) {
        bail!("{} is missing: scripts/bench builds it", missing.display());
    }
    let dir = temp_dir("bench");
    std::env::set_var(SERVICE_ENV, format!("cognito-desk-bench-{}", dir.display()));
    if memory_only_run {
        return memory_only(&dir).await;
    }
    println!(
        "Seed scenario, {runs} runs each (after one warm-up run), times of whole processes.\n"
    );
    println!(
        "| emulator | program | median ms | p25–p75 ms | min–max ms | × check |\n|---|---|---|---|---|---|"
    );
    let only_check = std::env::var("BENCH_ONLY").is_ok_and(|v| v == "check");
    let mut profiles_file = PathBuf::new();
    let mut breakdowns = Vec::new();
    for kind in [Kind::Moto, Kind::Ministack] {
        let world = World::new(kind, &dir.join(kind.name())).await?;
        profiles_file = world.config.join(PROFILES_FILE);
        let check = measure(runs, || world.check()).await?;
        // Where a check's time goes: the process alone, plus a keychain read, and the
        // requests as the check itself reports them.
        let floor = measure(runs, || world.timed_cli(&["profiles"])).await?;
        let keychain = measure(runs, || {
            world.timed_cli(&["mfa", "code", "-p", PROFILE, "-u", USER])
        })
        .await?;
        breakdowns.push((kind, floor.median, keychain.median, world.check_report()?));
        let mut rows = vec![
            ("cognito-desk-cli check", check),
            ("cognito-desk-cli profiles (no request, no keychain)", floor),
            ("cognito-desk-cli mfa code (one keychain read)", keychain),
        ];
        if !only_check {
            rows.push((
                "aws-cli chain (5 commands + jq)",
                measure(runs, || world.aws_chain()).await?,
            ));
            rows.push(("boto3 script", measure(runs, || world.boto3()).await?));
        }
        let check_median = rows[0].1.median;
        for (name, s) in &rows {
            println!(
                "| {} | {name} | {:.0} | {:.0}–{:.0} | {:.0}–{:.0} | {:.1} |",
                kind.name(),
                s.median,
                s.p25,
                s.p75,
                s.min,
                s.max,
                s.median / check_median
            );
        }
    }
    for (kind, floor, keychain, report) in breakdowns {
        println!("\nOne check on {} (process alone {floor:.0} ms, with one keychain read {keychain:.0} ms):\n```\n{report}```", kind.name());
    }
    println!();
    window(&dir, &profiles_file).await?;
    memory::side_by_side(
        &app_binary(),
        empty_window().as_deref(),
        &dir.join("window-config"),
        &dir,
    )
    .await
}

/// The empty Tauri 2 window `scripts/bench` built for the comparison, if it did.
fn empty_window() -> Option<PathBuf> {
    std::env::var_os("BENCH_EMPTY_WINDOW")
        .map(PathBuf::from)
        .filter(|p| p.exists())
}

/// `BENCH_ONLY=memory`: the window alone (its cold start, then the memory comparison), on
/// a profile that opens it on its sign-in form (no emulator: nothing is requested before
/// the form).
async fn memory_only(dir: &Path) -> Result<()> {
    let config = dir.join("memory-config");
    let settings = cognito_desk_core::profile::ProfileSettings {
        name: PROFILE.into(),
        region: REGION.into(),
        user_pool_id: cognito_desk_core::ids::PoolId::new(format!("{REGION}_Bench")),
        client_id: cognito_desk_core::ids::ClientId::new("benchclient"),
        ..Default::default()
    };
    ProfileStore::open(&config)
        .save(ProfileInput::from(settings))
        .map_err(|e| anyhow::anyhow!("{}", e.message))?;
    window(dir, &config.join(PROFILES_FILE)).await?;
    memory::side_by_side(&app_binary(), empty_window().as_deref(), &config, dir).await
}

/// Runs `f` once to warm up, then `runs` times; the wall-clock milliseconds.
async fn measure<F, Fut>(runs: usize, f: F) -> Result<Summary>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<Duration>>,
{
    f().await?;
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        times.push(f().await?.as_secs_f64() * 1000.0);
    }
    Ok(Summary::of(times))
}

impl World {
    async fn new(kind: Kind, dir: &Path) -> Result<Self> {
        let emu = Emulator::start(kind, &dir.join("emulator"))?;
        let pool = seed::create_pool(&emu, &PoolOptions::default()).await?;
        seed::create_user(&emu, &pool, USER, DEMO_PASSWORD).await?;
        let identity_pool_id =
            create_identity_pool(&emu, &pool, &IdentityOptions::default()).await?;
        create_buckets(&emu, &["bench-reports", "bench-uploads"]).await?;
        let config = dir.join("config");
        let mut input: ProfileInput = pool.profile_input(PROFILE);
        input.settings.identity_pool_id = Some(identity_pool_id.clone());
        let saved = ProfileStore::open(&config).save(input)?;
        let world = Self {
            endpoint: emu.endpoint(),
            _emu: emu,
            config,
            pool_id: pool.pool_id.clone(),
            client_id: pool.client_id.clone(),
            identity_pool_id,
            secret: String::new(),
        };
        // The user becomes a test account through the CLI, as a tester would do it.
        world.cli(&["sign-in", "-p", PROFILE, "-u", USER])?;
        world.cli(&["mfa", "enroll", "-p", PROFILE, "--test-authenticator"])?;
        world.cli(&["sign-out", "-p", PROFILE])?;
        let secret = OsKeychain::default()
            .load_totp_secret(&saved.id, &Username::new(USER))
            .map_err(|e| anyhow::anyhow!("keychain: {e}"))?
            .context("the test authenticator kept no secret")?;
        Ok(Self {
            secret: secret.expose().to_owned(),
            ..world
        })
    }

    fn cli(&self, args: &[&str]) -> Result<()> {
        let out = Command::new(cli_binary())
            .args(args)
            .env("COGNITO_DESK_CONFIG_DIR", &self.config)
            .env("COGNITO_DESK_PASSWORD", DEMO_PASSWORD)
            .stdin(Stdio::null())
            .output()?;
        if !out.status.success() {
            bail!(
                "cognito-desk-cli {}: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(())
    }

    /// The CLI's `check`, the test authenticator answering the code. Like the other two
    /// programs it starts with no identity id kept (so it calls GetId too), and never
    /// in the last seconds of a TOTP window (where it would wait for the next code).
    async fn check(&self) -> Result<Duration> {
        let _ = std::fs::remove_file(self.config.join("identities.json"));
        away_from_the_step_end().await;
        let started = Instant::now();
        self.cli(&["check", "-p", PROFILE, "-u", USER])?;
        Ok(started.elapsed())
    }

    async fn timed_cli(&self, args: &[&str]) -> Result<Duration> {
        let started = Instant::now();
        self.cli(args)?;
        Ok(started.elapsed())
    }

    /// A check's own report: one line per request with its duration.
    fn check_report(&self) -> Result<String> {
        let out = Command::new(cli_binary())
            .args(["check", "-p", PROFILE, "-u", USER])
            .env("COGNITO_DESK_CONFIG_DIR", &self.config)
            .env("COGNITO_DESK_PASSWORD", DEMO_PASSWORD)
            .stdin(Stdio::null())
            .output()?;
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// The environment of the chain and the script; the code is made before the clock
    /// starts (a person types it).
    async fn scenario_env(&self) -> Result<Vec<(&'static str, String)>> {
        let code = totp::fresh_code(&self.secret).await?;
        Ok(vec![
            ("ENDPOINT", self.endpoint.clone()),
            ("REGION", REGION.to_owned()),
            ("CLIENT_ID", self.client_id.clone()),
            ("POOL_ID", self.pool_id.clone()),
            ("IDENTITY_POOL_ID", self.identity_pool_id.clone()),
            ("USERNAME", USER.to_owned()),
            ("PASSWORD", DEMO_PASSWORD.to_owned()),
            ("CODE", code),
            ("AWS", venv_bin("aws").display().to_string()),
            // No credential lookups (the public calls are unsigned) and no IMDS probe.
            ("AWS_ACCESS_KEY_ID", "test".into()),
            ("AWS_SECRET_ACCESS_KEY", "test".into()),
            ("AWS_EC2_METADATA_DISABLED", "true".into()),
            ("AWS_CONFIG_FILE", "/dev/null".into()),
            ("AWS_SHARED_CREDENTIALS_FILE", "/dev/null".into()),
        ])
    }

    async fn aws_chain(&self) -> Result<Duration> {
        let env = self.scenario_env().await?;
        timed(Command::new("bash").arg("-c").arg(CHAIN_SCRIPT), &env)
    }

    async fn boto3(&self) -> Result<Duration> {
        let env = self.scenario_env().await?;
        timed(
            Command::new(venv_bin("python")).arg("-c").arg(BOTO3_SCRIPT),
            &env,
        )
    }
}

/// Waits while fewer than 6 s of the current 30-s TOTP step are left.
async fn away_from_the_step_end() {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let left = 30 - now % 30;
    if left < 6 {
        tokio::time::sleep(Duration::from_secs(left + 1)).await;
    }
}

fn timed(command: &mut Command, env: &[(&str, String)]) -> Result<Duration> {
    command
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .stdin(Stdio::null());
    let started = Instant::now();
    let out = command.output()?;
    let elapsed = started.elapsed();
    if !out.status.success() {
        bail!(
            "{:?} failed: {}",
            command,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(elapsed)
}

/// Cold starts of the release window to the sign-in form (the app's own probe prints
/// the milliseconds since its process started), then idle memory after 8 s.
/// The window starts on a config dir with the bench profile and no kept session, so
/// its first view is the sign-in form (no request is made before it).
async fn window(dir: &Path, profiles_file: &Path) -> Result<()> {
    let config = dir.join("window-config");
    std::fs::create_dir_all(&config)?;
    std::fs::copy(profiles_file, config.join(PROFILES_FILE))?;
    let mut starts = Vec::new();
    let mut memory = None;
    for run in 0..5 {
        let home = dir.join(format!("window-home-{run}"));
        let started = Instant::now();
        let mut child = Command::new(app_binary())
            .env("COGNITO_DESK_CONFIG_DIR", &config)
            .env("COGNITO_DESK_STARTUP_PROBE", "1")
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .env("NO_AT_BRIDGE", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let stdout = child.stdout.take().context("stdout")?;
        let line = tokio::task::spawn_blocking(move || {
            use std::io::BufRead;
            std::io::BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .find(|l| l.starts_with("startup-ready"))
        });
        let line = tokio::time::timeout(Duration::from_secs(60), line)
            .await
            .context("the window did not report ready in 60 s")??
            .context("the window exited before it was ready")?;
        let wall = started.elapsed().as_secs_f64() * 1000.0;
        if !line.contains("view=signin") {
            bail!("the window opened on another view: {line}");
        }
        starts.push(wall);
        if run == 4 {
            tokio::time::sleep(Duration::from_secs(8)).await;
            memory = Some(memory_of_tree(child.id())?);
        }
        let _ = Command::new("kill").arg(child.id().to_string()).status();
        let _ = child.wait();
    }
    let first = starts[0];
    let s = Summary::of(starts);
    println!(
        "Window (release): cold start to an interactive sign-in form, 5 starts: first {first:.0} ms, median {:.0} ms (min {:.0}, max {:.0}).",
        s.median, s.min, s.max
    );
    if let Some((pss, rss, processes)) = memory {
        println!(
            "Idle memory 8 s after the form, {processes} processes (app + WebKit): PSS {:.0} MB, RSS {:.0} MB.",
            pss / 1024.0,
            rss / 1024.0
        );
    }
    Ok(())
}
