//! `include_dir!` embeds `themes/default/` through `include_bytes!`, so cargo notices an
//! edited theme file by itself, but not a file added to or removed from the folder: this
//! tells cargo to rebuild when anything under the folder changes.

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
}
