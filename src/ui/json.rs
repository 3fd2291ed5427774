//! JSON text to a `serde_json::Value` through the browser's own `JSON.parse`, for the model's
//! readers of stored scenarios and scenario files (`model::export::JsonParser`): the page then
//! carries no JSON parser of its own. `JSON.parse` reads numbers correctly rounded (ECMAScript,
//! "StringToNumber"), so a value saved as its shortest text reads back bit for bit.

use js_sys::{Array, Object, Reflect};
use serde_json::{Map, Number, Value};
use wasm_bindgen::{JsCast, JsValue};

/// Nesting deeper than this is refused (serde_json's own limit), so a hostile text cannot
/// exhaust the stack while it is converted.
const MAX_DEPTH: usize = 128;

/// Parses `text` as JSON.
pub fn parse(text: &str) -> Result<Value, String> {
    let value = js_sys::JSON::parse(text).map_err(|e| {
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "not JSON".to_string())
    })?;
    convert(&value, 0)
}

fn convert(v: &JsValue, depth: usize) -> Result<Value, String> {
    if depth > MAX_DEPTH {
        return Err(format!("nested more than {MAX_DEPTH} levels deep"));
    }
    if v.is_null() {
        return Ok(Value::Null);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(x) = v.as_f64() {
        return Ok(number(x));
    }
    if let Some(s) = v.as_string() {
        return Ok(Value::String(s));
    }
    if Array::is_array(v) {
        let array: &Array = v.unchecked_ref();
        return array
            .iter()
            .map(|item| convert(&item, depth + 1))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array);
    }
    let Some(object) = v.dyn_ref::<Object>() else {
        return Err("an unexpected value in JSON".to_string());
    };
    let mut map = Map::new();
    for key in Object::keys(object).iter() {
        let Some(name) = key.as_string() else {
            continue;
        };
        let item = Reflect::get(object, &key).map_err(|_| "an unreadable key".to_string())?;
        map.insert(name, convert(&item, depth + 1)?);
    }
    Ok(Value::Object(map))
}

/// A JS number as serde_json reads the same text: whole numbers that fit exactly as integers
/// (so `as_u64` reads a version or a revision), others as floats. JSON has no NaN or infinity,
/// so `JSON.parse` never returns one.
fn number(x: f64) -> Value {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    let negative_zero = x == 0.0 && x.is_sign_negative();
    if x.fract() == 0.0 && x.abs() <= EXACT && !negative_zero {
        if x >= 0.0 {
            Value::from(x as u64)
        } else {
            Value::from(x as i64)
        }
    } else {
        Number::from_f64(x).map_or(Value::Null, Value::Number)
    }
}
