//! `flashpoint deploy`: publishes a built output folder to object storage (S3 and
//! S3-compatible stores, Google Cloud Storage, Azure Blob Storage) or a local folder,
//! uploading only what changed, in an order that never shows readers a broken page.
//!
//! ```text
//! local::scan (size + MD5 of each file) ─┐
//! store: the manifest, or a listing ─────┴→ plan (what, in which order) → uploads by
//!   phase → deletions (--delete) → the manifest, last
//! ```
//!
//! A deploy cut short (network, store, Ctrl-C) leaves the last manifest in place and every
//! page published before it whole: new files go up before the pages that use them, and
//! nothing is deleted until everything else is up. The next run compares with that
//! manifest again and sends whatever is still missing.

mod credentials;
mod local;
mod manifest;
mod plan;
mod store;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::task::JoinSet;

use crate::config::{self, DeployTarget};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::error::{Error, Result};

pub use plan::{Phase, Plan, Upload};

use manifest::{Entry, Found, Manifest};
use store::Store;

/// What `flashpoint deploy` was asked to do.
#[derive(Debug, Clone)]
pub struct DeployOptions {
    /// The site's folder, holding site.yaml.
    pub root: PathBuf,
    /// The built site (default: ROOT/public).
    pub output: Option<PathBuf>,
    /// The name of a target in site.yaml; may be omitted when there is only one.
    pub target: Option<String>,
    /// Compare and print the plan, change nothing.
    pub dry_run: bool,
    /// Delete objects under the prefix that the output no longer has.
    pub delete: bool,
    /// Refuse to delete more objects than this, unless `force`.
    pub max_deletes: usize,
    pub force: bool,
    /// List the target and compare every object's ETag and size, not only the manifest.
    pub verify: bool,
    /// Uploads in flight at once.
    pub jobs: usize,
}

/// How deploy learned what the target holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Comparison {
    /// The manifest of the last successful deploy.
    Manifest,
    /// A listing of every object (with `--verify`, or why the manifest could not be used).
    Listing(String),
}

/// Reports progress; the command line draws a bar, tests and pipes get nothing.
pub trait DeployProgress {
    fn started(&self, _files: usize, _bytes: u64) {}
    fn uploaded(&self, _bytes: u64) {}
    fn finished(&self) {}
}

/// No progress reports.
pub struct Quiet;

impl DeployProgress for Quiet {}

/// What a deploy did (or, with `--dry-run`, would do).
#[derive(Debug)]
pub struct DeployReport {
    pub target_name: String,
    pub target_url: String,
    pub comparison: Comparison,
    pub plan: Plan,
    pub dry_run: bool,
    /// Whether deletions were asked for (else `plan.deletions` are left in place).
    pub delete: bool,
    pub uploaded: usize,
    pub uploaded_bytes: u64,
    pub deleted: usize,
    pub elapsed: Duration,
}

/// Deploys the built site to the chosen target.
pub fn deploy(options: &DeployOptions, progress: &dyn DeployProgress) -> Result<DeployReport> {
    let started = Instant::now();
    let config = config::load(&options.root, None)?;
    let target = chosen_target(&config.deploy_targets, options.target.as_deref())?;
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    let local = local::scan(&output)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Internal(format!("cannot start the deploy's runtime: {e}")))?;
    runtime.block_on(async {
        let store = Arc::new(store::open(&target)?);
        let (remote, comparison) =
            what_the_target_holds(&store, &local, options.verify, options.jobs).await?;
        let plan = plan::plan(&local, &remote);
        let mut report = DeployReport {
            target_name: target.name.clone(),
            target_url: store.describe.clone(),
            comparison,
            plan,
            dry_run: options.dry_run,
            delete: options.delete,
            uploaded: 0,
            uploaded_bytes: 0,
            deleted: 0,
            elapsed: Duration::ZERO,
        };
        let deletions = report.plan.deletions.len();
        if options.delete && deletions > options.max_deletes && !options.force && !options.dry_run {
            return Err(too_many_deletions(&target, deletions, options.max_deletes));
        }
        if options.dry_run {
            report.elapsed = started.elapsed();
            return Ok(report);
        }
        let mut recorded = report.plan.kept.clone();
        let total_bytes = report.plan.uploads.iter().map(|u| u.size).sum();
        progress.started(report.plan.uploads.len(), total_bytes);
        let sent = send(
            &store,
            &output,
            &report.plan,
            options.jobs,
            progress,
            &mut recorded,
        )
        .await;
        progress.finished();
        let (count, bytes) = sent?;
        report.uploaded = count;
        report.uploaded_bytes = bytes;
        if options.delete {
            report.deleted = delete_all(&store, &report.plan.deletions, options.jobs).await?;
        } else {
            // Left in place: keep them in the manifest so that a later `--delete` finds them.
            for path in &report.plan.deletions {
                let entry = remote
                    .manifest
                    .as_ref()
                    .and_then(|m| m.files.get(path).cloned())
                    .or_else(|| {
                        remote
                            .listing
                            .as_ref()
                            .and_then(|l| l.get(path))
                            .map(|o| Entry {
                                size: o.size,
                                md5: String::new(),
                                etag: o.etag.clone(),
                            })
                    });
                if let Some(entry) = entry {
                    recorded.insert(path.clone(), entry);
                }
            }
        }
        store
            .write_manifest(Manifest::new(recorded).to_bytes())
            .await?;
        report.elapsed = started.elapsed();
        Ok(report)
    })
}

/// The target `--target` names, or the only one.
fn chosen_target(targets: &[DeployTarget], name: Option<&str>) -> Result<DeployTarget> {
    // Point at the first target when there is one, else at the file.
    let site_yaml = targets
        .first()
        .map_or_else(|| Location::file(config::CONFIG_FILE), |t| t.at.clone());
    let names = targets
        .iter()
        .map(|t| t.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let found = match name {
        Some(name) => targets.iter().find(|t| t.name == name).ok_or_else(|| {
            invalid(
                Diagnostic::error(
                    site_yaml.clone(),
                    format!("no deploy target is named `{name}`"),
                )
                .with_hint(if names.is_empty() {
                    "add one under `deploy: targets:` in site.yaml".to_string()
                } else {
                    format!("the targets are: {names}")
                }),
            )
        })?,
        None => match targets {
            [] => {
                return Err(invalid(
                    Diagnostic::error(site_yaml, "site.yaml has no deploy targets").with_hint(
                        "add e.g.\n  deploy:\n    targets:\n      - name: production\n        url: s3://bucket/prefix\n        region: eu-west-1",
                    ),
                ));
            }
            [only] => only,
            _ => {
                return Err(invalid(
                    Diagnostic::error(site_yaml, "site.yaml has several deploy targets")
                        .with_hint(format!("pick one with --target NAME: {names}")),
                ));
            }
        },
    };
    Ok(found.clone())
}

fn too_many_deletions(target: &DeployTarget, count: usize, max: usize) -> Error {
    invalid(
        Diagnostic::error(
            target.at.clone(),
            format!(
                "deploying to `{}` would delete {count} objects, more than --max-deletes {max}; \
                 nothing was changed",
                target.name
            ),
        )
        .with_hint(
            "check the plan with --dry-run --delete, then raise --max-deletes or pass --force",
        ),
    )
}

fn invalid(diagnostic: Diagnostic) -> Error {
    let mut all = Diagnostics::default();
    all.push(diagnostic);
    Error::Invalid(all)
}

/// The manifest, trusted as it is unless `verify`; a listing when asked for or when there
/// is no manifest of ours.
async fn what_the_target_holds(
    store: &Arc<Store>,
    local: &[local::LocalFile],
    verify: bool,
    jobs: usize,
) -> Result<(plan::Remote, Comparison)> {
    let found = store.read_manifest().await?;
    let (manifest, why_list) = match found {
        Found::Valid(manifest) if !verify => {
            return Ok((
                plan::Remote {
                    manifest: Some(manifest),
                    listing: None,
                },
                Comparison::Manifest,
            ));
        }
        Found::Valid(manifest) => (Some(manifest), "--verify".to_string()),
        Found::Missing => (None, "no deploy manifest at the target".to_string()),
        Found::Foreign(why) => (None, format!("the deploy manifest is foreign: {why}")),
    };
    let mut listing = store.list().await?;
    fill_missing_etags(store, local, &mut listing, jobs).await?;
    Ok((
        plan::Remote {
            manifest,
            listing: Some(listing),
        },
        Comparison::Listing(why_list),
    ))
}

/// Some S3-compatible stores list objects without their ETags: asks for the ETag of each
/// such object that may be a local file (same path and size), a bounded number at a time.
async fn fill_missing_etags(
    store: &Arc<Store>,
    local: &[local::LocalFile],
    listing: &mut BTreeMap<String, plan::Listed>,
    jobs: usize,
) -> Result<()> {
    let wanted: Vec<String> = local
        .iter()
        .filter(|file| {
            listing
                .get(&file.path)
                .is_some_and(|listed| listed.etag.is_none() && listed.size == file.size)
        })
        .map(|file| file.path.clone())
        .collect();
    let mut set = JoinSet::new();
    let mut pending = wanted.into_iter();
    loop {
        while set.len() < jobs.max(1) {
            let Some(path) = pending.next() else { break };
            let store = Arc::clone(store);
            set.spawn(async move {
                let etag = store.etag_of(&path).await?;
                Ok::<_, Error>((path, etag))
            });
        }
        let Some(joined) = set.join_next().await else {
            break;
        };
        let (path, etag) =
            joined.map_err(|e| Error::Internal(format!("a request for an ETag failed: {e}")))??;
        if let Some(listed) = listing.get_mut(&path) {
            listed.etag = etag;
        }
    }
    Ok(())
}

/// Uploads the plan phase by phase: each phase starts only when the one before has
/// finished. The entry points go one at a time, home first. Stops at the first failure,
/// letting uploads in flight finish. Returns the files and bytes uploaded.
async fn send(
    store: &Arc<Store>,
    output: &Path,
    plan: &Plan,
    jobs: usize,
    progress: &dyn DeployProgress,
    recorded: &mut BTreeMap<String, Entry>,
) -> Result<(usize, u64)> {
    let mut count = 0;
    let mut bytes = 0;
    for phase in [Phase::Assets, Phase::Pages, Phase::EntryPoints] {
        let uploads: Vec<&Upload> = plan.uploads.iter().filter(|u| u.phase == phase).collect();
        let in_flight = if phase == Phase::EntryPoints {
            1
        } else {
            jobs.max(1)
        };
        let mut set = JoinSet::new();
        let mut pending = uploads.iter();
        let mut failure: Option<Error> = None;
        loop {
            while failure.is_none() && set.len() < in_flight {
                let Some(upload) = pending.next() else { break };
                let store = Arc::clone(store);
                let path = upload.path.clone();
                let file = output.join(&upload.path);
                set.spawn(async move {
                    let data = tokio::fs::read(&file).await.map_err(|source| Error::Io {
                        action: "read",
                        path: file.clone(),
                        source,
                    })?;
                    let entry_md5 = local::md5_hex(&data);
                    let size = data.len() as u64;
                    let etag = store.put(&path, data).await?;
                    Ok::<_, Error>((
                        path,
                        Entry {
                            size,
                            md5: entry_md5,
                            etag,
                        },
                    ))
                });
            }
            let Some(joined) = set.join_next().await else {
                break;
            };
            match joined {
                Ok(Ok((path, entry))) => {
                    count += 1;
                    bytes += entry.size;
                    progress.uploaded(entry.size);
                    recorded.insert(path, entry);
                }
                Ok(Err(error)) => {
                    failure.get_or_insert(error);
                }
                Err(join) => {
                    failure.get_or_insert(Error::Internal(format!("an upload failed: {join}")));
                }
            }
        }
        if let Some(error) = failure {
            return Err(interrupted(error, count, plan.uploads.len()));
        }
    }
    Ok((count, bytes))
}

/// The error of a deploy cut short, saying what state the target is in.
fn interrupted(error: Error, done: usize, total: usize) -> Error {
    Error::Internal(format!(
        "{error}\ndeploy stopped after uploading {done} of {total} files; pages published \
         before still work, and running `flashpoint deploy` again finishes the job"
    ))
}

/// Deletes `paths` with a bounded number in flight; returns how many were deleted.
async fn delete_all(store: &Arc<Store>, paths: &[String], jobs: usize) -> Result<usize> {
    let mut set = JoinSet::new();
    let mut pending = paths.iter();
    let mut deleted = 0;
    let mut failure: Option<Error> = None;
    loop {
        while failure.is_none() && set.len() < jobs.max(1) {
            let Some(path) = pending.next() else { break };
            let store = Arc::clone(store);
            let path = path.clone();
            set.spawn(async move { store.delete(&path).await });
        }
        let Some(joined) = set.join_next().await else {
            break;
        };
        match joined {
            Ok(Ok(())) => deleted += 1,
            Ok(Err(error)) => {
                failure.get_or_insert(error);
            }
            Err(join) => {
                failure.get_or_insert(Error::Internal(format!("a deletion failed: {join}")));
            }
        }
    }
    match failure {
        Some(error) => Err(Error::Internal(format!(
            "{error}\ndeploy stopped after deleting {deleted} of {} objects; every upload \
             succeeded, and running `flashpoint deploy --delete` again finishes the job",
            paths.len()
        ))),
        None => Ok(deleted),
    }
}
