"""Cognito's side of a passkey, for the wire-shape stand-in: each registration and each
assertion the app sends is verified with py_webauthn (Duo Labs), a relying-party
implementation other than the app's passkey-rs. It checks the signature, the challenge,
the RP ID hash, the origin, the user-presence and user-verification flags and the sign
counter.

Usage: webauthn_rp.py register|authenticate, a JSON request on stdin; prints
{"ok": true, ...} or {"ok": false, "error": "..."}.
"""
import json
import sys

from webauthn import verify_authentication_response, verify_registration_response
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url


def register(req):
    verified = verify_registration_response(
        credential=req["credential"],
        expected_challenge=base64url_to_bytes(req["challenge"]),
        expected_rp_id=req["rpId"],
        expected_origin=req["origin"],
        require_user_verification=req["requireUserVerification"],
    )
    return {
        "credentialId": bytes_to_base64url(verified.credential_id),
        "publicKey": bytes_to_base64url(verified.credential_public_key),
        "signCount": verified.sign_count,
        "userVerified": verified.user_verified,
        "attestationFormat": str(getattr(verified.fmt, "value", verified.fmt)),
    }


def authenticate(req):
    verified = verify_authentication_response(
        credential=req["credential"],
        expected_challenge=base64url_to_bytes(req["challenge"]),
        expected_rp_id=req["rpId"],
        expected_origin=req["origin"],
        credential_public_key=base64url_to_bytes(req["publicKey"]),
        credential_current_sign_count=req["signCount"],
        require_user_verification=req["requireUserVerification"],
    )
    return {
        "credentialId": bytes_to_base64url(verified.credential_id),
        "signCount": verified.new_sign_count,
        "userVerified": verified.user_verified,
    }


def main():
    command = sys.argv[1]
    req = json.load(sys.stdin)
    try:
        out = {"register": register, "authenticate": authenticate}[command](req)
        out["ok"] = True
    except Exception as e:  # every refusal is the answer, not a crash
        out = {"ok": False, "error": f"{type(e).__name__}: {e}"}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
