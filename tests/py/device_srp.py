"""Cognito's side of device SRP, for the wire-shape stand-in: an implementation other
than the app's (pycognito's SRP primitives, after amazon-cognito-identity-js), so a
wrong verifier, salt or proof from the app fails the test.

    python device_srp.py verifier   {groupKey, deviceKey, password, salt}        -> {verifier}
    python device_srp.py challenge  {verifier}                                   -> {b, srpB}
    python device_srp.py verify     {verifier, b, srpB, srpA, salt, groupKey, deviceKey,
                                     secretBlock, timestamp, signature}           -> {ok}

JSON on stdin and stdout; every number in hex, every byte string in base64 (as the API).
"""

import base64
import hashlib
import hmac
import json
import sys

from pycognito.aws_srp import (
    G_HEX,
    N_HEX,
    calculate_u,
    compute_hkdf,
    get_random,
    hash_sha256,
    hex_hash,
    hex_to_long,
    long_to_hex,
    pad_hex,
)

BIG_N = hex_to_long(N_HEX)
G = hex_to_long(G_HEX)
K = hex_to_long(hex_hash("00" + N_HEX + "0" + G_HEX))


def b64_to_hex(text):
    return base64.standard_b64decode(text).hex()


def verifier(req):
    """g^x mod N with x = H(salt | H(groupKey deviceKey ":" password)), as the app must."""
    identity = hash_sha256(
        f"{req['groupKey']}{req['deviceKey']}:{req['password']}".encode("utf-8")
    )
    x = hex_to_long(hex_hash(pad_hex(b64_to_hex(req["salt"])) + identity))
    value = pad_hex(pow(G, x, BIG_N))
    return {"verifier": base64.standard_b64encode(bytearray.fromhex(value)).decode()}


def challenge(req):
    """The server's ephemeral pair: B = k*v + g^b mod N."""
    v = hex_to_long(b64_to_hex(req["verifier"]))
    b = get_random(128)
    big_b = (K * v + pow(G, b, BIG_N)) % BIG_N
    return {"b": long_to_hex(b), "srpB": long_to_hex(big_b)}


def verify(req):
    """S = (A * v^u)^b mod N; the HKDF of S keys the HMAC the app must have signed."""
    v = hex_to_long(b64_to_hex(req["verifier"]))
    big_a = hex_to_long(req["srpA"])
    big_b = hex_to_long(req["srpB"])
    if big_a % BIG_N == 0:
        return {"ok": False}
    u = calculate_u(big_a, big_b)
    s = pow(big_a * pow(v, u, BIG_N), hex_to_long(req["b"]), BIG_N)
    key = compute_hkdf(
        bytearray.fromhex(pad_hex(s)), bytearray.fromhex(pad_hex(long_to_hex(u)))
    )
    message = (
        req["groupKey"].encode("utf-8")
        + req["deviceKey"].encode("utf-8")
        + base64.standard_b64decode(req["secretBlock"])
        + req["timestamp"].encode("utf-8")
    )
    expected = base64.standard_b64encode(
        hmac.new(key, message, hashlib.sha256).digest()
    ).decode()
    return {"ok": hmac.compare_digest(expected, req["signature"])}


if __name__ == "__main__":
    command = {"verifier": verifier, "challenge": challenge, "verify": verify}[sys.argv[1]]
    json.dump(command(json.load(sys.stdin)), sys.stdout)
