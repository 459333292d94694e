//! invokedynamic, linked natively (no java.lang.invoke): string concatenation
//! (StringConcatFactory), lambdas and method references (LambdaMetafactory), record
//! methods (ObjectMethods) and pattern switches (SwitchBootstraps, Java 21). Each call site is linked once and cached in its class's
//! constant-pool cache.

use std::collections::HashMap;
use std::rc::Rc;

use super::class::{Body, Class, InitState, LambdaTarget, Method, Resolved};
use super::heap::ClassId;
use super::value::{parse_method_desc, Ref, Value, NULL};
use super::{JResult, Throw, Vm};
use crate::classfile::{Constant, MemberRef, ACC_FINAL, ACC_PUBLIC, ACC_SYNTHETIC};

pub struct ConcatSite {
    recipe: Vec<u16>,
    constants: Vec<Rc<[u16]>>,
    args: Vec<u8>,
}

pub struct RecordSite {
    method: Rc<str>,
    record: ClassId,
    names: Vec<String>,
    getters: Vec<MemberRef>,
}

/// One case label of a pattern `switch` (the bootstrap's static arguments).
enum SwitchLabel {
    /// A type pattern: matches instances of the class.
    Type(ClassId),
    /// A constant of a switch on a boxed integral type (or Object): matches equal numbers.
    Int(i32),
    /// A String constant (typeSwitch) or, in an enumSwitch, an enum constant's name.
    Str(Rc<[u16]>),
    /// An enum constant in a typeSwitch (javac 22+ emits `EnumDesc` constants for them).
    EnumConst(ClassId, Rc<[u16]>),
}

pub struct SwitchSite {
    labels: Vec<SwitchLabel>,
    /// enumSwitch: string labels name enum constants.
    enum_switch: bool,
}

#[derive(Default)]
pub struct Sites {
    // (GC roots: `singletons`; everything else holds no heap references.)
    concat: Vec<ConcatSite>,
    records: Vec<RecordSite>,
    switches: Vec<SwitchSite>,
    lambdas: u32,
    /// Non-capturing lambdas are singletons, like HotSpot's.
    singletons: HashMap<ClassId, Ref>,
}

impl Sites {
    /// Heap references held by linked call sites (GC roots).
    pub fn roots(&self) -> impl Iterator<Item = Ref> + '_ {
        self.singletons.values().copied()
    }
}

fn fatal(e: impl std::fmt::Display) -> Throw {
    Throw::Fatal(e.to_string())
}

pub fn invokedynamic(vm: &mut Vm, class: ClassId, idx: u16) -> JResult<()> {
    let site = match vm.class(class).cache.get(idx as usize).copied().flatten() {
        Some(s) => s,
        None => {
            let s = link(vm, class, idx)?;
            vm.class_mut(class).cache[idx as usize] = Some(s);
            s
        }
    };
    match site {
        Resolved::ConcatSite(n) => {
            let nargs = vm.indy.concat[n as usize].args.len();
            let args = pop_args(vm, nargs);
            let mark = vm.pin_mark();
            vm.pin_values(&args);
            let s = concat(vm, n as usize, &args);
            vm.unpin_to(mark);
            push(vm, Value::Ref(s?));
        }
        Resolved::LambdaSite(lc) => {
            let ncap = vm.class(lc).field_descs.len();
            let args = pop_args(vm, ncap);
            let obj = if ncap == 0 {
                match vm.indy.singletons.get(&lc) {
                    Some(&o) => o,
                    None => {
                        let o = vm.new_object(lc)?;
                        vm.indy.singletons.insert(lc, o);
                        o
                    }
                }
            } else {
                let o = vm.new_object(lc)?;
                vm.heap.get_mut(o).fields.copy_from_slice(&args);
                o
            };
            push(vm, Value::Ref(obj));
        }
        Resolved::RecordSite(n) => {
            let method = vm.indy.records[n as usize].method.clone();
            let nargs = if &*method == "equals" { 2 } else { 1 };
            let args = pop_args(vm, nargs);
            let mark = vm.pin_mark();
            vm.pin_values(&args);
            let v = record_method(vm, n as usize, &args);
            vm.unpin_to(mark);
            push(vm, v?);
        }
        Resolved::SwitchSite(n) => {
            let args = pop_args(vm, 2);
            let mark = vm.pin_mark();
            vm.pin_values(&args);
            let v = switch_index(vm, n as usize, args[0].reference(), args[1].int());
            vm.unpin_to(mark);
            push(vm, Value::Int(v?));
        }
        _ => return Err(fatal("invokedynamic site cache holds a non-site entry")),
    }
    Ok(())
}

fn pop_args(vm: &mut Vm, n: usize) -> Vec<Value> {
    let f = vm.frames.last_mut().unwrap();
    let at = f.stack.len().saturating_sub(n);
    f.stack.split_off(at)
}

fn push(vm: &mut Vm, v: Value) {
    vm.frames.last_mut().unwrap().stack.push(v);
}

fn link(vm: &mut Vm, class: ClassId, idx: u16) -> JResult<Resolved> {
    let file = vm
        .class(class)
        .file
        .clone()
        .ok_or_else(|| fatal("indy outside a class file"))?;
    let cp = &file.cp;
    let Constant::InvokeDynamic { bsm, nat } = cp.get(idx).map_err(fatal)? else {
        return Err(fatal(
            "invokedynamic operand is not an InvokeDynamic constant",
        ));
    };
    let (name, desc) = cp.name_and_type(*nat).map_err(fatal)?;
    let (name, desc) = (name.clone(), desc.clone());
    let bm = file
        .bootstrap_methods
        .get(*bsm as usize)
        .ok_or_else(|| fatal("bad bootstrap index"))?;
    let Constant::MethodHandle { reference, .. } = cp.get(bm.method).map_err(fatal)? else {
        return Err(fatal("bootstrap is not a method handle"));
    };
    let boot = cp.member_ref(*reference).map_err(fatal)?;
    let (params, _) = parse_method_desc(&desc).ok_or_else(|| fatal("bad call-site descriptor"))?;
    match (&*boot.class, &*boot.name) {
        ("java/lang/invoke/StringConcatFactory", "makeConcatWithConstants" | "makeConcat") => {
            let mut constants = Vec::new();
            let recipe: Vec<u16> = if &*boot.name == "makeConcat" {
                vec![1; params.len()]
            } else {
                let Some(Constant::String(s)) = bm
                    .args
                    .first()
                    .map(|&a| cp.get(a))
                    .transpose()
                    .map_err(fatal)?
                else {
                    return Err(fatal("makeConcatWithConstants without a recipe"));
                };
                for &a in &bm.args[1..] {
                    constants.push(match cp.get(a).map_err(fatal)? {
                        Constant::String(s) => cp.utf16(*s).map_err(fatal)?.clone(),
                        Constant::Integer(i) => {
                            i.to_string().encode_utf16().collect::<Vec<_>>().into()
                        }
                        other => format!("{other:?}")
                            .encode_utf16()
                            .collect::<Vec<_>>()
                            .into(),
                    });
                }
                cp.utf16(*s).map_err(fatal)?.to_vec()
            };
            let args = params.iter().map(|p| p.as_bytes()[0]).collect();
            vm.indy.concat.push(ConcatSite {
                recipe,
                constants,
                args,
            });
            Ok(Resolved::ConcatSite(vm.indy.concat.len() as u32 - 1))
        }
        ("java/lang/invoke/LambdaMetafactory", "metafactory" | "altMetafactory") => {
            let arg = |i: usize| {
                bm.args
                    .get(i)
                    .copied()
                    .ok_or_else(|| fatal("missing metafactory argument"))
            };
            let erased = method_type(cp, arg(0)?)?;
            let Constant::MethodHandle { kind, reference } = cp.get(arg(1)?).map_err(fatal)? else {
                return Err(fatal("metafactory implementation is not a method handle"));
            };
            let target = cp.member_ref(*reference).map_err(fatal)?;
            let (_, iface) =
                parse_method_desc(&desc).ok_or_else(|| fatal("bad call-site descriptor"))?;
            let iface = iface
                .strip_prefix('L')
                .and_then(|s| s.strip_suffix(';'))
                .unwrap_or(&iface)
                .to_string();
            let mut interfaces = vec![vm.load_class(&iface)?];
            let mut bridges = Vec::new();
            if &*boot.name == "altMetafactory" {
                let flags = match cp.get(arg(3)?).map_err(fatal)? {
                    Constant::Integer(f) => *f,
                    _ => 0,
                };
                let mut i = 4;
                if flags & 2 != 0 {
                    let n = match cp.get(arg(i)?).map_err(fatal)? {
                        Constant::Integer(n) => *n as usize,
                        _ => 0,
                    };
                    for k in 0..n {
                        let m = cp.class_name(arg(i + 1 + k)?).map_err(fatal)?.clone();
                        interfaces.push(vm.load_class(&m)?);
                    }
                    i += 1 + n;
                }
                if flags & 4 != 0 {
                    let n = match cp.get(arg(i)?).map_err(fatal)? {
                        Constant::Integer(n) => *n as usize,
                        _ => 0,
                    };
                    for k in 0..n {
                        bridges.push(method_type(cp, arg(i + 1 + k)?)?);
                    }
                }
            }
            let lt = Rc::new(LambdaTarget {
                kind: *kind,
                target,
                captured: params.len(),
            });
            let lc = lambda_class(vm, class, interfaces, &params, &name, &erased, &bridges, lt)?;
            Ok(Resolved::LambdaSite(lc))
        }
        ("java/lang/runtime/ObjectMethods", "bootstrap") => {
            let rec_name = match bm
                .args
                .first()
                .map(|&a| cp.get(a))
                .transpose()
                .map_err(fatal)?
            {
                Some(Constant::Class(n)) => cp.utf8(*n).map_err(fatal)?.clone(),
                _ => return Err(fatal("ObjectMethods without a record class")),
            };
            let record = vm.load_class(&rec_name)?;
            let names = match bm
                .args
                .get(1)
                .map(|&a| cp.get(a))
                .transpose()
                .map_err(fatal)?
            {
                Some(Constant::String(s)) => cp.utf8(*s).map_err(fatal)?.to_string(),
                _ => String::new(),
            };
            let names: Vec<String> = if names.is_empty() {
                vec![]
            } else {
                names.split(';').map(String::from).collect()
            };
            let mut getters = Vec::new();
            for &a in bm.args.iter().skip(2) {
                if let Constant::MethodHandle { reference, .. } = cp.get(a).map_err(fatal)? {
                    getters.push(cp.member_ref(*reference).map_err(fatal)?);
                }
            }
            vm.indy.records.push(RecordSite {
                method: name.clone(),
                record,
                names,
                getters,
            });
            Ok(Resolved::RecordSite(vm.indy.records.len() as u32 - 1))
        }
        ("java/lang/runtime/SwitchBootstraps", m @ ("typeSwitch" | "enumSwitch")) => {
            let mut labels = Vec::new();
            for &a in &bm.args {
                let label = match cp.get(a).map_err(fatal)? {
                    Constant::Class(n) => {
                        let name = cp.utf8(*n).map_err(fatal)?.clone();
                        SwitchLabel::Type(vm.load_class(&name)?)
                    }
                    Constant::Integer(i) => SwitchLabel::Int(*i),
                    Constant::String(u) => {
                        let text = cp.utf8(*u).map_err(fatal)?.to_string();
                        SwitchLabel::Str(text.encode_utf16().collect())
                    }
                    Constant::Dynamic { bsm, .. } => match enum_desc(cp, &file, *bsm) {
                        Some((class, name)) => {
                            let id = vm.load_class(&class)?;
                            SwitchLabel::EnumConst(id, name.encode_utf16().collect())
                        }
                        None => {
                            let msg = "SwitchBootstraps: a dynamic-constant case label other than an enum constant";
                            return Err(vm.vm_error("java/lang/BootstrapMethodError", msg));
                        }
                    },
                    _ => {
                        let msg = "SwitchBootstraps: unexpected case label constant";
                        return Err(vm.vm_error("java/lang/BootstrapMethodError", msg));
                    }
                };
                labels.push(label);
            }
            vm.indy.switches.push(SwitchSite {
                labels,
                enum_switch: m == "enumSwitch",
            });
            Ok(Resolved::SwitchSite(vm.indy.switches.len() as u32 - 1))
        }
        (c, m) => {
            let msg = format!(
                "invokedynamic bootstrap {}.{m} is not supported yet",
                c.replace('/', ".")
            );
            Err(vm.vm_error("java/lang/BootstrapMethodError", &msg))
        }
    }
}

fn method_type(cp: &crate::classfile::ConstantPool, idx: u16) -> JResult<Rc<str>> {
    match cp.get(idx).map_err(fatal)? {
        Constant::MethodType(d) => Ok(cp.utf8(*d).map_err(fatal)?.clone()),
        _ => Err(fatal("expected a MethodType constant")),
    }
}

#[allow(clippy::too_many_arguments)]
fn lambda_class(
    vm: &mut Vm,
    caller: ClassId,
    interfaces: Vec<ClassId>,
    captured: &[String],
    sam: &Rc<str>,
    erased: &Rc<str>,
    bridges: &[Rc<str>],
    target: Rc<LambdaTarget>,
) -> JResult<ClassId> {
    let object = vm.load_class("java/lang/Object")?;
    vm.indy.lambdas += 1;
    let name: Rc<str> = format!("{}$$Lambda${}", vm.class(caller).name, vm.indy.lambdas).into();
    let mut methods = Vec::new();
    for desc in std::iter::once(erased).chain(bridges.iter()) {
        let (params, ret) = parse_method_desc(desc).ok_or_else(|| fatal("bad SAM descriptor"))?;
        methods.push(Method {
            name: sam.clone(),
            desc: desc.clone(),
            access: ACC_PUBLIC,
            body: Body::Lambda(target.clone()),
            params: params.iter().map(|p| p.as_bytes()[0]).collect(),
            ret: ret.as_bytes()[0],
            signature: None,
        });
    }
    let mut field_slots = HashMap::new();
    for i in 0..captured.len() {
        field_slots.insert(Rc::from(format!("arg${}", i + 1)), i as u16);
    }
    let id = vm.classes.len() as ClassId;
    vm.classes.push(Class {
        id,
        name: name.clone(),
        access: ACC_PUBLIC | ACC_FINAL | ACC_SYNTHETIC,
        file: None,
        super_id: Some(object),
        interfaces,
        methods,
        method_index: HashMap::new(),
        field_slots,
        field_descs: captured.iter().map(|d| Rc::from(d.as_str())).collect(),
        static_slots: HashMap::new(),
        statics: vec![],
        init: InitState::Done,
        elem: None,
        cache: vec![],
        inline_cache: vec![],
        vtable: HashMap::new(),
        mirror: None,
    });
    Ok(id)
}

/// Runs a lambda's SAM method: captured values + call arguments, adapted (boxing, unboxing,
/// widening) to the implementation method, then the result adapted to the SAM's return type.
pub fn call_lambda(
    vm: &mut Vm,
    lt: Rc<LambdaTarget>,
    sam: &Method,
    args: &[Value],
) -> JResult<Value> {
    let this = args[0].reference();
    let mut all: Vec<Value> = vm.heap.get(this).fields[..lt.captured].to_vec();
    all.extend_from_slice(&args[1..]);
    let owner = vm.load_class(&lt.target.class)?;
    let (iparams, iret) =
        parse_method_desc(&lt.target.desc).ok_or_else(|| fatal("bad impl descriptor"))?;
    let has_receiver = matches!(lt.kind, 5 | 7 | 9);
    let skip = usize::from(has_receiver);
    if all.len() != iparams.len() + skip {
        return Err(fatal(format!(
            "lambda arity mismatch calling {}.{}",
            lt.target.class, lt.target.name
        )));
    }
    for (i, p) in iparams.iter().enumerate() {
        all[i + skip] = adapt(vm, all[i + skip], p.as_bytes()[0])?;
        if let Value::Ref(r) = all[i + skip] {
            vm.pin(r);
        }
    }
    let result = match lt.kind {
        8 => {
            vm.ensure_init(owner)?;
            let obj = vm.new_object(owner)?;
            vm.pin(obj);
            let r = vm.call_init(obj, &lt.target.desc, &all);
            vm.unpin();
            r?;
            Value::Ref(obj)
        }
        6 => {
            vm.ensure_init(owner)?;
            let m = vm
                .resolve_method(owner, &lt.target.name, &lt.target.desc)
                .ok_or_else(|| {
                    fatal(format!("no method {}.{}", lt.target.class, lt.target.name))
                })?;
            vm.invoke(m, &all)?
        }
        7 => {
            let m = vm
                .resolve_method(owner, &lt.target.name, &lt.target.desc)
                .ok_or_else(|| {
                    fatal(format!("no method {}.{}", lt.target.class, lt.target.name))
                })?;
            vm.invoke(m, &all)?
        }
        _ => {
            let recv = all[0].reference();
            if recv == NULL {
                return Err(vm.vm_error("java/lang/NullPointerException", ""));
            }
            // javac (nestmates, JDK 15+) targets a private lambda body with REF_invokeVirtual;
            // private methods are never overridden, so they are called directly.
            let private = vm
                .resolve_method(owner, &lt.target.name, &lt.target.desc)
                .filter(|&m| vm.method(m).access & crate::classfile::ACC_PRIVATE != 0);
            match private {
                Some(m) => vm.invoke(m, &all)?,
                None => vm.call_virtual(recv, &lt.target.name, &lt.target.desc, &all[1..])?,
            }
        }
    };
    let produced = if lt.kind == 8 {
        b'L'
    } else {
        iret.as_bytes()[0]
    };
    match (sam.ret, produced) {
        (b'V', _) => Ok(Value::Top),
        (b'L' | b'[', b'L' | b'[') => Ok(result),
        (b'L' | b'[', p) => Ok(Value::Ref(vm.box_value(p, result)?)),
        (r, _) => adapt(vm, result, r),
    }
}

/// Converts `v` to a value of descriptor kind `to`: unboxes references for primitive
/// targets (with widening), boxes primitives for reference targets.
fn adapt(vm: &mut Vm, v: Value, to: u8) -> JResult<Value> {
    let v = match (v, to) {
        (Value::Ref(r), b'Z' | b'B' | b'C' | b'S' | b'I' | b'J' | b'F' | b'D') => {
            if r == NULL {
                return Err(vm.vm_error("java/lang/NullPointerException", ""));
            }
            vm.get_field(r, "value")
        }
        (Value::Ref(_), _) => return Ok(v),
        (p, b'L' | b'[') => {
            let kind = match p {
                Value::Long(_) => b'J',
                Value::Float(_) => b'F',
                Value::Double(_) => b'D',
                _ => b'I',
            };
            return Ok(Value::Ref(vm.box_value(kind, p)?));
        }
        (p, _) => p,
    };
    Ok(match (v, to) {
        (Value::Int(i), b'J') => Value::Long(i as i64),
        (Value::Int(i), b'F') => Value::Float(i as f32),
        (Value::Int(i), b'D') => Value::Double(i as f64),
        (Value::Long(l), b'F') => Value::Float(l as f32),
        (Value::Long(l), b'D') => Value::Double(l as f64),
        (Value::Float(f), b'D') => Value::Double(f as f64),
        (v, _) => v,
    })
}

impl Vm {
    /// `Integer.valueOf(int)` and friends, so boxing keeps the JDK's caches.
    pub fn box_value(&mut self, kind: u8, v: Value) -> JResult<Ref> {
        let (class, desc) = match kind {
            b'Z' => ("java/lang/Boolean", "(Z)Ljava/lang/Boolean;"),
            b'B' => ("java/lang/Byte", "(B)Ljava/lang/Byte;"),
            b'C' => ("java/lang/Character", "(C)Ljava/lang/Character;"),
            b'S' => ("java/lang/Short", "(S)Ljava/lang/Short;"),
            b'J' => ("java/lang/Long", "(J)Ljava/lang/Long;"),
            b'F' => ("java/lang/Float", "(F)Ljava/lang/Float;"),
            b'D' => ("java/lang/Double", "(D)Ljava/lang/Double;"),
            _ => ("java/lang/Integer", "(I)Ljava/lang/Integer;"),
        };
        Ok(self.call_static(class, "valueOf", desc, &[v])?.reference())
    }
}

fn concat(vm: &mut Vm, site: usize, args: &[Value]) -> JResult<Ref> {
    let mut out: Vec<u16> = Vec::new();
    let (recipe, constants, kinds) = {
        let s = &vm.indy.concat[site];
        (s.recipe.clone(), s.constants.clone(), s.args.clone())
    };
    let mut next_arg = 0;
    let mut next_const = 0;
    for &c in &recipe {
        match c {
            1 => {
                let v = args.get(next_arg).copied().unwrap_or(Value::NULL);
                let kind = kinds.get(next_arg).copied().unwrap_or(b'L');
                next_arg += 1;
                append_value(vm, &mut out, v, kind)?;
            }
            2 => {
                if let Some(k) = constants.get(next_const) {
                    out.extend_from_slice(k);
                }
                next_const += 1;
            }
            c => out.push(c),
        }
    }
    Ok(vm.new_string_utf16(out.into()))
}

fn append_value(vm: &mut Vm, out: &mut Vec<u16>, v: Value, kind: u8) -> JResult<()> {
    let text: String = match (kind, v) {
        (b'Z', v) => if v.int() != 0 { "true" } else { "false" }.into(),
        (b'C', v) => {
            out.push(v.int() as u16);
            return Ok(());
        }
        (b'J', v) => v.long().to_string(),
        (b'F', v) => super::natives::numbers::float_to_string(v.float()),
        (b'D', v) => super::natives::numbers::double_to_string(v.double()),
        (b'L' | b'[', v) => {
            let s = vm.to_java_string(v.reference())?;
            out.extend_from_slice(&s);
            return Ok(());
        }
        (_, v) => v.int().to_string(),
    };
    out.extend(text.encode_utf16());
    Ok(())
}

fn record_method(vm: &mut Vm, site: usize, args: &[Value]) -> JResult<Value> {
    let (method, record, names, getters) = {
        let s = &vm.indy.records[site];
        (
            s.method.clone(),
            s.record,
            s.names.clone(),
            s.getters.clone(),
        )
    };
    let this = args[0].reference();
    let field = |vm: &Vm, obj: Ref, g: &MemberRef| vm.get_field(obj, &g.name);
    match &*method {
        "toString" => {
            let mut out: Vec<u16> = Vec::new();
            let simple = vm
                .class(record)
                .name
                .rsplit(['/', '$'])
                .next()
                .unwrap_or("")
                .to_string();
            out.extend(simple.encode_utf16());
            out.push('[' as u16);
            for (i, g) in getters.iter().enumerate() {
                if i > 0 {
                    out.extend(", ".encode_utf16());
                }
                out.extend(
                    names
                        .get(i)
                        .map(|s| s.as_str())
                        .unwrap_or(&g.name)
                        .encode_utf16(),
                );
                out.push('=' as u16);
                let v = field(vm, this, g);
                append_value(vm, &mut out, v, g.desc.as_bytes()[0])?;
            }
            out.push(']' as u16);
            Ok(Value::Ref(vm.new_string_utf16(out.into())))
        }
        "hashCode" => {
            let mut h: i32 = 0;
            for g in &getters {
                let v = field(vm, this, g);
                let fh = match (g.desc.as_bytes()[0], v) {
                    (b'L' | b'[', Value::Ref(r)) if r == NULL => 0,
                    (b'L' | b'[', Value::Ref(r)) => {
                        vm.call_virtual(r, "hashCode", "()I", &[])?.int()
                    }
                    (b'J', Value::Long(l)) => (l ^ (l >> 32)) as i32,
                    (b'D', Value::Double(d)) => {
                        let b = if d.is_nan() {
                            0x7ff8000000000000u64 as i64
                        } else {
                            d.to_bits() as i64
                        };
                        (b ^ (b >> 32)) as i32
                    }
                    (b'F', Value::Float(f)) => {
                        if f.is_nan() {
                            0x7fc00000
                        } else {
                            f.to_bits() as i32
                        }
                    }
                    (b'Z', v) => {
                        if v.int() != 0 {
                            1231
                        } else {
                            1237
                        }
                    }
                    (_, v) => v.int(),
                };
                h = h.wrapping_mul(31).wrapping_add(fh);
            }
            Ok(Value::Int(h))
        }
        _ => {
            let other = args[1].reference();
            if other == NULL || vm.heap.get(other).class != vm.heap.get(this).class {
                return Ok(Value::Int(0));
            }
            for g in &getters {
                let (a, b) = (field(vm, this, g), field(vm, other, g));
                let eq = match (a, b) {
                    (Value::Ref(x), Value::Ref(y)) => {
                        x == y
                            || (x != NULL
                                && vm
                                    .call_virtual(
                                        x,
                                        "equals",
                                        "(Ljava/lang/Object;)Z",
                                        &[Value::Ref(y)],
                                    )?
                                    .int()
                                    != 0)
                    }
                    (Value::Float(x), Value::Float(y)) => {
                        x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan())
                    }
                    (Value::Double(x), Value::Double(y)) => {
                        x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan())
                    }
                    (x, y) => x == y,
                };
                if !eq {
                    return Ok(Value::Int(0));
                }
            }
            Ok(Value::Int(1))
        }
    }
}

/// SwitchBootstraps.typeSwitch / enumSwitch: the index of the first label at or after
/// `restart` that matches `target` (-1 for null, the label count when none matches).
fn switch_index(vm: &mut Vm, site: usize, target: Ref, restart: i32) -> JResult<i32> {
    if target == NULL {
        return Ok(-1);
    }
    let target_class = vm.heap.get(target).class;
    let count = vm.indy.switches[site].labels.len();
    for i in restart.max(0) as usize..count {
        let matched = match &vm.indy.switches[site].labels[i] {
            SwitchLabel::Type(c) => vm.is_subclass(target_class, *c),
            SwitchLabel::Int(k) => {
                let k = *k;
                if vm.instance_of_name(target, "java/lang/Character") {
                    vm.get_field(target, "value").int() == k
                } else if vm.instance_of_name(target, "java/lang/Number") {
                    vm.call_virtual(target, "intValue", "()I", &[])?.int() == k
                } else {
                    false
                }
            }
            SwitchLabel::EnumConst(class, name) => {
                let (class, name) = (*class, name.clone());
                if vm.is_subclass(target_class, class) {
                    let n = vm.call_virtual(target, "name", "()Ljava/lang/String;", &[])?;
                    vm.str_units(n.reference()).is_some_and(|n| *n == *name)
                } else {
                    false
                }
            }
            SwitchLabel::Str(text) => {
                let text = text.clone();
                if vm.indy.switches[site].enum_switch {
                    let name = vm.call_virtual(target, "name", "()Ljava/lang/String;", &[])?;
                    vm.str_units(name.reference()).is_some_and(|n| *n == *text)
                } else {
                    vm.str_units(target).is_some_and(|s| *s == *text)
                }
            }
        };
        if matched {
            return Ok(i as i32);
        }
    }
    Ok(count as i32)
}

/// The (internal class name, constant name) of a `ConstantBootstraps.invoke` dynamic constant
/// computing `EnumDesc.of(ClassDesc.of("pkg.Enum"), "NAME")`.
fn enum_desc(
    cp: &crate::classfile::ConstantPool,
    file: &crate::classfile::ClassFile,
    bsm: u16,
) -> Option<(String, String)> {
    let invoke = |bsm: u16, method: &str| -> Option<Vec<u16>> {
        let bm = file.bootstrap_methods.get(bsm as usize)?;
        let Constant::MethodHandle { reference, .. } = cp.get(bm.method).ok()? else {
            return None;
        };
        let boot = cp.member_ref(*reference).ok()?;
        if &*boot.class != "java/lang/invoke/ConstantBootstraps" || &*boot.name != "invoke" {
            return None;
        }
        let (target, rest) = bm.args.split_first()?;
        let Constant::MethodHandle { reference, .. } = cp.get(*target).ok()? else {
            return None;
        };
        let target = cp.member_ref(*reference).ok()?;
        (format!("{}.{}", target.class, target.name) == method).then(|| rest.to_vec())
    };
    let string = |idx: u16| -> Option<String> {
        match cp.get(idx).ok()? {
            Constant::String(u) => Some(cp.utf8(*u).ok()?.to_string()),
            _ => None,
        }
    };
    let args = invoke(bsm, "java/lang/Enum$EnumDesc.of")?;
    let (class_desc, name) = (args.first()?, args.get(1)?);
    let Constant::Dynamic { bsm: inner, .. } = cp.get(*class_desc).ok()? else {
        return None;
    };
    let class_args = invoke(*inner, "java/lang/constant/ClassDesc.of")?;
    let binary_name = string(*class_args.first()?)?;
    Some((binary_name.replace('.', "/"), string(*name)?))
}
