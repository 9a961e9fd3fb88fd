//! Entry points for the fuzz targets in `fuzz/` and for the test that replays their
//! seeds and every input that once failed (`fuzz/seeds`, `fuzz/regressions`). Each
//! takes untrusted bytes the way the app meets them — a token from a server, an
//! otpauth label from a profile, a request on the loopback port, a Cognito answer, a
//! profiles file — drives the same code the app runs, and panics when a property the
//! app relies on breaks (a panic is what the fuzzer reports).

use crate::hosted::loopback::{CallbackService, Handoff};
use crate::hosted::{judge_redirect, page, Redirect};
use crate::ids::{ClientId, PoolId, ProfileId};
use crate::jwt::{self, TokenUse};
use crate::profile::{Profile, ProfileSettings, ProfilesFile};
use crate::secret::{masked_preview, Jwt, TotpSecret};
use crate::signin::{parse_answer, parse_name_list, Answer, Step};
use aws_sdk_cognitoidentityprovider::types::{AuthenticationResultType, ChallengeNameType};
use std::collections::HashMap;
use std::sync::OnceLock;

/// A target: untrusted bytes in, a panic when a property breaks.
pub type Target = fn(&[u8]);

/// The targets by name, for the replay test and `fuzz/` alike.
pub const TARGETS: [(&str, Target); 5] = [
    ("jwt", jwt),
    ("otpauth", otpauth),
    ("loopback", loopback),
    ("challenge", challenge),
    ("profiles", profiles),
];

fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Splits `text` on the first `sep`; the rest is empty when there is none.
fn cut(text: &str, sep: char) -> (&str, &str) {
    text.split_once(sep).unwrap_or((text, ""))
}

fn profile() -> Profile {
    Profile {
        id: ProfileId::new("fuzz"),
        settings: ProfileSettings {
            name: "Fuzz".into(),
            region: "eu-west-1".into(),
            user_pool_id: PoolId::new("eu-west-1_Fuzz"),
            client_id: ClientId::new("fuzzclient"),
            ..Default::default()
        },
    }
}

/// The Unix times the checks run at: ordinary, and the ends of the range (a server's
/// `exp` must not overflow the arithmetic either way).
const TIMES: [i64; 4] = [0, 1_780_000_000, i64::MIN, i64::MAX];

/// A token (first line) and optionally the pool's key set (the rest, JSON): decoded
/// for display, every claim row at every time, the signature row against the set.
pub fn jwt(data: &[u8]) {
    let text = text(data);
    let (token, jwks) = cut(&text, '\n');
    let token = Jwt::new(token);
    // A preview shows 4 characters of a token at most (its last), and its length.
    let length = token.expose().chars().count();
    let preview = masked_preview(token.expose()).to_string();
    if length <= 12 {
        assert_eq!(preview, "•".repeat(length.min(8)));
    } else {
        let tail: String = token.expose().chars().skip(length - 4).collect();
        assert_eq!(preview, format!("••••{tail} ({length} chars)"));
    }
    let Ok(decoded) = jwt::decode_unverified(&token) else {
        return;
    };
    let _ = jwt::claim_rows(&decoded.claims);
    let profile = profile();
    for now in TIMES {
        for expected in [TokenUse::Id, TokenUse::Access] {
            let rows = jwt::claim_checks(&profile, &decoded, expected, now);
            assert!(rows.iter().all(|r| !r.finding.to_string().is_empty()));
        }
    }
    let set = serde_json::from_str(jwks).unwrap_or(jsonwebtoken::jwk::JwkSet { keys: vec![] });
    let kid = decoded
        .header
        .get("kid")
        .and_then(|k| k.as_str())
        .unwrap_or_default();
    let row = jwt::signature_row(&set, "https://fuzz/jwks.json", &token, kid);
    if row.passed {
        // Only Cognito's algorithm, with a key the set names, passes.
        let alg = decoded.header.get("alg").and_then(|a| a.as_str());
        assert_eq!(
            alg,
            Some("RS256"),
            "a signature passed with another algorithm"
        );
        assert!(
            set.find(kid).is_some(),
            "a signature passed without its key"
        );
    }
}

/// Issuer, account name and secret, NUL-separated: the otpauth URI the QR code draws
/// must read back in totp-rs as exactly those. (Drawing the QR code is left out: it
/// costs milliseconds per input, and it takes the finished URI as plain text.)
pub fn otpauth(data: &[u8]) {
    let text = text(data);
    let (issuer, rest) = cut(&text, '\0');
    let (account, secret) = cut(rest, '\0');
    let secret = TotpSecret::new(secret);
    let normalised = crate::mfa::normalise_secret(&secret);
    if let Ok(normalised) = &normalised {
        assert!(normalised
            .chars()
            .all(|c| c.is_ascii_uppercase() || ('2'..='7').contains(&c)));
        // A secret we accept makes codes (the test authenticator's).
        if let Err(e) = crate::testauth::code_at(&secret, 1_780_000_000) {
            panic!("an accepted secret makes no code: {}", e.message);
        }
    }
    let Ok(uri) = crate::mfa::otpauth_uri(issuer, account, &secret) else {
        return;
    };
    if let Err(e) = crate::testauth::check_uri(&uri, &secret, issuer, account) {
        panic!("the otpauth URI does not read back: {}", e.message);
    }
}

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap_or_else(|e| panic!("no runtime for the fuzz target: {e}"))
    })
}

/// Raw bytes sent to the loopback listener's HTTP server, as a browser (or a hostile
/// page) would: hyper parses them, the callback service reads the query, the redirect
/// is judged against a known state and answered with the page the app sends. No
/// parameter may reach the page as markup.
pub fn loopback(data: &[u8]) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let request = data.to_vec();
    runtime().block_on(async move {
        let (mut client, server) = tokio::io::duplex(1 << 16);
        let (tx, mut rx) = tokio::sync::mpsc::channel::<Handoff>(1);
        let connection = hyper::server::conn::http1::Builder::new()
            .keep_alive(false)
            .timer(TokioTimer::new())
            .serve_connection(TokioIo::new(server), CallbackService::new("/callback", tx));
        let browser = async move {
            let _ = client.write_all(&request).await;
            let _ = client.shutdown().await;
            let mut answer = Vec::new();
            let _ = client.read_to_end(&mut answer).await;
            answer
        };
        let app = async move {
            while let Some((params, reply)) = rx.recv().await {
                let page = answer_page(&params);
                // Whatever the query held, the page has the template's markup only.
                let bare = page::Page {
                    status: page.status,
                    title: String::new(),
                    message: String::new(),
                };
                for c in ['<', '>', '"'] {
                    assert_eq!(
                        page.html().matches(c).count(),
                        bare.html().matches(c).count(),
                        "a query parameter reached the page as markup ({c})"
                    );
                }
                let _ = reply.send(page);
            }
        };
        let (_, answer, ()) = tokio::join!(connection, browser, app);
        if !answer.is_empty() {
            assert!(answer.starts_with(b"HTTP/1."), "not an HTTP answer");
        }
    });
}

fn answer_page(params: &HashMap<String, String>) -> page::Page {
    match judge_redirect(params, "fuzz-state") {
        Redirect::Incomplete => page::incomplete(),
        Redirect::ForeignState => page::state_mismatch(),
        Redirect::Refused { error, description } => page::refused(&error, description.as_deref()),
        Redirect::Code(code) => {
            assert_eq!(params.get("state").map(String::as_str), Some("fuzz-state"));
            page::failed(&format!("code {}", masked_preview(&code)))
        }
    }
}

/// A Cognito answer, one field per line: the challenge name, the session (empty for
/// none), then `KEY=value` parameters, `@NAME` available challenges, and
/// `#id token`, `%access token`, `!expires_in` for an answer with tokens. A challenge
/// must parse or be refused with an error; tokens must make a session whose times
/// need no overflowing arithmetic.
pub fn challenge(data: &[u8]) {
    let text = text(data);
    let mut lines = text.split('\n');
    let name = ChallengeNameType::from(lines.next().unwrap_or_default());
    let session = lines.next().filter(|s| !s.is_empty());
    let mut parameters = HashMap::new();
    let mut available = Vec::new();
    let (mut id, mut access, mut expires_in) = (None, None, None);
    for line in lines {
        let (head, rest) = line.split_at(line.chars().next().map_or(0, char::len_utf8));
        match head {
            "@" => available.push(ChallengeNameType::from(rest)),
            "#" => id = Some(rest.to_owned()),
            "%" => access = Some(rest.to_owned()),
            "!" => expires_in = rest.parse::<i32>().ok(),
            _ => {
                let (key, value) = cut(line, '=');
                parameters.insert(key.to_owned(), value.to_owned());
            }
        }
        let _ = parse_name_list(rest);
    }
    let result = (id.is_some() || access.is_some()).then(|| {
        AuthenticationResultType::builder()
            .set_id_token(id)
            .set_access_token(access)
            .expires_in(expires_in.unwrap_or(3600))
            .build()
    });
    let answer = Answer {
        challenge_name: Some(&name),
        session,
        parameters: Some(&parameters),
        available_challenges: &available,
        result: result.as_ref(),
    };
    match parse_answer("typed", answer) {
        Ok(Step::SignedIn(tokens)) => {
            // Server times and lifetimes meet this computer's clock here.
            if let Ok(session) = crate::session::Session::new(&profile(), tokens) {
                let _ = (session.view(), session.expires_at(), session.account_name());
            }
        }
        Ok(Step::Challenge(challenge)) => {
            assert!(
                session.is_some(),
                "a challenge without a session was accepted"
            );
            let _ = challenge.kind;
        }
        Err(e) => assert!(!e.message.is_empty() && !e.hint.is_empty()),
    }
}

/// A profiles file as it may be found on disk (edited by hand, from an older version):
/// each profile is validated, its URLs derived, and what was read is written back and
/// read again unchanged — nothing lost by a save.
pub fn profiles(data: &[u8]) {
    let Ok(file) = serde_json::from_slice::<ProfilesFile>(data) else {
        return;
    };
    for profile in &file.profiles {
        let _ = profile.settings.validate(Some(&profile.id), &file.profiles);
        let _ = profile.settings.clear_text_endpoint();
        let _ = profile.to_input().validate(&file.profiles);
        let _ = jwt::jwks_url(profile);
        let _ = jwt::expected_issuer(profile);
        let _ = profile.scopes();
        let _ = profile.totp_issuer();
        if let Ok(config) = crate::hosted::oauth::HostedConfig::from_profile(profile) {
            let _ = config.logout_url();
            let _ = crate::hosted::oauth::authorization(&config);
        }
    }
    let written = serde_json::to_vec(&file)
        .unwrap_or_else(|e| panic!("a profiles file that was read cannot be written: {e}"));
    let again: ProfilesFile = serde_json::from_slice(&written)
        .unwrap_or_else(|e| panic!("a written profiles file cannot be read: {e}"));
    assert_eq!(again.profiles, file.profiles, "a save changed the profiles");
    assert_eq!(again.selected_id, file.selected_id);
}

#[cfg(test)]
mod tests {
    use super::TARGETS;
    use std::path::PathBuf;

    /// Every seed and every input that once failed (`fuzz/regressions/<target>/`, one
    /// file per crash or property failure the fuzzer found) runs through its target
    /// on the stable toolchain, in every test run.
    #[test]
    fn the_fuzz_seeds_and_regressions_run_clean() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
        let mut seeded = std::collections::HashSet::new();
        for (name, target) in TARGETS {
            for kind in ["seeds", "regressions"] {
                let Ok(entries) = std::fs::read_dir(root.join(kind).join(name)) else {
                    continue;
                };
                for entry in entries.flatten() {
                    let data = std::fs::read(entry.path()).unwrap_or_default();
                    // Named before it runs: a panic below is about this file.
                    eprintln!("{}", entry.path().display());
                    target(&data);
                    if kind == "seeds" {
                        seeded.insert(name);
                    }
                }
            }
        }
        assert_eq!(
            seeded.len(),
            TARGETS.len(),
            "seeds missing under {}",
            root.display()
        );
    }

    /// The JWT seeds start the fuzzer on the passing path too: a token signed with the
    /// key in its own JWKS line (the private key was thrown away).
    #[test]
    fn the_signed_jwt_seed_passes_its_signature_row() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../fuzz/seeds/jwt/id-token-signed"
        );
        let seed = std::fs::read_to_string(path).unwrap_or_default();
        let (token, jwks) = seed.split_once('\n').unwrap_or_default();
        let token = crate::secret::Jwt::new(token);
        let set = serde_json::from_str(jwks).unwrap_or(jsonwebtoken::jwk::JwkSet { keys: vec![] });
        let row = crate::jwt::signature_row(&set, "seed", &token, "fuzzkey");
        assert!(row.passed, "{}", row.finding);
        let forged = crate::secret::Jwt::new(format!("{}x", token.expose()));
        assert!(!crate::jwt::signature_row(&set, "seed", &forged, "fuzzkey").passed);
    }
}
