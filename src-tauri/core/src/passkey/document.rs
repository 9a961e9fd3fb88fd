//! The SDK carries WebAuthn's JSON as a smithy `Document`; the WebAuthn types are serde
//! types. These two functions convert between them (the SDK offers no serde for
//! documents outside its unstable cfg).

use aws_smithy_types::{Document, Number};
use serde_json::Value;

pub fn to_json(document: &Document) -> Value {
    match document {
        Document::Object(map) => Value::Object(
            map.iter()
                .map(|(key, value)| (key.clone(), to_json(value)))
                .collect(),
        ),
        Document::Array(items) => Value::Array(items.iter().map(to_json).collect()),
        Document::Number(Number::PosInt(n)) => Value::from(*n),
        Document::Number(Number::NegInt(n)) => Value::from(*n),
        Document::Number(Number::Float(f)) => Value::from(*f),
        Document::String(text) => Value::String(text.clone()),
        Document::Bool(b) => Value::Bool(*b),
        Document::Null => Value::Null,
    }
}

pub fn from_json(value: &Value) -> Document {
    match value {
        Value::Object(map) => Document::Object(
            map.iter()
                .map(|(key, value)| (key.clone(), from_json(value)))
                .collect(),
        ),
        Value::Array(items) => Document::Array(items.iter().map(from_json).collect()),
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => Document::Number(Number::PosInt(u)),
            (_, Some(i), _) => Document::Number(Number::NegInt(i)),
            (_, _, f) => Document::Number(Number::Float(f.unwrap_or_default())),
        },
        Value::String(text) => Document::String(text.clone()),
        Value::Bool(b) => Document::Bool(*b),
        Value::Null => Document::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_survives_the_round_trip_through_a_document() {
        let json = serde_json::json!({
            "challenge": "q83v", "timeout": 180000, "pubKeyCredParams": [{"alg": -7, "type": "public-key"}],
            "extensions": {"credProps": true}, "ratio": 1.5, "none": null
        });
        assert_eq!(to_json(&from_json(&json)), json);
    }
}
