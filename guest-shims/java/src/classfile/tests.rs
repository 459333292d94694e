use super::*;
use crate::testutil::javac;
use proptest::prelude::*;

const SAMPLE: &str = r#"
package demo;
import java.util.*;
import java.util.function.*;
public class Sample<T> implements Comparable<Sample<T>> {
    static final int K = 42;
    static final long BIG = 1L << 40;
    static final String S = "héllo\u0000\uD800";
    private List<T> items = new ArrayList<>();
    public int compareTo(Sample<T> o) { return 0; }
    int sw(int x) {
        switch (x) { case 1: return 10; case 2: return 20; case 3: return 30; default: return -1; }
    }
    int lookup(int x) {
        switch (x) { case 1: return 1; case 1000: return 2; case -70000: return 3; default: return 0; }
    }
    String concat(int a, String b) { return "a=" + a + " b=" + b; }
    Function<String, Integer> lam() { return String::length; }
    int tryIt(int[] a) {
        try { return a[3]; } catch (ArrayIndexOutOfBoundsException e) { return -1; } finally { items.clear(); }
    }
    long wide() { int a0=0,a1=1,a2=2,a3=3,a4=4,a5=5; long[] x = new long[300]; double big = 0; for (int i = 0; i < 300; i++) x[i] = i; return x[299] + a5; }
}
"#;

fn sample() -> ClassFile {
    let c = javac(&[("demo/Sample.java", SAMPLE)], "17");
    ClassFile::parse(&c.class_bytes("demo/Sample")).expect("javac output parses")
}

#[test]
fn parses_javac_output() {
    let cf = sample();
    assert_eq!(cf.major, 61);
    assert_eq!(&*cf.name, "demo/Sample");
    assert_eq!(cf.super_name.as_deref(), Some("java/lang/Object"));
    assert_eq!(
        cf.interfaces.iter().map(|s| &**s).collect::<Vec<_>>(),
        vec!["java/lang/Comparable"]
    );
    assert_eq!(cf.source_file.as_deref(), Some("Sample.java"));
    assert_eq!(
        cf.signature.as_deref(),
        Some("<T:Ljava/lang/Object;>Ljava/lang/Object;Ljava/lang/Comparable<Ldemo/Sample<TT;>;>;")
    );
    // Two bootstrap methods: the concat and the method reference.
    assert_eq!(cf.bootstrap_methods.len(), 2);
    let k = cf.fields.iter().find(|f| &*f.name == "K").unwrap();
    assert!(matches!(
        cf.cp.get(k.constant_value.unwrap()).unwrap(),
        Constant::Integer(42)
    ));
    let big = cf.fields.iter().find(|f| &*f.name == "BIG").unwrap();
    assert!(
        matches!(cf.cp.get(big.constant_value.unwrap()).unwrap(), Constant::Long(v) if *v == 1 << 40)
    );
    let s = cf.fields.iter().find(|f| &*f.name == "S").unwrap();
    let Constant::String(si) = cf.cp.get(s.constant_value.unwrap()).unwrap() else {
        panic!()
    };
    let expected: Vec<u16> = "héllo\u{0}".encode_utf16().chain([0xD800]).collect();
    assert_eq!(&**cf.cp.utf16(*si).unwrap(), &expected[..]);
}

#[test]
fn decodes_switches_handlers_and_lines() {
    let cf = sample();
    let sw = cf.method("sw", "(I)I").unwrap().code.clone().unwrap();
    assert!(sw
        .insns
        .iter()
        .any(|i| matches!(i, Insn::TableSwitch { low: 1, targets, .. } if targets.len() == 3)));
    let lk = cf.method("lookup", "(I)I").unwrap().code.clone().unwrap();
    assert!(lk
        .insns
        .iter()
        .any(|i| matches!(i, Insn::LookupSwitch { pairs, .. } if pairs.len() == 3)));
    let tr = cf.method("tryIt", "([I)I").unwrap().code.clone().unwrap();
    assert!(tr.handlers.iter().any(|h| h.catch_type != 0));
    assert!(
        tr.handlers.iter().any(|h| h.catch_type == 0),
        "finally compiles to a catch-all"
    );
    for h in &tr.handlers {
        assert!((h.handler as usize) < tr.insns.len());
        assert!(h.start < h.end);
    }
    assert!(tr.line_of(0).is_some());
    let wide = cf.method("wide", "()J").unwrap().code.clone().unwrap();
    assert!(wide.insns.iter().any(|i| matches!(i, Insn::Push(300))));
}

#[test]
fn accepts_every_supported_release() {
    for (release, major) in [("8", 52), ("11", 55), ("17", 61)] {
        let c = javac(&[("demo/Sample.java", SAMPLE)], release);
        let cf = ClassFile::parse(&c.class_bytes("demo/Sample")).unwrap();
        assert_eq!(cf.major, major);
    }
}

#[test]
fn rejects_bad_magic_version_and_trailing_bytes() {
    let mut bytes = javac(&[("demo/Sample.java", SAMPLE)], "17").class_bytes("demo/Sample");
    let mut bad = bytes.clone();
    bad[0] = 0;
    assert!(matches!(
        ClassFile::parse(&bad),
        Err(ClassFormatError::BadMagic(_))
    ));
    let mut v66 = bytes.clone();
    v66[7] = 66;
    assert_eq!(
        ClassFile::parse(&v66).unwrap_err(),
        ClassFormatError::BadVersion {
            major: 66,
            minor: 0
        }
    );
    let mut v44 = bytes.clone();
    v44[7] = 44;
    assert!(ClassFile::parse(&v44).is_err());
    bytes.push(0);
    assert!(
        matches!(ClassFile::parse(&bytes), Err(ClassFormatError::Invalid(m)) if m.contains("trailing"))
    );
    assert!(matches!(
        ClassFile::parse(&[0xCA, 0xFE]),
        Err(ClassFormatError::Truncated { .. })
    ));
}

/// A hand-assembled class whose only method uses `jsr`: must be rejected with a clear error.
#[test]
fn rejects_jsr_clearly() {
    let mut b = vec![0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 49];
    // cp: 1 Utf8 "J", 2 Class #1, 3 Utf8 "m", 4 Utf8 "()V", 5 Utf8 "Code"
    b.extend([0, 6]);
    for s in ["J"] {
        b.push(1);
        b.extend((s.len() as u16).to_be_bytes());
        b.extend(s.as_bytes());
    }
    b.extend([7, 0, 1]);
    for s in ["m", "()V", "Code"] {
        b.push(1);
        b.extend((s.len() as u16).to_be_bytes());
        b.extend(s.as_bytes());
    }
    b.extend([0, 0x21, 0, 2, 0, 0, 0, 0, 0, 0]); // access, this, super=0, no interfaces, no fields
    b.extend([0, 1, 0, 9, 0, 3, 0, 4, 0, 1]); // one method with one attribute
    let code = [0xa8, 0, 4, 0xb1, 0xb1]; // jsr +4 ; return ; return
    let mut attr = vec![0, 1, 0, 1];
    attr.extend((code.len() as u32).to_be_bytes());
    attr.extend(code);
    attr.extend([0, 0, 0, 0]);
    b.extend([0, 5]);
    b.extend((attr.len() as u32).to_be_bytes());
    b.extend(attr);
    b.extend([0, 0]);
    let err = ClassFile::parse(&b).unwrap_err();
    assert!(
        matches!(err, ClassFormatError::Unsupported(ref m) if m.contains("jsr/ret")),
        "{err}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = ClassFile::parse(&bytes);
        let mut with_magic = vec![0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 61];
        with_magic.extend(&bytes);
        let _ = ClassFile::parse(&with_magic);
    }
}

#[test]
fn mutated_real_class_never_panics() {
    let bytes = javac(&[("demo/Sample.java", SAMPLE)], "17").class_bytes("demo/Sample");
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(3000));
    runner
        .run(
            &(0..bytes.len(), any::<u8>(), 0..bytes.len() + 1),
            |(pos, val, cut)| {
                let mut m = bytes.clone();
                m[pos] = val;
                let _ = ClassFile::parse(&m);
                let _ = ClassFile::parse(&bytes[..cut]);
                Ok(())
            },
        )
        .unwrap();
}
