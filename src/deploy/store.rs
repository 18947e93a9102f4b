//! The target as an object store: opened from a `deploy:` target with Apache Arrow's
//! `object_store` crate (which signs requests for S3, GCS and Azure and retries throttled
//! and failed requests with backoff), and every store error turned into a message that says
//! what went wrong in the reader's terms, without any secret.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;
use object_store::aws::AmazonS3Builder;
use object_store::azure::MicrosoftAzureBuilder;
use object_store::gcp::GoogleCloudStorageBuilder;
use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjectPath;
use object_store::{
    Attribute, Attributes, BackoffConfig, ObjectStore, ObjectStoreExt, PutOptions, PutPayload,
    RetryConfig,
};

use super::credentials::{self, AwsSource};
use super::manifest::{self, Found, MANIFEST_NAME};
use super::plan::Listed;
use crate::config::DeployTarget;
use crate::error::{Error, Result};
use crate::hosting::{cache_policy, media_type, precompressed_variant};

/// An opened target: the store and the prefix every key lives under.
pub(crate) struct Store {
    inner: Arc<dyn ObjectStore>,
    /// Empty for the bucket's root.
    prefix: String,
    /// The target's URL, for messages.
    pub describe: String,
    /// Whether objects carry `Content-Type` and `Cache-Control` (not a plain folder).
    with_headers: bool,
    /// Credential values to blank out of messages.
    secrets: Vec<String>,
}

/// Opens `target`, checking first that credentials can be found.
pub(crate) fn open(target: &DeployTarget) -> Result<Store> {
    let url = &target.url;
    let describe = url.as_str().trim_end_matches('/').to_string();
    let bucket = url.host_str().unwrap_or_default().to_string();
    let prefix = url.path().trim_matches('/').to_string();
    let opened: std::result::Result<Arc<dyn ObjectStore>, object_store::Error> = match url.scheme()
    {
        "s3" => {
            let mut builder = AmazonS3Builder::from_env()
                .with_bucket_name(&bucket)
                .with_retry(retry_policy());
            match credentials::aws() {
                AwsSource::Environment => {}
                AwsSource::File(keys) => {
                    builder = builder
                        .with_access_key_id(keys.access_key_id)
                        .with_secret_access_key(keys.secret_access_key);
                    if let Some(token) = keys.session_token {
                        builder = builder.with_token(token);
                    }
                }
                AwsSource::Missing(message) => {
                    return Err(Error::Internal(format!("{describe}: {message}")));
                }
            }
            if let Some(region) = &target.region {
                builder = builder.with_region(region);
            } else if std::env::var_os("AWS_REGION").is_none()
                && std::env::var_os("AWS_DEFAULT_REGION").is_none()
            {
                builder = builder.with_region("us-east-1");
            }
            if let Some(endpoint) = &target.endpoint {
                builder = builder
                    .with_endpoint(endpoint.as_str().trim_end_matches('/'))
                    .with_allow_http(endpoint.scheme() == "http");
            }
            builder.build().map(|s| Arc::new(s) as Arc<dyn ObjectStore>)
        }
        "gs" => {
            if let Some(message) = credentials::gcs_missing() {
                return Err(Error::Internal(format!("{describe}: {message}")));
            }
            GoogleCloudStorageBuilder::from_env()
                .with_bucket_name(&bucket)
                .with_retry(retry_policy())
                .build()
                .map(|s| Arc::new(s) as Arc<dyn ObjectStore>)
        }
        "az" => {
            if let Some(message) = credentials::azure_missing() {
                return Err(Error::Internal(format!("{describe}: {message}")));
            }
            MicrosoftAzureBuilder::from_env()
                .with_container_name(&bucket)
                .with_retry(retry_policy())
                .build()
                .map(|s| Arc::new(s) as Arc<dyn ObjectStore>)
        }
        "file" => {
            let folder = url
                .to_file_path()
                .map_err(|()| Error::Internal(format!("{describe}: not a path on this machine")))?;
            crate::fs::create_dir_all(&folder)?;
            return LocalFileSystem::new_with_prefix(&folder)
                .map(|s| Store {
                    inner: Arc::new(s),
                    prefix: String::new(),
                    describe: describe.clone(),
                    with_headers: false,
                    secrets: Vec::new(),
                })
                .map_err(|e| Error::Internal(format!("{describe}: {e}")));
        }
        other => {
            return Err(Error::Internal(format!(
                "{describe}: `{other}://` targets are not supported in this build"
            )));
        }
    };
    let secrets = credentials::secrets_in_environment();
    let inner = opened.map_err(|e| {
        Error::Internal(redact(
            &format!("{describe}: cannot use this target: {}", chain(&e)),
            &secrets,
        ))
    })?;
    Ok(Store {
        inner,
        prefix,
        describe,
        with_headers: true,
        secrets,
    })
}

/// Retries on throttling (429), server errors (5xx) and failed connections, with
/// exponential backoff: a few quick tries, so a store that is down fails the deploy in
/// seconds, leaving the previous manifest for the next run to resume from.
fn retry_policy() -> RetryConfig {
    RetryConfig {
        backoff: BackoffConfig {
            init_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(5),
            base: 2.0,
        },
        max_retries: 4,
        retry_timeout: Duration::from_secs(60),
    }
}

impl Store {
    fn key(&self, relative: &str) -> ObjectPath {
        if self.prefix.is_empty() {
            ObjectPath::from(relative)
        } else {
            ObjectPath::from(format!("{}/{relative}", self.prefix))
        }
    }

    /// The manifest the last successful deploy left, if any.
    pub(crate) async fn read_manifest(&self) -> Result<Found> {
        match self.inner.get(&self.key(MANIFEST_NAME)).await {
            Ok(result) => {
                let bytes = result
                    .bytes()
                    .await
                    .map_err(|e| self.error("read", MANIFEST_NAME, &e))?;
                Ok(manifest::parse(&bytes))
            }
            Err(object_store::Error::NotFound { ref source, .. })
                if !source.to_string().contains("NoSuchBucket") =>
            {
                Ok(Found::Missing)
            }
            Err(e) => Err(self.error("read", MANIFEST_NAME, &e)),
        }
    }

    /// Every object under the prefix, by path relative to it.
    pub(crate) async fn list(&self) -> Result<BTreeMap<String, Listed>> {
        let prefix = (!self.prefix.is_empty()).then(|| ObjectPath::from(self.prefix.as_str()));
        let mut stream = self.inner.list(prefix.as_ref());
        let mut listing = BTreeMap::new();
        let strip = if self.prefix.is_empty() {
            String::new()
        } else {
            format!("{}/", self.prefix)
        };
        while let Some(item) = stream.next().await {
            let meta = item.map_err(|e| self.error("list", "", &e))?;
            let location = meta.location.as_ref();
            // A segment-wise prefix: `site/x` never lists `site-old/x`.
            let Some(relative) = location.strip_prefix(&strip) else {
                continue;
            };
            listing.insert(
                relative.to_string(),
                Listed {
                    size: meta.size,
                    etag: meta.e_tag,
                },
            );
        }
        Ok(listing)
    }

    /// The ETag of one object, by a HEAD request; None if it has gone.
    pub(crate) async fn etag_of(&self, relative: &str) -> Result<Option<String>> {
        match self.inner.head(&self.key(relative)).await {
            Ok(meta) => Ok(meta.e_tag),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(self.error("read", relative, &e)),
        }
    }

    /// Uploads one file with the headers its path calls for; returns the ETag the store gave.
    pub(crate) async fn put(&self, relative: &str, bytes: Vec<u8>) -> Result<Option<String>> {
        let mut options = PutOptions::default();
        if self.with_headers {
            options.attributes = headers_of(relative);
        }
        let payload = PutPayload::from(bytes);
        self.inner
            .put_opts(&self.key(relative), payload, options)
            .await
            .map(|result| result.e_tag)
            .map_err(|e| self.error("upload", relative, &e))
    }

    pub(crate) async fn delete(&self, relative: &str) -> Result<()> {
        match self.inner.delete(&self.key(relative)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(self.error("delete", relative, &e)),
        }
    }

    /// Writes the manifest; with headers that keep CDNs from caching it.
    pub(crate) async fn write_manifest(&self, bytes: Vec<u8>) -> Result<()> {
        let mut options = PutOptions::default();
        if self.with_headers {
            let mut attributes = Attributes::new();
            attributes.insert(Attribute::ContentType, "application/json".into());
            attributes.insert(Attribute::CacheControl, "no-store".into());
            options.attributes = attributes;
        }
        self.inner
            .put_opts(&self.key(MANIFEST_NAME), PutPayload::from(bytes), options)
            .await
            .map(|_| ())
            .map_err(|e| self.error("write", MANIFEST_NAME, &e))
    }

    /// A store error as a message: what failed, why in plain words when the store said,
    /// and never a credential.
    fn error(&self, action: &str, relative: &str, error: &object_store::Error) -> Error {
        let detail = chain(error);
        let what = if relative.is_empty() {
            self.describe.clone()
        } else {
            format!("{}/{relative}", self.describe)
        };
        let message = match kind_of(error, &detail) {
            Kind::NoBucket => format!(
                "the bucket of {} does not exist (or the endpoint or region is wrong): create it \
                 first; flashpoint never creates buckets",
                self.describe
            ),
            Kind::Denied => format!(
                "access denied to {}: the store refused the credentials or they may not \
                 {action} here ({}); see docs/deploying.md for the permissions deploy needs",
                self.describe,
                code_in(&detail).unwrap_or("no reason given")
            ),
            Kind::Other => format!("could not {action} {what}: {}", shortened(&detail)),
        };
        Error::Internal(redact(&message, &self.secrets))
    }
}

/// `Content-Type`, `Cache-Control` and, for a precompressed variant, `Content-Encoding`,
/// from the one hosting policy that `serve` and `_headers` follow.
fn headers_of(relative: &str) -> Attributes {
    let (encoding, original) = match precompressed_variant(relative) {
        Some((encoding, original)) => (Some(encoding), original),
        None => (None, relative),
    };
    let mut attributes = Attributes::new();
    attributes.insert(Attribute::ContentType, media_type(original).into());
    attributes.insert(
        Attribute::CacheControl,
        cache_policy(original).header_value().into(),
    );
    if let Some(encoding) = encoding {
        attributes.insert(Attribute::ContentEncoding, encoding.into());
    }
    attributes
}

enum Kind {
    NoBucket,
    Denied,
    Other,
}

fn kind_of(error: &object_store::Error, detail: &str) -> Kind {
    let code = code_in(detail);
    if matches!(code, Some("NoSuchBucket")) {
        return Kind::NoBucket;
    }
    let denied_codes = [
        "AccessDenied",
        "SignatureDoesNotMatch",
        "InvalidAccessKeyId",
        "ExpiredToken",
        "InvalidToken",
        "AuthorizationHeaderMalformed",
        "AuthenticationFailed",
        "AuthorizationFailure",
    ];
    if matches!(
        error,
        object_store::Error::PermissionDenied { .. } | object_store::Error::Unauthenticated { .. }
    ) || code.is_some_and(|code| denied_codes.contains(&code))
        || detail.contains("403 Forbidden")
        || detail.contains("401 Unauthorized")
    {
        return Kind::Denied;
    }
    Kind::Other
}

/// The `<Code>` of an S3 or Azure XML error body, e.g. `SignatureDoesNotMatch`.
fn code_in(detail: &str) -> Option<&str> {
    let start = detail.find("<Code>")? + "<Code>".len();
    let end = detail[start..].find("</Code>")? + start;
    Some(&detail[start..end])
}

/// The error with every cause, as one line.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let more = cause.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = cause.source();
    }
    text
}

/// An error body can be long (S3 echoes the canonical request): keep the start.
fn shortened(detail: &str) -> String {
    const LIMIT: usize = 400;
    let single: String = detail.split_whitespace().collect::<Vec<_>>().join(" ");
    if single.len() <= LIMIT {
        return single;
    }
    let mut end = LIMIT;
    while !single.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &single[..end])
}

/// `message` with every secret replaced by `***`.
fn redact(message: &str, secrets: &[String]) -> String {
    let mut text = message.to_string();
    for secret in secrets {
        text = text.replace(secret.as_str(), "***");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_follow_the_hosting_policy_and_variants_name_their_encoding() {
        let page = headers_of("stories/a/index.html");
        assert_eq!(
            page.get(&Attribute::ContentType).map(|v| v.as_ref()),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(
            page.get(&Attribute::CacheControl).map(|v| v.as_ref()),
            Some("public, max-age=300, must-revalidate")
        );
        let variant = headers_of("style.0123456789abcdef.css.gz");
        assert_eq!(
            variant.get(&Attribute::ContentType).map(|v| v.as_ref()),
            Some("text/css; charset=utf-8")
        );
        assert_eq!(
            variant.get(&Attribute::CacheControl).map(|v| v.as_ref()),
            Some("public, max-age=31536000, immutable")
        );
        assert_eq!(
            variant.get(&Attribute::ContentEncoding).map(|v| v.as_ref()),
            Some("gzip")
        );
    }

    #[test]
    fn error_codes_are_read_from_xml_bodies_and_secrets_never_shown() {
        assert_eq!(
            code_in("... <Error><Code>SignatureDoesNotMatch</Code><Message>x</Message>"),
            Some("SignatureDoesNotMatch")
        );
        assert_eq!(code_in("connection refused"), None);
        assert_eq!(
            redact("key hunter22 and hunter22", &["hunter22".to_string()]),
            "key *** and ***"
        );
    }
}
