//! Lambda semantics on top of the VM: handler resolution as the AWS Lambda Java runtime
//! does it (RequestStreamHandler, then RequestHandler with I/O types from the generic
//! Signature, or `Class::method` with the runtime's overload rules), one handler instance per
//! warm sandbox, the Context object, JSON mapping and the error document.

pub mod json;
pub mod mapping;
pub mod signature;

use crate::classfile::{ACC_BRIDGE, ACC_PUBLIC, ACC_STATIC};
use crate::vm::class::MethodId;
use crate::vm::heap::Native;
use crate::vm::value::{Ref, Value, NULL};
use crate::vm::{Throw, Vm};
use json::Json;
use mapping::MapError;
use signature::{parse_class_signature, parse_method_params, parse_type, JType};

const STREAM_HANDLER: &str = "com/amazonaws/services/lambda/runtime/RequestStreamHandler";
const REQUEST_HANDLER: &str = "com/amazonaws/services/lambda/runtime/RequestHandler";
const CONTEXT: &str = "com/amazonaws/services/lambda/runtime/Context";

/// The Lambda error document.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionError {
    pub error_type: String,
    pub error_message: String,
    pub stack_trace: Vec<String>,
}

impl FunctionError {
    fn new(error_type: &str, message: impl Into<String>) -> Self {
        FunctionError {
            error_type: error_type.into(),
            error_message: message.into(),
            stack_trace: vec![],
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub payload: Vec<u8>,
    pub is_json: bool,
}

/// The invocation context (mirrors the WIT `context` record).
#[derive(Debug, Clone, Default)]
pub struct InvokeContext {
    pub aws_request_id: String,
    pub function_name: String,
    pub function_version: String,
    pub invoked_function_arn: String,
    pub memory_limit_mb: u32,
    pub log_group_name: String,
    pub log_stream_name: String,
    pub deadline_ms: u64,
    pub client_context: Option<String>,
    pub identity: Option<String>,
    pub user_context: Option<String>,
}

#[derive(Debug, Clone)]
enum Param {
    Input(JType),
    InputStream,
    OutputStream,
    Context,
}

enum Shape {
    /// RequestStreamHandler.handleRequest(InputStream, OutputStream, Context).
    Stream,
    /// RequestHandler.handleRequest(I, Context) → O.
    Request { input: JType },
    /// A plain method: its parameters and return kind.
    Method {
        method: MethodId,
        params: Vec<Param>,
        ret: u8,
    },
}

pub struct Runtime {
    pub vm: Vm,
    shape: Shape,
    /// The handler instance (None for static methods), reused across invocations.
    instance: Ref,
}

/// Turns a Java exception into the error document (type, message, user frames).
pub fn error_from_throw(vm: &mut Vm, t: Throw) -> FunctionError {
    match t {
        Throw::Fatal(m) => FunctionError::new("lambdabox.InternalError", m),
        Throw::Java(ex) => {
            let error_type = vm.class(vm.heap.get(ex).class).java_name();
            let msg = vm
                .call_virtual(ex, "getLocalizedMessage", "()Ljava/lang/String;", &[])
                .ok()
                .and_then(|v| vm.rust_string(v.reference()));
            let stack_trace = match &vm.heap.get(ex).native {
                Native::Backtrace(frames) => frames
                    .iter()
                    .map(|f| match (&f.file, f.line) {
                        (Some(file), Some(line)) => {
                            format!("{}.{}({}:{})", f.class, f.method, file, line)
                        }
                        (Some(file), None) => format!("{}.{}({})", f.class, f.method, file),
                        _ => format!("{}.{}(Unknown Source)", f.class, f.method),
                    })
                    .collect(),
                _ => vec![],
            };
            FunctionError {
                error_message: msg.unwrap_or_else(|| error_type.clone()),
                error_type,
                stack_trace,
            }
        }
    }
}

impl Runtime {
    /// Loads the handler class, runs its static initialisers and creates the instance.
    pub fn new(mut vm: Vm, handler: &str) -> Result<Runtime, FunctionError> {
        let (class, method) = match handler.rsplit_once("::") {
            Some((c, m)) => (c.to_string(), Some(m.to_string())),
            None => (handler.to_string(), None),
        };
        let internal = class.replace('.', "/");
        let id = match vm.load_class(&internal) {
            Ok(id) => id,
            Err(Throw::Java(ex))
                if vm.instance_of_name(ex, "java/lang/NoClassDefFoundError")
                    && vm.class_by_name(&internal).is_none() =>
            {
                let msg = vm
                    .call_virtual(ex, "getMessage", "()Ljava/lang/String;", &[])
                    .ok()
                    .and_then(|v| vm.rust_string(v.reference()))
                    .unwrap_or_default();
                if msg == class {
                    return Err(FunctionError::new(
                        "java.lang.ClassNotFoundException",
                        class,
                    ));
                }
                return Err(error_from_throw(&mut vm, Throw::Java(ex)));
            }
            Err(t) => return Err(error_from_throw(&mut vm, t)),
        };
        if let Err(t) = vm.ensure_init(id) {
            return Err(error_from_throw(&mut vm, t));
        }
        let shape = match &method {
            None => {
                let stream = vm.class_by_name(STREAM_HANDLER);
                let request = vm.class_by_name(REQUEST_HANDLER);
                if stream.is_some_and(|s| vm.is_subclass(id, s)) {
                    Shape::Stream
                } else if request.is_some_and(|r| vm.is_subclass(id, r)) {
                    let input = request_input_type(&vm, id).unwrap_or_else(JType::object);
                    Shape::Request { input }
                } else {
                    return Err(FunctionError::new(
                        "java.lang.ClassCastException",
                        format!(
                            "Class '{class}' does not implement RequestHandler or RequestStreamHandler; use '{class}::method' for a plain method"
                        ),
                    ));
                }
            }
            Some(name) => select_method(&vm, id, name).ok_or_else(|| {
                FunctionError::new("java.lang.NoSuchMethodException", format!("No public method named {name} with appropriate method signature found on class {class}"))
            })?,
        };
        let needs_instance = match &shape {
            Shape::Method { method, .. } => !vm.method(*method).is_static(),
            _ => true,
        };
        let instance = if needs_instance {
            match vm.new_instance(&internal) {
                Ok(r) => {
                    vm.pin(r);
                    r
                }
                Err(t) => return Err(error_from_throw(&mut vm, t)),
            }
        } else {
            NULL
        };
        Ok(Runtime {
            vm,
            shape,
            instance,
        })
    }

    /// Runs one invocation with `event` (JSON text) and the invocation context.
    pub fn invoke(&mut self, event: &[u8], ctx: &InvokeContext) -> Result<Response, FunctionError> {
        // Java's heap gets three quarters of the function's memory, so a Java program that
        // outgrows it sees a catchable OutOfMemoryError before the sandbox's hard cap.
        if ctx.memory_limit_mb > 0 {
            self.vm.limits.heap_bytes = ctx.memory_limit_mb as usize * 3 / 4 * (1 << 20);
        }
        let mark = self.vm.pin_mark();
        let result = self
            .invoke_inner(event, ctx)
            .map_err(|t| error_from_throw(&mut self.vm, t));
        self.vm.unpin_to(mark);
        // Between invocations only statics, the instance and interned strings are live.
        self.vm.gc();
        result
    }

    fn invoke_inner(&mut self, event: &[u8], ctx: &InvokeContext) -> Result<Response, Throw> {
        let context = self.make_context(ctx)?;
        let vm = &mut self.vm;
        match &self.shape {
            Shape::Stream => {
                let (input, output) = streams(vm, event)?;
                vm.call_virtual(
                    self.instance,
                    "handleRequest",
                    "(Ljava/io/InputStream;Ljava/io/OutputStream;Lcom/amazonaws/services/lambda/runtime/Context;)V",
                    &[Value::Ref(input), Value::Ref(output), Value::Ref(context)],
                )?;
                Ok(Response {
                    payload: output_bytes(vm, output)?,
                    is_json: false,
                })
            }
            Shape::Request { input } => {
                let input = input.clone();
                let arg = parse_input(vm, event, &input)?;
                let out = vm.call_virtual(
                    self.instance,
                    "handleRequest",
                    "(Ljava/lang/Object;Lcom/amazonaws/services/lambda/runtime/Context;)Ljava/lang/Object;",
                    &[arg, Value::Ref(context)],
                )?;
                let mut text = String::new();
                mapping::to_json(vm, out, b'L', &mut text)?;
                Ok(Response {
                    payload: text.into_bytes(),
                    is_json: true,
                })
            }
            Shape::Method {
                method,
                params,
                ret,
            } => {
                let (method, params, ret) = (*method, params.clone(), *ret);
                let mut args = Vec::new();
                if self.instance != NULL {
                    args.push(Value::Ref(self.instance));
                }
                let mut output = NULL;
                for p in &params {
                    args.push(match p {
                        Param::Context => Value::Ref(context),
                        Param::InputStream => {
                            let (i, o) = streams(vm, event)?;
                            output = o;
                            Value::Ref(i)
                        }
                        Param::OutputStream => Value::Ref(output),
                        Param::Input(t) => parse_input(vm, event, t)?,
                    });
                }
                let out = vm.invoke(method, &args)?;
                if params.iter().any(|p| matches!(p, Param::OutputStream)) {
                    return Ok(Response {
                        payload: output_bytes(vm, output)?,
                        is_json: false,
                    });
                }
                let mut text = String::new();
                if ret == b'V' {
                    text.push_str("null");
                } else {
                    mapping::to_json(vm, out, ret, &mut text)?;
                }
                Ok(Response {
                    payload: text.into_bytes(),
                    is_json: true,
                })
            }
        }
    }

    fn make_context(&mut self, ctx: &InvokeContext) -> Result<Ref, Throw> {
        let vm = &mut self.vm;
        let c = vm.new_instance("lambdabox/runtime/LambdaRuntime")?;
        vm.pin(c);
        let user = ctx
            .user_context
            .as_deref()
            .and_then(|t| json::parse(t).ok());
        let user_str = |k: &str| -> Option<String> {
            match &user {
                Some(Json::Object(f)) => {
                    f.iter()
                        .rev()
                        .find(|(key, _)| key == k)
                        .and_then(|(_, v)| match v {
                            Json::String(s) => Some(s.clone()),
                            Json::Number(n) => Some(n.clone()),
                            _ => None,
                        })
                }
                _ => None,
            }
        };
        for (field, key, default) in [
            ("awsRequestId", "awsRequestId", &ctx.aws_request_id),
            ("functionName", "functionName", &ctx.function_name),
            ("functionVersion", "functionVersion", &ctx.function_version),
            (
                "invokedFunctionArn",
                "invokedFunctionArn",
                &ctx.invoked_function_arn,
            ),
            ("logGroupName", "logGroupName", &ctx.log_group_name),
            ("logStreamName", "logStreamName", &ctx.log_stream_name),
        ] {
            let v = user_str(key).unwrap_or_else(|| default.clone());
            let s = vm.new_string(&v);
            vm.set_field(c, field, Value::Ref(s));
        }
        let mem = user_str("memoryLimitInMB")
            .and_then(|m| m.parse().ok())
            .unwrap_or(ctx.memory_limit_mb);
        vm.set_field(c, "memoryLimitInMB", Value::Int(mem as i32));
        vm.set_field(c, "deadlineMs", Value::Long(ctx.deadline_ms as i64));
        if let Some(Ok(Json::Object(id))) = ctx.identity.as_deref().map(json::parse) {
            vm.set_field(c, "hasIdentity", Value::Int(1));
            for (field, keys) in [
                ("identityId", ["cognitoIdentityId", "identityId"]),
                (
                    "identityPoolId",
                    ["cognitoIdentityPoolId", "identityPoolId"],
                ),
            ] {
                if let Some((_, Json::String(s))) =
                    id.iter().find(|(k, _)| keys.contains(&k.as_str()))
                {
                    let s = vm.new_string(s);
                    vm.set_field(c, field, Value::Ref(s));
                }
            }
        }
        if let Some(Ok(Json::Object(cc))) = ctx.client_context.as_deref().map(json::parse) {
            vm.set_field(c, "hasClientContext", Value::Int(1));
            for (k, v) in &cc {
                match (k.as_str(), v) {
                    ("client", Json::Object(client)) => {
                        for (ck, cv) in client {
                            let field = match ck.as_str() {
                                "installation_id" | "installationId" => "installationId",
                                "app_title" | "appTitle" => "appTitle",
                                "app_version_name" | "appVersionName" => "appVersionName",
                                "app_version_code" | "appVersionCode" => "appVersionCode",
                                "app_package_name" | "appPackageName" => "appPackageName",
                                _ => continue,
                            };
                            if let Json::String(s) = cv {
                                let s = vm.new_string(s);
                                vm.set_field(c, field, Value::Ref(s));
                            }
                        }
                    }
                    ("custom" | "env" | "environment", obj @ Json::Object(_)) => {
                        let ty =
                            parse_type("Ljava/util/Map<Ljava/lang/String;Ljava/lang/String;>;")
                                .unwrap();
                        let m = match mapping::from_json(vm, obj, &ty) {
                            Ok(m) => m,
                            Err(MapError::Java(t)) => return Err(t),
                            Err(MapError::Mismatch(_)) => Value::NULL,
                        };
                        vm.set_field(
                            c,
                            if k == "custom" {
                                "custom"
                            } else {
                                "environment"
                            },
                            m,
                        );
                    }
                    _ => {}
                }
            }
        }
        Ok(c)
    }
}

fn streams(vm: &mut Vm, event: &[u8]) -> Result<(Ref, Ref), Throw> {
    let bytes = vm.new_array("[B", event.len())?;
    if let Some(crate::vm::heap::Array::Byte(b)) = vm.array_mut(bytes) {
        for (d, s) in b.iter_mut().zip(event) {
            *d = *s as i8;
        }
    }
    vm.pin(bytes);
    let cls = vm.load_class("java/io/ByteArrayInputStream")?;
    vm.ensure_init(cls)?;
    let input = vm.new_object(cls)?;
    vm.pin(input);
    vm.call_init(input, "([B)V", &[Value::Ref(bytes)])?;
    let output = vm.new_instance("java/io/ByteArrayOutputStream")?;
    vm.pin(output);
    Ok((input, output))
}

fn output_bytes(vm: &mut Vm, output: Ref) -> Result<Vec<u8>, Throw> {
    let arr = vm
        .call_virtual(output, "toByteArray", "()[B", &[])?
        .reference();
    Ok(match vm.array(arr) {
        Some(crate::vm::heap::Array::Byte(b)) => b.iter().map(|&x| x as u8).collect(),
        _ => vec![],
    })
}

fn parse_input(vm: &mut Vm, event: &[u8], ty: &JType) -> Result<Value, Throw> {
    let text = String::from_utf8_lossy(event);
    let parsed = if text.trim().is_empty() {
        Ok(Json::Null)
    } else {
        json::parse(&text)
    };
    let mapped = match parsed {
        Ok(j) => mapping::from_json(vm, &j, ty),
        Err(e) => Err(MapError::Mismatch(e.0)),
    };
    match mapped {
        Ok(v) => Ok(v),
        Err(MapError::Java(t)) => Err(t),
        Err(MapError::Mismatch(_)) => Err(vm.vm_error(
            "java/lang/RuntimeException",
            "An error occurred during JSON parsing",
        )),
    }
}

/// Breadth-first search over generic superclasses and interfaces for RequestHandler<I, O>,
/// resolving type variables on the way (as the runtime's reflection does).
fn request_input_type(vm: &Vm, class: u32) -> Option<JType> {
    let mut queue: Vec<(u32, Vec<(String, JType)>)> = vec![(class, vec![])];
    let mut i = 0;
    while i < queue.len() {
        let (c, bindings) = queue[i].clone();
        i += 1;
        let cls = vm.class(c);
        let file = cls.file.as_ref()?;
        let supers: Vec<JType> = match file.signature.as_deref().and_then(parse_class_signature) {
            Some(sig) => sig.supers,
            None => file
                .super_name
                .iter()
                .chain(file.interfaces.iter())
                .map(|n| JType::Class(n.to_string(), vec![]))
                .collect(),
        };
        for s in supers {
            let s = s.subst(&|v| {
                bindings
                    .iter()
                    .find(|(n, _)| n == v)
                    .map(|(_, t)| t.clone())
            });
            let Some(name) = s.class_name() else { continue };
            if name == REQUEST_HANDLER {
                return Some(s.arg(0).cloned().unwrap_or_else(JType::object));
            }
            if let Some(sid) = vm.class_by_name(name) {
                let params = vm
                    .class(sid)
                    .file
                    .as_ref()
                    .and_then(|f| f.signature.as_deref())
                    .and_then(parse_class_signature)
                    .map(|sig| sig.params)
                    .unwrap_or_default();
                let b = params
                    .into_iter()
                    .enumerate()
                    .map(|(k, p)| (p, s.arg(k).cloned().unwrap_or_else(JType::object)))
                    .collect();
                queue.push((sid, b));
            }
        }
    }
    None
}

/// `Class::method`: public methods of that name (inherited included); non-bridge methods
/// win, then the longest parameter list, a trailing Context counting one extra.
fn select_method(vm: &Vm, class: u32, name: &str) -> Option<Shape> {
    let mut candidates: Vec<(MethodId, bool, usize)> = Vec::new();
    let mut c = Some(class);
    while let Some(id) = c {
        for (i, m) in vm.class(id).methods.iter().enumerate() {
            if &*m.name != name || m.access & ACC_PUBLIC == 0 {
                continue;
            }
            if candidates
                .iter()
                .any(|(mid, _, _)| *vm.method(*mid).desc == *m.desc)
            {
                continue;
            }
            let params = parse_method_params(&m.desc).unwrap_or_default();
            let ctx_bonus =
                usize::from(params.last().and_then(|p| p.class_name()) == Some(CONTEXT));
            candidates.push((
                (id, i as u16),
                m.access & ACC_BRIDGE == 0,
                params.len() + ctx_bonus,
            ));
        }
        c = vm.class(id).super_id;
    }
    candidates.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)));
    let (mid, _, _) = *candidates.first()?;
    let m = vm.method(mid);
    let sig = m
        .signature
        .as_deref()
        .and_then(parse_method_params)
        .or_else(|| parse_method_params(&m.desc))?;
    let mut params = Vec::new();
    for (k, p) in sig.iter().enumerate() {
        params.push(match p.class_name() {
            Some(CONTEXT) => Param::Context,
            Some("java/io/InputStream") if k == 0 => Param::InputStream,
            Some("java/io/OutputStream") if k == 1 => Param::OutputStream,
            _ => Param::Input(p.clone()),
        });
    }
    let _ = ACC_STATIC;
    Some(Shape::Method {
        method: mid,
        params,
        ret: m.ret,
    })
}

#[cfg(test)]
mod tests;
