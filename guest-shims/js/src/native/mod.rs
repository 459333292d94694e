//! Native functions the JavaScript layer calls through the hidden `__native` object:
//! host calls, script evaluation, and everything that is faster or only possible in Rust
//! (hashing, encodings, the filesystem).

mod crypto;
mod encoding;
mod fs;
mod zlib;

use std::rc::Rc;
use std::time::Instant;

use rquickjs::context::EvalOptions;
use rquickjs::{Ctx, Exception, Function, Object, Result, TypedArray, Value};

use crate::builtins;
use crate::host::Host;

/// Copies the bytes of a `Uint8Array` (or `Buffer`, or any view on one).
pub(crate) fn bytes_of<'js>(ctx: &Ctx<'js>, value: &Value<'js>) -> Result<Vec<u8>> {
    let array = TypedArray::<u8>::from_value(value.clone())
        .map_err(|_| Exception::throw_type(ctx, "expected a Uint8Array"))?;
    // SAFETY: the slice is copied before any JavaScript runs again.
    Ok(unsafe { array.as_bytes() }.unwrap_or_default().to_vec())
}

pub(crate) fn to_array<'js>(ctx: &Ctx<'js>, bytes: Vec<u8>) -> Result<TypedArray<'js, u8>> {
    TypedArray::new(ctx.clone(), bytes)
}

/// Installs `globalThis.__native`; the bootstrap takes it and deletes the global.
pub fn install<'js>(ctx: &Ctx<'js>, host: Rc<dyn Host>) -> Result<()> {
    let native = Object::new(ctx.clone())?;
    let started = Instant::now();

    let h = host.clone();
    native.set(
        "log",
        Function::new(ctx.clone(), move |text: String| h.log(&text))?,
    )?;
    let h = host.clone();
    native.set(
        "remainingTimeMs",
        Function::new(ctx.clone(), move || h.remaining_time_ms() as f64)?,
    )?;
    let h = host;
    native.set(
        "sleepMs",
        Function::new(ctx.clone(), move |ms: f64| {
            h.sleep_ms(ms.max(0.0).ceil() as u64)
        })?,
    )?;
    native.set(
        "monotonicMs",
        Function::new(ctx.clone(), move || {
            started.elapsed().as_secs_f64() * 1000.0
        })?,
    )?;
    native.set(
        "env",
        Function::new(ctx.clone(), || {
            std::env::vars()
                .map(|(k, v)| vec![k, v])
                .collect::<Vec<_>>()
        })?,
    )?;
    native.set("memoryBytes", Function::new(ctx.clone(), memory_bytes)?)?;
    native.set("evalScript", Function::new(ctx.clone(), eval_script)?)?;
    native.set(
        "builtinSource",
        Function::new(ctx.clone(), |name: String| {
            builtins::source(&name).map(str::to_string)
        })?,
    )?;
    native.set(
        "builtinNames",
        Function::new(ctx.clone(), || {
            builtins::NAMES
                .iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
        })?,
    )?;
    crypto::install(ctx, &native)?;
    encoding::install(ctx, &native)?;
    fs::install(ctx, &native)?;
    zlib::install(ctx, &native)?;
    ctx.globals().set("__native", native)?;
    Ok(())
}

/// Evaluates classic script text under a file name, so stack traces name the file.
fn eval_script<'js>(ctx: Ctx<'js>, source: String, filename: String) -> Result<Value<'js>> {
    let mut options = EvalOptions::default();
    options.global = true;
    options.strict = false;
    options.filename = Some(filename);
    ctx.eval_with_options(source, options)
}

/// Linear memory in use: the closest thing to an RSS inside the sandbox.
fn memory_bytes() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        (core::arch::wasm32::memory_size(0) * 65536) as f64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}
