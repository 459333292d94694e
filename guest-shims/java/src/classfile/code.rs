//! The `Code` attribute, pre-decoded: bytecode becomes a vector of `Insn` with branch
//! targets turned into instruction indices. Decoding validates lengths, operands and targets
//! once, so the interpreter loop never reads out of bounds; `jsr`/`ret` are rejected here.

use super::reader::Reader;
use super::ClassFormatError;

/// One decoded instruction. Opcodes without operands (arithmetic, conversions, array loads,
/// returns, stack shuffles, ...) stay as their opcode byte in `Simple`.
#[derive(Debug, Clone, PartialEq)]
pub enum Insn {
    Simple(u8),
    /// bipush / sipush / iconst_*.
    Push(i32),
    Ldc(u16),
    Ldc2(u16),
    /// xload / xstore with the local index (opcode normalised to the wide base opcode:
    /// iload=0x15 .. aload=0x19, istore=0x36 .. astore=0x3a).
    Load(u8, u16),
    Store(u8, u16),
    Iinc(u16, i32),
    /// if* / if_icmp* / if_acmp* / ifnull / ifnonnull, to an instruction index.
    If(u8, u32),
    Goto(u32),
    TableSwitch {
        default: u32,
        low: i32,
        targets: Vec<u32>,
    },
    LookupSwitch {
        default: u32,
        pairs: Vec<(i32, u32)>,
    },
    /// getstatic / putstatic / getfield / putfield.
    Field(u8, u16),
    /// invokevirtual / invokespecial / invokestatic / invokeinterface.
    Invoke(u8, u16),
    InvokeDynamic(u16),
    New(u16),
    NewArray(u8),
    ANewArray(u16),
    MultiANewArray(u16, u8),
    CheckCast(u16),
    InstanceOf(u16),
}

#[derive(Debug, Clone)]
pub struct Handler {
    pub start: u32,
    pub end: u32,
    pub handler: u32,
    /// 0 = catch-all (finally).
    pub catch_type: u16,
}

#[derive(Debug, Clone)]
pub struct Code {
    pub max_stack: u16,
    pub max_locals: u16,
    pub insns: Vec<Insn>,
    /// Byte offset of each instruction (for line numbers).
    pub pcs: Vec<u32>,
    pub handlers: Vec<Handler>,
    /// (start instruction index, line), sorted by index.
    pub lines: Vec<(u32, u32)>,
    /// LocalVariableTable entries (present when compiled with `-g`), for NPE messages.
    pub local_names: Vec<LocalName>,
}

#[derive(Debug, Clone)]
pub struct LocalName {
    /// Instruction-index range [start, end) where the name is in scope.
    pub start: u32,
    pub end: u32,
    pub slot: u16,
    pub name: std::rc::Rc<str>,
}

impl Code {
    /// The source line of the instruction at `index`, from the LineNumberTable.
    pub fn line_of(&self, index: usize) -> Option<u32> {
        let mut best = None;
        for &(start, line) in &self.lines {
            if start as usize <= index {
                best = Some(line);
            } else {
                break;
            }
        }
        best
    }
}

pub(super) fn parse_code(
    r: &mut Reader,
    cp: &super::ConstantPool,
    method: &str,
) -> Result<Code, ClassFormatError> {
    let max_stack = r.u16()?;
    let max_locals = r.u16()?;
    let len = r.u32()? as usize;
    if len == 0 || len > 65535 {
        return Err(ClassFormatError::Invalid(format!(
            "{method}: code length {len}"
        )));
    }
    let bytes = r.take(len)?;
    let (insns, pcs, raw_targets) = decode(bytes).map_err(|e| e.in_method(method))?;
    // Map byte offsets to instruction indices; every branch target must land on an instruction.
    let index_of = |pc: u32| -> Result<u32, ClassFormatError> {
        pcs.binary_search(&pc).map(|i| i as u32).map_err(|_| {
            ClassFormatError::Invalid(format!(
                "{method}: branch into the middle of an instruction ({pc})"
            ))
        })
    };
    let mut insns = insns;
    for (i, t) in raw_targets {
        let fix = |pc: &mut u32| -> Result<(), ClassFormatError> {
            *pc = index_of(*pc)?;
            Ok(())
        };
        match &mut insns[i] {
            Insn::If(_, t0) | Insn::Goto(t0) => fix(t0)?,
            Insn::TableSwitch {
                default, targets, ..
            } => {
                fix(default)?;
                for x in targets.iter_mut() {
                    fix(x)?;
                }
            }
            Insn::LookupSwitch { default, pairs } => {
                fix(default)?;
                for (_, x) in pairs.iter_mut() {
                    fix(x)?;
                }
            }
            _ => {}
        }
        let _ = t;
    }
    let end_index = |pc: u32| -> Result<u32, ClassFormatError> {
        if pc as usize == len {
            Ok(pcs.len() as u32)
        } else {
            index_of(pc)
        }
    };
    let n = r.u16()?;
    let mut handlers = Vec::with_capacity(n as usize);
    for _ in 0..n {
        let start = index_of(r.u16()? as u32)?;
        let end = end_index(r.u16()? as u32)?;
        let handler = index_of(r.u16()? as u32)?;
        let catch_type = r.u16()?;
        if catch_type != 0 {
            cp.class_name(catch_type)?;
        }
        handlers.push(Handler {
            start,
            end,
            handler,
            catch_type,
        });
    }
    let mut lines = Vec::new();
    let mut local_names = Vec::new();
    let attrs = r.u16()?;
    for _ in 0..attrs {
        let name = cp.utf8(r.u16()?)?.clone();
        let alen = r.u32()? as usize;
        let body = r.take(alen)?;
        if &*name == "LineNumberTable" {
            let mut a = Reader::new(body);
            let count = a.u16()?;
            for _ in 0..count {
                let pc = a.u16()? as u32;
                let line = a.u16()? as u32;
                if let Ok(i) = pcs.binary_search(&pc) {
                    lines.push((i as u32, line));
                }
            }
        }
        if &*name == "LocalVariableTable" {
            let mut a = Reader::new(body);
            let count = a.u16()?;
            for _ in 0..count {
                let start_pc = a.u16()? as u32;
                let len = a.u16()? as u32;
                let lname = cp.utf8(a.u16()?)?.clone();
                a.u16()?;
                let slot = a.u16()?;
                let idx = |pc: u32| pcs.partition_point(|&p| p < pc) as u32;
                local_names.push(LocalName {
                    start: idx(start_pc),
                    end: idx(start_pc + len),
                    slot,
                    name: lname,
                });
            }
        }
        // StackMapTable, LocalVariableTypeTable, ... are skipped: no verifier.
    }
    lines.sort_by_key(|&(i, _)| i);
    Ok(Code {
        max_stack,
        max_locals,
        insns,
        pcs,
        handlers,
        lines,
        local_names,
    })
}

type Decoded = (Vec<Insn>, Vec<u32>, Vec<(usize, ())>);

fn target(pc: usize, off: i32, len: usize) -> Result<u32, ClassFormatError> {
    let t = pc as i64 + off as i64;
    if t < 0 || t as usize >= len {
        return Err(ClassFormatError::Invalid(format!(
            "branch target {t} out of code"
        )));
    }
    Ok(t as u32)
}

fn decode(code: &[u8]) -> Result<Decoded, ClassFormatError> {
    let mut r = Reader::new(code);
    let mut insns = Vec::new();
    let mut pcs = Vec::new();
    let mut fixups = Vec::new();
    let len = code.len();
    while r.remaining() > 0 {
        let pc = r.pos();
        let op = r.u8()?;
        let insn = match op {
            0x00 => Insn::Simple(op),
            0x01 => Insn::Simple(op),
            0x02..=0x08 => Insn::Push(op as i32 - 3),
            0x09..=0x0f => Insn::Simple(op),
            0x10 => Insn::Push(r.u8()? as i8 as i32),
            0x11 => Insn::Push(r.u16()? as i16 as i32),
            0x12 => Insn::Ldc(r.u8()? as u16),
            0x13 => Insn::Ldc(r.u16()?),
            0x14 => Insn::Ldc2(r.u16()?),
            0x15..=0x19 => Insn::Load(op, r.u8()? as u16),
            0x1a..=0x2d => {
                let k = (op - 0x1a) / 4;
                Insn::Load(0x15 + k, ((op - 0x1a) % 4) as u16)
            }
            0x2e..=0x35 => Insn::Simple(op),
            0x36..=0x3a => Insn::Store(op, r.u8()? as u16),
            0x3b..=0x4e => {
                let k = (op - 0x3b) / 4;
                Insn::Store(0x36 + k, ((op - 0x3b) % 4) as u16)
            }
            0x4f..=0x83 => Insn::Simple(op),
            0x84 => Insn::Iinc(r.u8()? as u16, r.u8()? as i8 as i32),
            0x85..=0x98 => Insn::Simple(op),
            0x99..=0xa6 | 0xc6 | 0xc7 => {
                let off = r.u16()? as i16 as i32;
                fixups.push((insns.len(), ()));
                Insn::If(op, target(pc, off, len)?)
            }
            0xa7 | 0xc8 => {
                let off = if op == 0xa7 { r.u16()? as i16 as i32 } else { r.i32()? };
                fixups.push((insns.len(), ()));
                Insn::Goto(target(pc, off, len)?)
            }
            0xa8 | 0xa9 | 0xc9 => {
                return Err(ClassFormatError::Unsupported(format!(
                    "jsr/ret subroutines (opcode 0x{op:02x} at {pc}) are not supported; recompile with javac 1.6 or later"
                )))
            }
            0xaa => {
                while r.pos() % 4 != 0 {
                    r.u8()?;
                }
                let default = target(pc, r.i32()?, len)?;
                let low = r.i32()?;
                let high = r.i32()?;
                if high < low || (high as i64 - low as i64) > 65535 {
                    return Err(ClassFormatError::Invalid(format!("tableswitch bounds {low}..{high}")));
                }
                let mut targets = Vec::new();
                for _ in low..=high {
                    targets.push(target(pc, r.i32()?, len)?);
                }
                fixups.push((insns.len(), ()));
                Insn::TableSwitch { default, low, targets }
            }
            0xab => {
                while r.pos() % 4 != 0 {
                    r.u8()?;
                }
                let default = target(pc, r.i32()?, len)?;
                let n = r.i32()?;
                if !(0..=65535).contains(&n) {
                    return Err(ClassFormatError::Invalid(format!("lookupswitch count {n}")));
                }
                let mut pairs = Vec::new();
                for _ in 0..n {
                    let k = r.i32()?;
                    pairs.push((k, target(pc, r.i32()?, len)?));
                }
                fixups.push((insns.len(), ()));
                Insn::LookupSwitch { default, pairs }
            }
            0xac..=0xb1 => Insn::Simple(op),
            0xb2..=0xb5 => Insn::Field(op, r.u16()?),
            0xb6..=0xb8 => Insn::Invoke(op, r.u16()?),
            0xb9 => {
                let idx = r.u16()?;
                r.u8()?;
                r.u8()?;
                Insn::Invoke(op, idx)
            }
            0xba => {
                let idx = r.u16()?;
                r.u16()?;
                Insn::InvokeDynamic(idx)
            }
            0xbb => Insn::New(r.u16()?),
            0xbc => {
                let t = r.u8()?;
                if !(4..=11).contains(&t) {
                    return Err(ClassFormatError::Invalid(format!("newarray type {t}")));
                }
                Insn::NewArray(t)
            }
            0xbd => Insn::ANewArray(r.u16()?),
            0xbe | 0xbf => Insn::Simple(op),
            0xc0 => Insn::CheckCast(r.u16()?),
            0xc1 => Insn::InstanceOf(r.u16()?),
            0xc2 | 0xc3 => Insn::Simple(op),
            0xc4 => {
                let op2 = r.u8()?;
                let idx = r.u16()?;
                match op2 {
                    0x15..=0x19 => Insn::Load(op2, idx),
                    0x36..=0x3a => Insn::Store(op2, idx),
                    0x84 => Insn::Iinc(idx, r.u16()? as i16 as i32),
                    0xa9 => {
                        return Err(ClassFormatError::Unsupported(format!(
                            "wide ret at {pc} (jsr/ret subroutines) is not supported"
                        )))
                    }
                    _ => return Err(ClassFormatError::Invalid(format!("wide 0x{op2:02x} at {pc}"))),
                }
            }
            0xc5 => {
                let idx = r.u16()?;
                let dims = r.u8()?;
                if dims == 0 {
                    return Err(ClassFormatError::Invalid("multianewarray with 0 dimensions".into()));
                }
                Insn::MultiANewArray(idx, dims)
            }
            _ => return Err(ClassFormatError::Invalid(format!("unknown opcode 0x{op:02x} at {pc}"))),
        };
        insns.push(insn);
        pcs.push(pc as u32);
    }
    Ok((insns, pcs, fixups))
}
