//! `flashpoint deploy`: a progress bar while uploading (on terminals), then the plan
//! (with `--dry-run`) or the summary line.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use flashpoint::deploy::{Comparison, DeployOptions, DeployProgress, DeployReport, Quiet, deploy};

use super::finish;

pub fn execute(options: DeployOptions) -> ExitCode {
    let bar = UploadBar::for_stderr();
    let progress: &dyn DeployProgress = match &bar {
        Some(bar) => bar,
        None => &Quiet,
    };
    let root = options.root.clone();
    let result = deploy(&options, progress).map(|report| {
        if report.dry_run {
            print_plan(&report);
        } else {
            print_summary(&report);
        }
    });
    finish(result, &root)
}

fn how_compared(report: &DeployReport) -> String {
    match &report.comparison {
        Comparison::Manifest => "compared with the last deploy's manifest".to_string(),
        Comparison::Listing(why) => format!("compared with a listing ({why})"),
    }
}

/// Every upload by phase, then the deletions, then one line of totals.
fn print_plan(report: &DeployReport) {
    let plan = &report.plan;
    println!(
        "plan for `{}` ({}), {}:",
        report.target_name,
        report.target_url,
        how_compared(report)
    );
    let mut phase = None;
    for upload in &plan.uploads {
        if phase != Some(upload.phase) {
            phase = Some(upload.phase);
            println!("{}:", upload.phase.label());
        }
        let mark = if upload.new { "new" } else { "changed" };
        println!("  upload {} ({mark}, {} B)", upload.path, upload.size);
    }
    if !plan.deletions.is_empty() {
        let label = if report.delete {
            "deletions"
        } else {
            "left in place (pass --delete to remove)"
        };
        println!("{label}:");
        for path in &plan.deletions {
            println!("  delete {path}");
        }
    }
    let bytes: u64 = plan.uploads.iter().map(|u| u.size).sum();
    let deletions = if report.delete {
        plan.deletions.len()
    } else {
        0
    };
    println!(
        "would upload {}, delete {}, leave {} unchanged, {}",
        thousands(plan.uploads.len() as u64),
        thousands(deletions as u64),
        thousands(plan.unchanged as u64),
        kilobytes(bytes)
    );
}

fn print_summary(report: &DeployReport) {
    let kept = if !report.delete && !report.plan.deletions.is_empty() {
        format!(
            " ({} objects the site no longer has left in place; --delete removes them)",
            thousands(report.plan.deletions.len() as u64)
        )
    } else {
        String::new()
    };
    println!(
        "uploaded {}, deleted {}, unchanged {}, {} in {:.1} s to {}{kept}",
        thousands(report.uploaded as u64),
        thousands(report.deleted as u64),
        thousands(report.plan.unchanged as u64),
        kilobytes(report.uploaded_bytes),
        report.elapsed.as_secs_f64(),
        report.target_url
    );
}

/// `10231` as `10,231`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

fn kilobytes(bytes: u64) -> String {
    format!("{} KB", thousands(bytes.div_ceil(1024)))
}

/// A bar of bytes uploaded, on stderr when it is a terminal.
struct UploadBar {
    bar: ProgressBar,
}

impl UploadBar {
    fn for_stderr() -> Option<UploadBar> {
        if !std::io::stderr().is_terminal() {
            return None;
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(
            "{spinner} uploading {msg} {wide_bar} {bytes}/{total_bytes} {elapsed}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        Some(UploadBar { bar })
    }
}

impl DeployProgress for UploadBar {
    fn started(&self, files: usize, bytes: u64) {
        self.bar.set_length(bytes);
        self.bar.set_message(format!("{files} files"));
        self.bar.enable_steady_tick(Duration::from_millis(120));
    }

    fn uploaded(&self, bytes: u64) {
        self.bar.inc(bytes);
    }

    fn finished(&self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_with_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(10231), "10,231");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(kilobytes(412 * 1024), "412 KB");
    }
}
