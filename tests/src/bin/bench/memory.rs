//! Idle memory of the release window measured beside an empty Tauri 2 window (same
//! tauri and WebKitGTK, one static page; `scripts/bench` builds it in a temporary
//! folder, never committed): each window is started 3 times, alternating, and its
//! process tree measured 10 s after the start. Cognito Desk runs twice: with its own
//! WebKit settings and with WebKit's defaults (`COGNITO_DESK_WEBKIT_DEFAULTS=1`); the
//! empty window too: with WebKit's defaults, and without compositing as Cognito Desk
//! runs (`WEBKIT_DISABLE_COMPOSITING_MODE=1`, WebKitGTK's switch for the same policy),
//! so the app is compared with an empty window at equal settings.

use crate::support::{memory_by_process, Summary};
use anyhow::Result;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

struct Variant<'a> {
    name: &'static str,
    binary: &'a Path,
    env: &'static [(&'static str, &'static str)],
}

/// Cognito Desk with WebKit's own settings (src-tauri/src/webkit.rs).
const WEBKIT_DEFAULTS: &[(&str, &str)] = &[("COGNITO_DESK_WEBKIT_DEFAULTS", "1")];
/// Any WebKitGTK view without compositing, as Cognito Desk's own settings have it.
const NO_COMPOSITING: &[(&str, &str)] = &[("WEBKIT_DISABLE_COMPOSITING_MODE", "1")];

/// One start: PSS and RSS in MB over the tree, and PSS (MB) per process name.
struct Sample {
    pss: f64,
    rss: f64,
    by_name: Vec<(String, f64)>,
}

async fn sample(variant: &Variant<'_>, config: &Path, home: &Path) -> Result<Sample> {
    let mut command = Command::new(variant.binary);
    command
        .env("COGNITO_DESK_CONFIG_DIR", config)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("NO_AT_BRIDGE", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command.envs(variant.env.iter().copied());
    let mut child = command.spawn()?;
    tokio::time::sleep(Duration::from_secs(10)).await;
    let measured = memory_by_process(child.id());
    let _ = Command::new("kill").arg(child.id().to_string()).status();
    let _ = child.wait();
    let processes = measured?;
    let pss = processes.iter().map(|p| p.pss_kb).sum::<f64>() / 1024.0;
    let rss = processes.iter().map(|p| p.rss_kb).sum::<f64>() / 1024.0;
    let mut by_name: Vec<(String, f64)> = Vec::new();
    for p in processes {
        match by_name.iter_mut().find(|(n, _)| *n == p.name) {
            Some((_, kb)) => *kb += p.pss_kb / 1024.0,
            None => by_name.push((p.name, p.pss_kb / 1024.0)),
        }
    }
    Ok(Sample { pss, rss, by_name })
}

pub async fn side_by_side(
    app: &Path,
    empty: Option<&Path>,
    config: &Path,
    dir: &Path,
) -> Result<()> {
    let mut variants = vec![
        Variant {
            name: "Cognito Desk, WebKit's default settings",
            binary: app,
            env: WEBKIT_DEFAULTS,
        },
        Variant {
            name: "Cognito Desk",
            binary: app,
            env: &[],
        },
    ];
    if let Some(empty) = empty {
        variants.push(Variant {
            name: "empty Tauri 2 window (default settings)",
            binary: empty,
            env: &[],
        });
        variants.push(Variant {
            name: "empty Tauri 2 window, without compositing",
            binary: empty,
            env: NO_COMPOSITING,
        });
    }
    let mut samples: Vec<Vec<Sample>> = variants.iter().map(|_| Vec::new()).collect();
    for round in 0..3 {
        for (i, variant) in variants.iter().enumerate() {
            let home = dir.join(format!("memory-{i}-{round}"));
            samples[i].push(sample(variant, config, &home).await?);
        }
    }
    println!("\nIdle memory 10 s after start, median of 3 starts each (alternating), summed over each window's processes:\n");
    println!("| window | PSS MB | RSS MB | PSS by process (MB) |\n|---|---|---|---|");
    let mut medians = Vec::new();
    for (variant, runs) in variants.iter().zip(samples) {
        let pss = Summary::of(runs.iter().map(|r| r.pss).collect()).median;
        medians.push(pss);
        let rss = Summary::of(runs.iter().map(|r| r.rss).collect()).median;
        // The breakdown of the start whose total is the median.
        let middle = runs
            .iter()
            .min_by(|a, b| (a.pss - pss).abs().total_cmp(&(b.pss - pss).abs()))
            .map(|r| {
                r.by_name
                    .iter()
                    .map(|(name, mb)| format!("{name} {mb:.0}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        println!("| {} | {pss:.0} | {rss:.0} | {middle} |", variant.name);
    }
    // Cognito Desk (second) against the empty window without compositing (fourth).
    if let (Some(app), Some(empty)) = (medians.get(1), medians.get(3)) {
        println!(
            "\nAt equal settings (no compositing): {app:.0} MB against {empty:.0} MB, {:.2}× the empty window.",
            app / empty
        );
    }
    Ok(())
}
