//! HotSpot's "helpful NullPointerException" messages (JEP 358): what failed ("Cannot invoke
//! \"String.length()\"") and which value was null ("because \"<local1>.name\" is null"),
//! found by a data-flow pass that records which instruction pushed each stack slot.

use crate::classfile::{ClassFile, Code, Insn};

use super::value::parse_method_desc;

/// A stack entry: the instruction that produced it (None = unknown/merged) and its width.
type Slot = (Option<u32>, bool);

/// HotSpot prints java.lang.Object and java.lang.String without their package.
fn klass(internal: &str) -> String {
    let n = internal.replace('/', ".");
    match n.as_str() {
        "java.lang.Object" => "Object".into(),
        "java.lang.String" => "String".into(),
        _ => n,
    }
}

fn type_name(desc: &str) -> String {
    let dims = desc.chars().take_while(|&c| c == '[').count();
    let base = &desc[dims..];
    let name = match base.as_bytes().first() {
        Some(b'Z') => "boolean".into(),
        Some(b'B') => "byte".into(),
        Some(b'C') => "char".into(),
        Some(b'S') => "short".into(),
        Some(b'I') => "int".into(),
        Some(b'J') => "long".into(),
        Some(b'F') => "float".into(),
        Some(b'D') => "double".into(),
        _ => klass(base.trim_start_matches('L').trim_end_matches(';')),
    };
    format!("{name}{}", "[]".repeat(dims))
}

fn method_text(file: &ClassFile, idx: u16) -> Option<String> {
    let m = file.cp.member_ref(idx).ok()?;
    let (params, _) = parse_method_desc(&m.desc)?;
    let params: Vec<String> = params.iter().map(|p| type_name(p)).collect();
    Some(format!(
        "{}.{}({})",
        klass(&m.class),
        m.name,
        params.join(", ")
    ))
}

fn array_kind(op: u8) -> &'static str {
    match op {
        0x2e | 0x4f => "int",
        0x2f | 0x50 => "long",
        0x30 | 0x51 => "float",
        0x31 | 0x52 => "double",
        0x32 | 0x53 => "object",
        0x33 | 0x54 => "byte/boolean",
        0x34 | 0x55 => "char",
        _ => "short",
    }
}

/// The full message for an NPE raised by instruction `pc`, or None if it is not one that
/// dereferences a stack value.
pub fn message(
    file: &ClassFile,
    code: &Code,
    is_static: bool,
    desc: &str,
    pc: usize,
) -> Option<String> {
    let insn = code.insns.get(pc)?;
    let (action, depth) = match insn {
        Insn::Invoke(_, idx) => {
            let m = file.cp.member_ref(*idx).ok()?;
            let n = parse_method_desc(&m.desc)?.0.len();
            (format!("Cannot invoke \"{}\"", method_text(file, *idx)?), n)
        }
        Insn::Field(0xb4, idx) => (
            format!(
                "Cannot read field \"{}\"",
                file.cp.member_ref(*idx).ok()?.name
            ),
            0,
        ),
        Insn::Field(0xb5, idx) => (
            format!(
                "Cannot assign field \"{}\"",
                file.cp.member_ref(*idx).ok()?.name
            ),
            1,
        ),
        Insn::Simple(op @ 0x2e..=0x35) => {
            (format!("Cannot load from {} array", array_kind(*op)), 1)
        }
        Insn::Simple(op @ 0x4f..=0x56) => (format!("Cannot store to {} array", array_kind(*op)), 2),
        Insn::Simple(0xbe) => ("Cannot read the array length".into(), 0),
        Insn::Simple(0xbf) => ("Cannot throw exception".into(), 0),
        Insn::Simple(0xc2) => ("Cannot enter synchronized block".into(), 0),
        Insn::Simple(0xc3) => ("Cannot exit synchronized block".into(), 0),
        _ => return None,
    };
    let stack = stack_at(file, code, pc)?;
    let producer = stack.get(stack.len().checked_sub(depth + 1)?)?.0;
    let cx = Describe {
        file,
        code,
        is_static,
        desc,
    };
    Some(match producer.and_then(|p| cx.source(p as usize, 0)) {
        Some(Source::Quoted(s)) => format!("{action} because \"{s}\" is null"),
        Some(Source::Returned(m)) => {
            format!("{action} because the return value of \"{m}\" is null")
        }
        None => action,
    })
}

enum Source {
    Quoted(String),
    Returned(String),
}

struct Describe<'a> {
    file: &'a ClassFile,
    code: &'a Code,
    is_static: bool,
    desc: &'a str,
}

impl Describe<'_> {
    fn local(&self, slot: u16, at: usize) -> String {
        if let Some(l) = self
            .code
            .local_names
            .iter()
            .find(|l| l.slot == slot && (l.start as usize) <= at + 1 && at < l.end as usize + 1)
        {
            return l.name.to_string();
        }
        if !self.is_static && slot == 0 {
            return "this".into();
        }
        // Parameter number (1-based) for slots holding arguments.
        let params = parse_method_desc(self.desc)
            .map(|p| p.0)
            .unwrap_or_default();
        let mut s = u16::from(!self.is_static);
        for (i, p) in params.iter().enumerate() {
            if s == slot {
                return format!("<parameter{}>", i + 1);
            }
            s += if p == "J" || p == "D" { 2 } else { 1 };
        }
        format!("<local{slot}>")
    }

    fn source(&self, p: usize, depth: usize) -> Option<Source> {
        if depth > 5 {
            return None;
        }
        let quoted = |s: String| Some(Source::Quoted(s));
        match self.code.insns.get(p)? {
            Insn::Load(_, slot) => quoted(self.local(*slot, p)),
            Insn::Simple(0x01) => quoted("null".into()),
            Insn::Field(0xb2, idx) => {
                let m = self.file.cp.member_ref(*idx).ok()?;
                quoted(format!("{}.{}", klass(&m.class), m.name))
            }
            Insn::Field(0xb4, idx) => {
                let m = self.file.cp.member_ref(*idx).ok()?;
                let stack = stack_at(self.file, self.code, p)?;
                let obj = stack.last()?.0?;
                match self.source(obj as usize, depth + 1)? {
                    Source::Quoted(s) => quoted(format!("{s}.{}", m.name)),
                    Source::Returned(r) => quoted(format!("{r}.{}", m.name)),
                }
            }
            Insn::Invoke(_, idx) => Some(Source::Returned(method_text(self.file, *idx)?)),
            Insn::Simple(0x32) => {
                let stack = stack_at(self.file, self.code, p)?;
                let n = stack.len();
                let arr = stack.get(n.checked_sub(2)?)?.0?;
                let index = stack.get(n - 1)?.0?;
                let Source::Quoted(a) = self.source(arr as usize, depth + 1)? else {
                    return None;
                };
                let i = match self.code.insns.get(index as usize)? {
                    Insn::Push(v) => v.to_string(),
                    Insn::Load(_, slot) => self.local(*slot, index as usize),
                    _ => "...".into(),
                };
                quoted(format!("{a}[{i}]"))
            }
            Insn::CheckCast(_) => {
                let stack = stack_at(self.file, self.code, p)?;
                self.source(stack.last()?.0? as usize, depth + 1)
            }
            _ => None,
        }
    }
}

/// The producers of the operand stack on entry to instruction `target` (forward data flow
/// with merging at join points; entries that disagree become unknown).
fn stack_at(file: &ClassFile, code: &Code, target: usize) -> Option<Vec<Slot>> {
    let n = code.insns.len();
    let mut states: Vec<Option<Vec<Slot>>> = vec![None; n];
    states[0] = Some(Vec::new());
    for h in &code.handlers {
        if (h.handler as usize) < n {
            states[h.handler as usize] = Some(vec![(None, false)]);
        }
    }
    let mut work: Vec<usize> = (0..n).filter(|&i| states[i].is_some()).collect();
    let mut steps = 0;
    while let Some(i) = work.pop() {
        steps += 1;
        if steps > 200_000 {
            return None;
        }
        let Some(state) = states[i].clone() else {
            continue;
        };
        let Some((out, succ)) = transfer(file, code, i, state) else {
            continue;
        };
        for s in succ {
            if s >= n {
                continue;
            }
            let merged = match &states[s] {
                None => Some(out.clone()),
                Some(old) if old.len() == out.len() => {
                    let m: Vec<Slot> = old
                        .iter()
                        .zip(&out)
                        .map(|(a, b)| if a.0 == b.0 { *a } else { (None, a.1) })
                        .collect();
                    (m != *old).then_some(m)
                }
                Some(_) => None,
            };
            if let Some(m) = merged {
                states[s] = Some(m);
                work.push(s);
            }
        }
    }
    states[target].clone()
}

fn wide_desc(d: &str) -> bool {
    d.starts_with('J') || d.starts_with('D')
}

/// Stack effect of instruction `i`: the state after it and its successors.
fn transfer(
    file: &ClassFile,
    code: &Code,
    i: usize,
    mut st: Vec<Slot>,
) -> Option<(Vec<Slot>, Vec<usize>)> {
    let me = Some(i as u32);
    let pop = |st: &mut Vec<Slot>, k: usize| -> Option<()> {
        for _ in 0..k {
            st.pop()?;
        }
        Some(())
    };
    let next = vec![i + 1];
    let insn = &code.insns[i];
    let succ = match insn {
        Insn::Simple(op) => {
            let op = *op;
            match op {
                0x00 => next,
                0x01..=0x08 | 0x0b..=0x0d => {
                    st.push((me, false));
                    next
                }
                0x09 | 0x0a | 0x0e | 0x0f => {
                    st.push((me, true));
                    next
                }
                0x2e..=0x35 => {
                    pop(&mut st, 2)?;
                    st.push((me, op == 0x2f || op == 0x31));
                    next
                }
                0x4f..=0x56 => {
                    pop(&mut st, 3)?;
                    next
                }
                0x57 => {
                    pop(&mut st, 1)?;
                    next
                }
                0x58 => {
                    if !st.pop()?.1 {
                        st.pop()?;
                    }
                    next
                }
                0x59 => {
                    let v = *st.last()?;
                    st.push(v);
                    next
                }
                0x5a => {
                    let v1 = st.pop()?;
                    let v2 = st.pop()?;
                    st.extend([v1, v2, v1]);
                    next
                }
                0x5b => {
                    let v1 = st.pop()?;
                    let v2 = st.pop()?;
                    if v2.1 {
                        st.extend([v1, v2, v1]);
                    } else {
                        let v3 = st.pop()?;
                        st.extend([v1, v3, v2, v1]);
                    }
                    next
                }
                0x5c => {
                    let v1 = st.pop()?;
                    if v1.1 {
                        st.extend([v1, v1]);
                    } else {
                        let v2 = st.pop()?;
                        st.extend([v2, v1, v2, v1]);
                    }
                    next
                }
                0x5d => {
                    let v1 = st.pop()?;
                    let v2 = st.pop()?;
                    if v1.1 {
                        st.extend([v1, v2, v1]);
                    } else {
                        let v3 = st.pop()?;
                        st.extend([v2, v1, v3, v2, v1]);
                    }
                    next
                }
                0x5e => {
                    let v1 = st.pop()?;
                    let v2 = st.pop()?;
                    if v1.1 {
                        if v2.1 {
                            st.extend([v1, v2, v1]);
                        } else {
                            let v3 = st.pop()?;
                            st.extend([v1, v3, v2, v1]);
                        }
                    } else {
                        let v3 = st.pop()?;
                        if v3.1 {
                            st.extend([v2, v1, v3, v2, v1]);
                        } else {
                            let v4 = st.pop()?;
                            st.extend([v2, v1, v4, v3, v2, v1]);
                        }
                    }
                    next
                }
                0x5f => {
                    let v1 = st.pop()?;
                    let v2 = st.pop()?;
                    st.extend([v1, v2]);
                    next
                }
                0x60..=0x73 | 0x78..=0x83 | 0x94..=0x98 => {
                    pop(&mut st, 2)?;
                    let wide = matches!(
                        op,
                        0x61 | 0x63
                            | 0x65
                            | 0x67
                            | 0x69
                            | 0x6b
                            | 0x6d
                            | 0x6f
                            | 0x71
                            | 0x73
                            | 0x79
                            | 0x7b
                            | 0x7d
                            | 0x7f
                            | 0x81
                            | 0x83
                    );
                    st.push((me, wide));
                    next
                }
                0x74..=0x77 | 0x85..=0x93 => {
                    pop(&mut st, 1)?;
                    let wide = matches!(op, 0x75 | 0x77 | 0x85 | 0x87 | 0x8a | 0x8c | 0x8d | 0x8f);
                    st.push((me, wide));
                    next
                }
                0xac..=0xb1 | 0xbf => vec![],
                0xbe => {
                    pop(&mut st, 1)?;
                    st.push((me, false));
                    next
                }
                0xc2 | 0xc3 => {
                    pop(&mut st, 1)?;
                    next
                }
                _ => return None,
            }
        }
        Insn::Push(_) => {
            st.push((me, false));
            next
        }
        Insn::Ldc(idx) | Insn::Ldc2(idx) => {
            let wide = matches!(
                file.cp.get(*idx).ok()?,
                crate::classfile::Constant::Long(_) | crate::classfile::Constant::Double(_)
            );
            st.push((me, wide));
            next
        }
        Insn::Load(op, _) => {
            st.push((me, *op == 0x16 || *op == 0x18));
            next
        }
        Insn::Store(..) => {
            pop(&mut st, 1)?;
            next
        }
        Insn::Iinc(..) => next,
        Insn::If(op, t) => {
            let k = if matches!(op, 0x99..=0x9e | 0xc6 | 0xc7) {
                1
            } else {
                2
            };
            pop(&mut st, k)?;
            vec![i + 1, *t as usize]
        }
        Insn::Goto(t) => vec![*t as usize],
        Insn::TableSwitch {
            default, targets, ..
        } => {
            pop(&mut st, 1)?;
            std::iter::once(*default as usize)
                .chain(targets.iter().map(|&t| t as usize))
                .collect()
        }
        Insn::LookupSwitch { default, pairs } => {
            pop(&mut st, 1)?;
            std::iter::once(*default as usize)
                .chain(pairs.iter().map(|&(_, t)| t as usize))
                .collect()
        }
        Insn::Field(op, idx) => {
            let m = file.cp.member_ref(*idx).ok()?;
            match op {
                0xb2 => st.push((me, wide_desc(&m.desc))),
                0xb3 => pop(&mut st, 1)?,
                0xb4 => {
                    pop(&mut st, 1)?;
                    st.push((me, wide_desc(&m.desc)));
                }
                _ => pop(&mut st, 2)?,
            }
            next
        }
        Insn::Invoke(op, idx) => {
            let m = file.cp.member_ref(*idx).ok()?;
            let (params, ret) = parse_method_desc(&m.desc)?;
            pop(&mut st, params.len() + usize::from(*op != 0xb8))?;
            if ret != "V" {
                st.push((me, wide_desc(&ret)));
            }
            next
        }
        Insn::InvokeDynamic(idx) => {
            let crate::classfile::Constant::InvokeDynamic { nat, .. } = file.cp.get(*idx).ok()?
            else {
                return None;
            };
            let (_, desc) = file.cp.name_and_type(*nat).ok()?;
            let (params, ret) = parse_method_desc(desc)?;
            pop(&mut st, params.len())?;
            if ret != "V" {
                st.push((me, wide_desc(&ret)));
            }
            next
        }
        Insn::New(_) => {
            st.push((me, false));
            next
        }
        Insn::NewArray(_) | Insn::ANewArray(_) | Insn::CheckCast(_) | Insn::InstanceOf(_) => {
            pop(&mut st, 1)?;
            st.push((me, false));
            next
        }
        Insn::MultiANewArray(_, dims) => {
            pop(&mut st, *dims as usize)?;
            st.push((me, false));
            next
        }
    };
    Some((st, succ))
}
