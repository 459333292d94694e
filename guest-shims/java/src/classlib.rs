//! The Java half of the class library, compiled by build.rs and embedded.

include!(concat!(env!("OUT_DIR"), "/classlib.rs"));
