//! Parsing of every challenge's parameters, well-formed and malformed.

use super::*;

fn params(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn challenge(name: ChallengeNameType, pairs: &[(&str, &str)]) -> Result<Challenge> {
    let p = params(pairs);
    let answer = Answer {
        challenge_name: Some(&name),
        session: Some("sess"),
        parameters: Some(&p),
        ..Answer::default()
    };
    match parse_answer("typed@example.com", answer)? {
        Step::Challenge(c) => Ok(c),
        Step::SignedIn(_) => panic!("expected a challenge"),
    }
}

#[test]
fn tokens_end_the_flow() {
    let result = AuthenticationResultType::builder()
        .id_token("id")
        .access_token("access")
        .refresh_token("refresh")
        .expires_in(3600)
        .build();
    let answer = Answer {
        result: Some(&result),
        ..Answer::default()
    };
    let Ok(Step::SignedIn(t)) = parse_answer("u", answer) else {
        panic!("expected tokens");
    };
    assert_eq!(t.id.expose(), "id");
    assert_eq!(t.refresh.as_ref().map(|r| r.expose()), Some("refresh"));
    assert_eq!(t.expires_in_secs, 3600);
}

#[test]
fn totp_challenge_carries_session_and_the_username_cognito_wants() {
    let c = challenge(
        ChallengeNameType::SoftwareTokenMfa,
        &[("USER_ID_FOR_SRP", "8d1c-uuid"), ("USERNAME", "x")],
    )
    .unwrap();
    assert_eq!(c.kind, ChallengeKind::SoftwareTokenMfa);
    assert_eq!(c.username, "8d1c-uuid");
    assert_eq!(c.session.expose(), "sess");
}

#[test]
fn delivered_codes_carry_destination_and_medium() {
    let c = challenge(
        ChallengeNameType::SmsMfa,
        &[
            ("CODE_DELIVERY_DELIVERY_MEDIUM", "SMS"),
            ("CODE_DELIVERY_DESTINATION", "+*******1234"),
        ],
    )
    .unwrap();
    let ChallengeKind::DeliveredCode { code, delivery } = c.kind else {
        panic!("expected a delivered code");
    };
    assert_eq!(code, DeliveredCode::SmsMfa);
    assert_eq!(code.answer_key(), "SMS_MFA_CODE");
    assert_eq!(delivery.destination.as_deref(), Some("+*******1234"));
    assert_eq!(delivery.medium.as_deref(), Some("SMS"));
    // Without the delivery parameters the challenge still stands, with nothing to show.
    let bare = challenge(ChallengeNameType::EmailOtp, &[]).unwrap();
    assert_eq!(
        bare.kind,
        ChallengeKind::DeliveredCode {
            code: DeliveredCode::EmailOtp,
            delivery: Delivery::default()
        }
    );
    assert_eq!(bare.name(), ChallengeNameType::EmailOtp);
    let sms_otp = challenge(ChallengeNameType::SmsOtp, &[]).unwrap();
    assert_eq!(sms_otp.name(), ChallengeNameType::SmsOtp);
}

#[test]
fn lists_parse_in_both_forms_and_malformed_ones_do_not_panic() {
    for raw in [
        "[\"SOFTWARE_TOKEN_MFA\",\"SMS_MFA\"]",
        "['SOFTWARE_TOKEN_MFA', 'SMS_MFA']",
    ] {
        let c = challenge(ChallengeNameType::MfaSetup, &[("MFAS_CAN_SETUP", raw)]).unwrap();
        assert_eq!(
            c.kind,
            ChallengeKind::MfaSetup {
                allowed: vec!["SOFTWARE_TOKEN_MFA".into(), "SMS_MFA".into()]
            }
        );
    }
    let c = challenge(
        ChallengeNameType::SelectMfaType,
        &[("MFAS_CAN_CHOOSE", "[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]")],
    )
    .unwrap();
    assert_eq!(
        c.kind,
        ChallengeKind::SelectMfaType {
            options: vec!["SMS_MFA".into(), "SOFTWARE_TOKEN_MFA".into()]
        }
    );
    for garbage in ["", "[", "]]", "{\"a\":1}", "[,,]", "\u{0}"] {
        let c = challenge(
            ChallengeNameType::SelectMfaType,
            &[("MFAS_CAN_CHOOSE", garbage)],
        );
        assert!(c.is_ok(), "{garbage:?} must parse to some list");
    }
}

#[test]
fn new_password_lists_required_attributes_without_their_prefix() {
    let c = challenge(
        ChallengeNameType::NewPasswordRequired,
        &[
            (
                "requiredAttributes",
                "[\"userAttributes.name\",\"userAttributes.phone_number\"]",
            ),
            ("userAttributes", "{\"email\":\"a@b.c\"}"),
        ],
    )
    .unwrap();
    assert_eq!(
        c.kind,
        ChallengeKind::NewPasswordRequired {
            required_attributes: vec!["name".into(), "phone_number".into()]
        }
    );
}

#[test]
fn custom_challenges_show_their_public_parameters_only() {
    let c = challenge(
        ChallengeNameType::CustomChallenge,
        &[("USERNAME", "u"), ("question", "2 + 3?"), ("attempt", "1")],
    )
    .unwrap();
    let ChallengeKind::Custom { parameters } = c.kind else {
        panic!("expected a custom challenge");
    };
    assert_eq!(
        parameters.into_iter().collect::<Vec<_>>(),
        vec![
            ("attempt".to_string(), "1".to_string()),
            ("question".to_string(), "2 + 3?".to_string())
        ]
    );
}

#[test]
fn select_challenge_reads_the_available_challenges() {
    let available = [
        ChallengeNameType::Password,
        ChallengeNameType::PasswordSrp,
        ChallengeNameType::EmailOtp,
        ChallengeNameType::WebAuthn,
    ];
    let answer = Answer {
        challenge_name: Some(&ChallengeNameType::SelectChallenge),
        session: Some("s"),
        available_challenges: &available,
        ..Answer::default()
    };
    let Ok(Step::Challenge(c)) = parse_answer("u", answer) else {
        panic!("expected SELECT_CHALLENGE");
    };
    assert_eq!(
        c.kind,
        ChallengeKind::SelectChallenge {
            available: vec![
                "PASSWORD".into(),
                "PASSWORD_SRP".into(),
                "EMAIL_OTP".into(),
                "WEB_AUTHN".into()
            ]
        }
    );
}

#[test]
fn unknown_challenges_are_named_not_swallowed() {
    let e = challenge(ChallengeNameType::DevicePasswordVerifier, &[]).unwrap_err();
    assert!(e.message.contains("DEVICE_PASSWORD_VERIFIER"));
}

#[test]
fn web_authn_carries_its_request_options_and_is_refused_without_them() {
    let options = r#"{"challenge":"c2lnbg","rpId":"auth.example.com"}"#;
    let c = challenge(
        ChallengeNameType::WebAuthn,
        &[
            ("USERNAME", "dana"),
            ("CREDENTIAL_REQUEST_OPTIONS", options),
        ],
    )
    .unwrap();
    assert_eq!(
        c.kind,
        ChallengeKind::WebAuthn {
            request_options: options.into()
        }
    );
    let e = challenge(ChallengeNameType::WebAuthn, &[("USERNAME", "dana")]).unwrap_err();
    assert_eq!(e.code, Code::UnexpectedResponse);
    assert!(e.message.contains("CREDENTIAL_REQUEST_OPTIONS"));
}

#[test]
fn device_srp_auth_is_this_computers_to_answer() {
    let c = challenge(ChallengeNameType::DeviceSrpAuth, &[("USERNAME", "dana")]).unwrap();
    assert_eq!(c.kind, ChallengeKind::DeviceSrpAuth);
    assert_eq!(c.username, "dana");
}

#[test]
fn a_challenge_without_session_or_an_empty_answer_is_an_error() {
    let answer = Answer {
        challenge_name: Some(&ChallengeNameType::SoftwareTokenMfa),
        ..Answer::default()
    };
    assert_eq!(
        parse_answer("u", answer).unwrap_err().code,
        Code::UnexpectedResponse
    );
    assert_eq!(
        parse_answer("u", Answer::default()).unwrap_err().code,
        Code::UnexpectedResponse
    );
}

#[test]
fn codes_accept_pasted_forms() {
    assert_eq!(normalise_code(" 123 456 ").unwrap(), "123456");
    assert_eq!(normalise_code("123-456").unwrap(), "123456");
    assert_eq!(normalise_code("12345").unwrap_err().code, Code::InvalidCode);
    assert_eq!(
        normalise_code("12345a").unwrap_err().code,
        Code::InvalidCode
    );
    assert_eq!(normalise_delivered_code("1234 5678").unwrap(), "12345678");
    assert_eq!(normalise_delivered_code("123456").unwrap(), "123456");
    assert_eq!(
        normalise_delivered_code("123456789").unwrap_err().code,
        Code::InvalidDeliveredCode
    );
}
