//! Whether credentials for a store can be found, checked before any request so that a
//! missing key is reported as such (and not, minutes later, as a timeout reaching a cloud
//! metadata service). Credentials come only from each provider's standard environment
//! variables and files, and no value read here is ever put in a message.

use std::path::PathBuf;

/// AWS keys from the shared credentials file, for the object_store builder.
#[derive(Default)]
pub(crate) struct AwsKeys {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
}

/// Where S3 credentials will come from: the environment (the object_store builder reads it
/// itself), the shared credentials file (read here), or nowhere, with what was looked for.
pub(crate) enum AwsSource {
    Environment,
    File(AwsKeys),
    Missing(String),
}

fn set(name: &str) -> bool {
    std::env::var_os(name).is_some_and(|v| !v.is_empty())
}

pub(crate) fn aws() -> AwsSource {
    let keys_in_env = set("AWS_ACCESS_KEY_ID") && set("AWS_SECRET_ACCESS_KEY");
    let role_in_env = set("AWS_WEB_IDENTITY_TOKEN_FILE")
        || set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
        || set("AWS_CONTAINER_CREDENTIALS_FULL_URI");
    if keys_in_env || role_in_env {
        return AwsSource::Environment;
    }
    let profile = std::env::var("AWS_PROFILE").unwrap_or_else(|_| "default".to_string());
    let file = std::env::var_os("AWS_SHARED_CREDENTIALS_FILE")
        .map(PathBuf::from)
        .or_else(|| home().map(|home| home.join(".aws/credentials")));
    if let Some(keys) = file
        .as_ref()
        .and_then(|file| std::fs::read_to_string(file).ok())
        .and_then(|text| profile_keys(&text, &profile))
    {
        return AwsSource::File(keys);
    }
    AwsSource::Missing(format!(
        "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and \
         AWS_SESSION_TOKEN for temporary keys), AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN, \
         or put profile `{profile}` in {}",
        file.map_or("~/.aws/credentials".to_string(), |f| f
            .display()
            .to_string())
    ))
}

/// The keys of `[profile]` in an AWS shared credentials file (an INI file).
fn profile_keys(text: &str, profile: &str) -> Option<AwsKeys> {
    let mut keys = AwsKeys::default();
    let mut in_profile = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('#') || line.starts_with(';') || line.is_empty() {
            continue;
        }
        if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            in_profile = section.trim() == profile;
            continue;
        }
        if !in_profile {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let value = value.trim().to_string();
        match key.trim() {
            "aws_access_key_id" => keys.access_key_id = value,
            "aws_secret_access_key" => keys.secret_access_key = value,
            "aws_session_token" => keys.session_token = Some(value),
            _ => {}
        }
    }
    (!keys.access_key_id.is_empty() && !keys.secret_access_key.is_empty()).then_some(keys)
}

/// Google Cloud Storage: a service account key, or application default credentials.
pub(crate) fn gcs_missing() -> Option<String> {
    let in_env = [
        "GOOGLE_SERVICE_ACCOUNT",
        "GOOGLE_SERVICE_ACCOUNT_PATH",
        "GOOGLE_SERVICE_ACCOUNT_KEY",
        "GOOGLE_APPLICATION_CREDENTIALS",
    ]
    .iter()
    .any(|name| set(name));
    let default_file = home()
        .map(|home| home.join(".config/gcloud/application_default_credentials.json"))
        .is_some_and(|file| file.is_file());
    (!in_env && !default_file).then(|| {
        "no Google Cloud credentials: set GOOGLE_APPLICATION_CREDENTIALS (or \
         GOOGLE_SERVICE_ACCOUNT) to a service account key file, or run \
         `gcloud auth application-default login`"
            .to_string()
    })
}

/// Azure Blob Storage: an account name and a key, SAS token or service principal.
pub(crate) fn azure_missing() -> Option<String> {
    let account = set("AZURE_STORAGE_ACCOUNT_NAME") || set("AZURE_STORAGE_ACCOUNT");
    let secret = [
        "AZURE_STORAGE_ACCOUNT_KEY",
        "AZURE_STORAGE_ACCESS_KEY",
        "AZURE_STORAGE_SAS_KEY",
        "AZURE_STORAGE_SAS_TOKEN",
        "AZURE_CLIENT_SECRET",
        "AZURE_FEDERATED_TOKEN_FILE",
    ]
    .iter()
    .any(|name| set(name));
    (!account || !secret).then(|| {
        "no Azure credentials: set AZURE_STORAGE_ACCOUNT_NAME and AZURE_STORAGE_ACCOUNT_KEY \
         (or AZURE_STORAGE_SAS_KEY, or AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET)"
            .to_string()
    })
}

/// Every credential value in the environment, to be blanked out of any message a store
/// returns (a store's error body may echo a request).
pub(crate) fn secrets_in_environment() -> Vec<String> {
    const SECRET_NAMES: &[&str] = &[
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "GOOGLE_SERVICE_ACCOUNT_KEY",
        "AZURE_STORAGE_ACCOUNT_KEY",
        "AZURE_STORAGE_ACCESS_KEY",
        "AZURE_STORAGE_SAS_KEY",
        "AZURE_STORAGE_SAS_TOKEN",
        "AZURE_CLIENT_SECRET",
    ];
    SECRET_NAMES
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .filter(|value| value.len() >= 4)
        .collect()
}

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME").map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_is_read_from_its_own_section_only() {
        let text = "[default]\naws_access_key_id = A\naws_secret_access_key = S\n\n\
                    [ci]\n# comment\naws_access_key_id=B\naws_secret_access_key=T\naws_session_token=X\n";
        let keys = profile_keys(text, "ci").unwrap();
        assert_eq!(keys.access_key_id, "B");
        assert_eq!(keys.secret_access_key, "T");
        assert_eq!(keys.session_token.as_deref(), Some("X"));
        assert_eq!(profile_keys(text, "default").unwrap().access_key_id, "A");
        assert!(profile_keys(text, "other").is_none());
    }
}
