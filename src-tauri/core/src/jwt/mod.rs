//! Reading and verifying Cognito JWTs: decoding for display, and each check of the
//! token page (RS256 signature against the pool's JWKS, iss, token_use, aud/client_id,
//! exp) as its own pass/fail row. jsonwebtoken does the cryptography.

mod finding;

pub use finding::Finding;

use crate::aws::{Answer, Call, CallLog, Service};
use crate::dto::{ClaimRow, TokenCheck, TokenDetails};
use crate::error::{Code, Error};
use crate::profile::Profile;
use crate::secret::{masked_preview, Jwt};
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Debug, Clone)]
pub struct Decoded {
    pub header: Value,
    pub claims: Map<String, Value>,
}

impl Decoded {
    pub fn str_claim(&self, name: &str) -> Option<&str> {
        self.claims.get(name).and_then(Value::as_str)
    }

    pub fn time_claim(&self, name: &str) -> Option<i64> {
        self.claims.get(name).and_then(Value::as_i64)
    }
}

/// Decodes header and claims without checking the signature: for display only.
pub fn decode_unverified(token: &Jwt) -> Result<Decoded, Error> {
    let data = jsonwebtoken::dangerous::insecure_decode::<Map<String, Value>>(token.expose())
        .map_err(|e| {
            Error::new(
                Code::MalformedToken,
                format!("Cognito sent a token that is not a readable JWT ({e})."),
                "Check that the endpoint override points at Cognito or a Cognito emulator.",
            )
        })?;
    let header = serde_json::to_value(&data.header).map_err(|e| Error::internal(e.to_string()))?;
    Ok(Decoded {
        header,
        claims: data.claims,
    })
}

/// Claims that hold Unix times (shown as dates).
pub const TIME_CLAIMS: [&str; 4] = ["exp", "iat", "auth_time", "nbf"];

pub fn claim_rows(map: &Map<String, Value>) -> Vec<ClaimRow> {
    map.iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(name, value)| ClaimRow {
            name: name.clone(),
            value: match value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            },
            is_time: TIME_CLAIMS.contains(&name.as_str()) && value.is_i64(),
        })
        .collect()
}

/// Which token a check expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenUse {
    Id,
    Access,
}

impl TokenUse {
    fn as_str(self) -> &'static str {
        match self {
            TokenUse::Id => "id",
            TokenUse::Access => "access",
        }
    }
}

/// `https://cognito-idp.<region>.amazonaws.com/<poolId>`: the `iss` of the pool's tokens.
pub fn expected_issuer(profile: &Profile) -> String {
    format!(
        "https://cognito-idp.{}.amazonaws.com/{}",
        profile.settings.region, profile.settings.user_pool_id
    )
}

/// Where the pool's keys are: the issuer's `/.well-known/jwks.json`, or the same path on
/// the endpoint override.
pub fn jwks_url(profile: &Profile) -> String {
    match &profile.settings.endpoint {
        Some(endpoint) => format!(
            "{}/{}/.well-known/jwks.json",
            endpoint.trim_end_matches('/'),
            profile.settings.user_pool_id
        ),
        None => format!("{}/.well-known/jwks.json", expected_issuer(profile)),
    }
}

/// How long a JWKS stays current for a `kid` it lacks: a token naming an unknown key
/// fetches the set again at most this often (Cognito rotates keys rarely; a forged
/// or foreign token must not turn every check into a download).
const REFETCH_AFTER: std::time::Duration = std::time::Duration::from_secs(60);

/// How far a token's `iat`/`nbf` may lie ahead of this computer's clock: five minutes,
/// as JWT libraries commonly allow (virtual machines drift; managed login refuses a
/// token that fails any check).
pub const CLOCK_SKEW_SECS: i64 = 300;

/// Fetches and caches JWKS per URL; refetches when a token names an unknown `kid`
/// (Cognito rotates keys), at most once per [`REFETCH_AFTER`].
#[derive(Debug, Default)]
pub struct Verifier {
    http: crate::http::LazyClient,
    cache: Mutex<HashMap<String, (JwkSet, std::time::Instant)>>,
    fetches: Mutex<usize>,
}

impl Verifier {
    /// How many times a JWKS was downloaded (for the cache test).
    pub fn fetch_count(&self) -> usize {
        *self.fetches.lock().unwrap_or_else(|p| p.into_inner())
    }

    async fn fetch(&self, calls: &CallLog, url: &str) -> Result<JwkSet, Error> {
        let call = Call::new(Service::Http, "GetJwks", url);
        calls.record(call, self.download(url)).await
    }

    async fn download(&self, url: &str) -> (Result<JwkSet, Error>, Answer) {
        let unavailable = |what: String| {
            Error::new(
                Code::JwksUnavailable,
                format!("The pool's signing keys could not be fetched from {url}: {what}."),
                "Check the network connection or the endpoint override.",
            )
        };
        *self.fetches.lock().unwrap_or_else(|p| p.into_inner()) += 1;
        let request = self
            .http
            .get()
            .get(url)
            .timeout(std::time::Duration::from_secs(10))
            .send();
        let response = match request.await {
            Ok(response) => response,
            Err(e) => return (Err(unavailable(e.to_string())), Answer::default()),
        };
        let answer = Answer::status(response.status().as_u16());
        if !response.status().is_success() {
            let error = unavailable(format!("HTTP {}", response.status()));
            return (Err(error), answer);
        }
        let body = match crate::http::read_limited(response, crate::http::MAX_BODY_BYTES).await {
            Ok(body) => body,
            Err(e) => return (Err(unavailable(e.to_string())), answer),
        };
        let set: JwkSet = match serde_json::from_slice(&body) {
            Ok(set) => set,
            Err(e) => return (Err(unavailable(e.to_string())), answer),
        };
        self.cache
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(url.to_owned(), (set.clone(), std::time::Instant::now()));
        (Ok(set), answer)
    }

    /// The pool's key set, fetched again when it lacks `kid` (at most once per
    /// [`REFETCH_AFTER`]).
    async fn key_set_for(&self, calls: &CallLog, url: &str, kid: &str) -> Result<JwkSet, Error> {
        let cached = self
            .cache
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(url)
            .cloned();
        match cached {
            Some((set, _)) if set.find(kid).is_some() => Ok(set),
            Some((set, fetched)) if fetched.elapsed() < REFETCH_AFTER => Ok(set),
            _ => self.fetch(calls, url).await,
        }
    }

    /// Every check of one token, at time `now` (Unix seconds).
    pub async fn details(
        &self,
        calls: &CallLog,
        profile: &Profile,
        token: &Jwt,
        expected: TokenUse,
        now: i64,
    ) -> Result<TokenDetails, Error> {
        let decoded = decode_unverified(token)?;
        let header_map = decoded.header.as_object().cloned().unwrap_or_default();
        let mut checks = vec![
            self.signature_check(calls, profile, token, &decoded)
                .await?,
        ];
        checks.extend(claim_checks(profile, &decoded, expected, now));
        Ok(TokenDetails {
            header: claim_rows(&header_map),
            claims: claim_rows(&decoded.claims),
            checks,
            preview: masked_preview(token.expose()),
        })
    }

    async fn signature_check(
        &self,
        calls: &CallLog,
        profile: &Profile,
        token: &Jwt,
        decoded: &Decoded,
    ) -> Result<TokenCheck, Error> {
        let alg = decoded
            .header
            .get("alg")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let kid = decoded
            .header
            .get("kid")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if alg != "RS256" {
            return Ok(TokenCheck::failed(
                "signature",
                Finding::NotRs256 {
                    alg: alg.to_owned(),
                },
            ));
        }
        let url = jwks_url(profile);
        let set = self.key_set_for(calls, &url, kid).await?;
        Ok(signature_row(&set, &url, token, kid))
    }
}

/// The signature row of an RS256 `token` naming `kid`, against the key set `set`
/// downloaded from `url`. No network: the fuzz target drives it with any input.
pub fn signature_row(set: &JwkSet, url: &str, token: &Jwt, kid: &str) -> TokenCheck {
    let fail = |finding: Finding| TokenCheck::failed("signature", finding);
    let (kid, url) = (kid.to_owned(), url.to_owned());
    let Some(jwk) = set.find(&kid) else {
        return fail(Finding::KeyNotInSet { kid, url });
    };
    let key = match DecodingKey::from_jwk(jwk) {
        Ok(key) => key,
        Err(e) => {
            return fail(Finding::KeyUnusable {
                kid,
                reason: e.to_string(),
            })
        }
    };
    let mut validation = Validation::new(Algorithm::RS256);
    // The claims get their own rows; this row is about the signature alone.
    validation.validate_exp = false;
    validation.validate_aud = false;
    validation.set_required_spec_claims::<&str>(&[]);
    match jsonwebtoken::decode::<Map<String, Value>>(token.expose(), &key, &validation) {
        Ok(_) => TokenCheck::new("signature", true, Finding::SignatureVerified { kid, url }),
        Err(e) => fail(Finding::SignatureMismatch {
            kid,
            reason: e.to_string(),
        }),
    }
}

/// The claim rows: iss, token_use, aud (ID) or client_id (access), exp.
pub fn claim_checks(
    profile: &Profile,
    decoded: &Decoded,
    expected: TokenUse,
    now: i64,
) -> Vec<TokenCheck> {
    let issuer = expected_issuer(profile);
    let iss = decoded.str_claim("iss").unwrap_or_default();
    let token_use = decoded.str_claim("token_use").unwrap_or_default();
    let (audience_claim, audience) = match expected {
        TokenUse::Id => ("aud", decoded.str_claim("aud").unwrap_or_default()),
        TokenUse::Access => (
            "client_id",
            decoded.str_claim("client_id").unwrap_or_default(),
        ),
    };
    let exp = decoded.time_claim("exp");
    let client_id = profile.settings.client_id.as_str();
    let mut checks = vec![
        if iss == issuer {
            TokenCheck::new("issuer", true, Finding::IssuerMatches { iss: iss.into() })
        } else {
            TokenCheck::failed(
                "issuer",
                Finding::IssuerDiffers {
                    found: iss.into(),
                    expected: issuer,
                },
            )
        },
        TokenCheck::new(
            "tokenUse",
            token_use == expected.as_str(),
            Finding::ClaimIs {
                claim: "token_use".into(),
                found: token_use.into(),
                expected: expected.as_str().into(),
            },
        ),
        TokenCheck::new(
            "audience",
            audience == client_id,
            Finding::Audience {
                claim: audience_claim.into(),
                found: audience.into(),
                expected: client_id.into(),
            },
        ),
        match exp {
            // Server values: saturating, so no claim can overflow the arithmetic.
            Some(exp) if exp > now => TokenCheck::new(
                "expiry",
                true,
                Finding::ExpiresIn {
                    seconds: exp.saturating_sub(now),
                },
            ),
            Some(exp) => TokenCheck::failed(
                "expiry",
                Finding::ExpiredAgo {
                    seconds: now.saturating_sub(exp),
                },
            ),
            None => TokenCheck::failed(
                "expiry",
                Finding::ClaimMissing {
                    claim: "exp".into(),
                },
            ),
        },
        issued_at_check(decoded.time_claim("iat"), now),
    ];
    // Cognito sets no nbf; a token that has one is checked against it.
    if decoded.claims.contains_key("nbf") {
        checks.push(not_before_check(decoded.time_claim("nbf"), now));
    }
    checks
}

/// `iat` must be there and not in the future (beyond [`CLOCK_SKEW_SECS`]).
fn issued_at_check(iat: Option<i64>, now: i64) -> TokenCheck {
    let (passed, finding) = match iat {
        None => (
            false,
            Finding::ClaimMissing {
                claim: "iat".into(),
            },
        ),
        Some(iat) if iat > now.saturating_add(CLOCK_SKEW_SECS) => (
            false,
            Finding::IssuedInFuture {
                seconds: iat.saturating_sub(now),
            },
        ),
        Some(iat) => (
            true,
            Finding::IssuedAgo {
                seconds: now.saturating_sub(iat).max(0),
            },
        ),
    };
    TokenCheck::new("issuedAt", passed, finding)
}

/// `nbf`, when present, must be a time, and not after now (beyond [`CLOCK_SKEW_SECS`]).
fn not_before_check(nbf: Option<i64>, now: i64) -> TokenCheck {
    let (passed, finding) = match nbf {
        None => (
            false,
            Finding::NotATime {
                claim: "nbf".into(),
            },
        ),
        Some(nbf) if nbf > now.saturating_add(CLOCK_SKEW_SECS) => (
            false,
            Finding::NotValidYet {
                seconds: nbf.saturating_sub(now),
            },
        ),
        Some(_) => (true, Finding::ValidNow),
    };
    TokenCheck::new("notBefore", passed, finding)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{ClientId, PoolId, ProfileId};
    use crate::profile::ProfileSettings;

    fn profile(endpoint: Option<&str>) -> Profile {
        Profile {
            id: ProfileId::new("p"),
            settings: ProfileSettings {
                name: "P".into(),
                region: "ap-northeast-1".into(),
                user_pool_id: PoolId::new("ap-northeast-1_AbC123"),
                client_id: ClientId::new("client123"),
                endpoint: endpoint.map(str::to_owned),
                ..Default::default()
            },
        }
    }

    fn decoded(claims: Value) -> Decoded {
        Decoded {
            header: serde_json::json!({"alg": "RS256", "kid": "k"}),
            claims: claims.as_object().cloned().unwrap_or_default(),
        }
    }

    fn failing(checks: &[TokenCheck]) -> Vec<&'static str> {
        checks
            .iter()
            .filter(|c| !c.passed)
            .map(|c| c.check)
            .collect()
    }

    #[test]
    fn jwks_is_found_at_the_issuer_or_on_the_emulator() {
        assert_eq!(
            jwks_url(&profile(None)),
            "https://cognito-idp.ap-northeast-1.amazonaws.com/ap-northeast-1_AbC123/.well-known/jwks.json"
        );
        assert_eq!(
            jwks_url(&profile(Some("http://127.0.0.1:4566/"))),
            "http://127.0.0.1:4566/ap-northeast-1_AbC123/.well-known/jwks.json"
        );
    }

    #[test]
    fn each_claim_check_fails_on_its_own() {
        let p = profile(None);
        let iss = expected_issuer(&p);
        let good_id = serde_json::json!({"iss": iss, "token_use": "id", "aud": "client123", "exp": 2000, "iat": 900});
        assert!(failing(&claim_checks(
            &p,
            &decoded(good_id.clone()),
            TokenUse::Id,
            1000
        ))
        .is_empty());
        assert_eq!(
            failing(&claim_checks(
                &p,
                &decoded(good_id.clone()),
                TokenUse::Id,
                2000
            )),
            ["expiry"]
        );
        let mut other_pool = good_id.clone();
        other_pool["iss"] =
            "https://cognito-idp.ap-northeast-1.amazonaws.com/ap-northeast-1_Other".into();
        assert_eq!(
            failing(&claim_checks(&p, &decoded(other_pool), TokenUse::Id, 1000)),
            ["issuer"]
        );
        let mut other_client = good_id;
        other_client["aud"] = "someone-else".into();
        assert_eq!(
            failing(&claim_checks(
                &p,
                &decoded(other_client),
                TokenUse::Id,
                1000
            )),
            ["audience"]
        );
        let access = serde_json::json!({"iss": iss, "token_use": "access", "client_id": "client123", "exp": 2000, "iat": 900});
        assert!(failing(&claim_checks(
            &p,
            &decoded(access.clone()),
            TokenUse::Access,
            1000
        ))
        .is_empty());
        assert_eq!(
            failing(&claim_checks(&p, &decoded(access), TokenUse::Id, 1000)),
            ["tokenUse", "audience"]
        );
    }

    #[test]
    fn iat_and_nbf_in_the_future_fail_and_extreme_times_do_not_overflow() {
        let p = profile(None);
        let iss = expected_issuer(&p);
        let token = |extra: Value| {
            let mut claims = serde_json::json!({"iss": iss, "token_use": "id", "aud": "client123", "exp": 5000, "iat": 900});
            for (k, v) in extra.as_object().cloned().unwrap_or_default() {
                claims[k] = v;
            }
            decoded(claims)
        };
        let fails = |extra: Value| failing(&claim_checks(&p, &token(extra), TokenUse::Id, 1000));
        assert_eq!(
            fails(serde_json::json!({"iat": 1000 + CLOCK_SKEW_SECS + 1})),
            ["issuedAt"]
        );
        assert!(
            fails(serde_json::json!({"iat": 1000 + CLOCK_SKEW_SECS})).is_empty(),
            "skew allowed"
        );
        assert_eq!(fails(serde_json::json!({"iat": null})), ["issuedAt"]);
        assert_eq!(fails(serde_json::json!({"nbf": 2000})), ["notBefore"]);
        assert_eq!(fails(serde_json::json!({"nbf": "soon"})), ["notBefore"]);
        assert!(fails(serde_json::json!({"nbf": 1000})).is_empty());
        // Server-chosen extremes are rows, not panics (debug builds trap overflow).
        for exp in [i64::MAX, i64::MIN] {
            let checks = claim_checks(
                &p,
                &token(serde_json::json!({"exp": exp, "iat": i64::MIN, "nbf": i64::MAX})),
                TokenUse::Id,
                i64::MAX - 1,
            );
            assert!(checks.iter().any(|c| c.check == "expiry"));
        }
        let checks = claim_checks(
            &p,
            &token(serde_json::json!({"exp": i64::MIN})),
            TokenUse::Id,
            i64::MAX,
        );
        assert!(checks.iter().any(|c| c.check == "expiry" && !c.passed));
    }
}
