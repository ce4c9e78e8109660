#pragma once

#include <optional>
#include <string>

#include "app/config.hpp"

/// The backup commands: `webdpro backup`, `webdpro backup verify` and `webdpro restore`. An
/// archive (storage/backup_archive.hpp) holds the database and, sealed under the operator's
/// passphrase, the keys that read it; a restore checks everything before it replaces anything.
namespace webdpro::app {

/// Where the passphrase comes from: --passphrase-file, else WEBDPRO_BACKUP_PASSPHRASE.
struct PassphraseFlags {
    std::string file;

    /// The passphrase, nullopt when neither source gives one; an error when the file is unreadable.
    Result<std::optional<std::string>> Read() const;
};

struct BackupFlags {
    std::string out;
    PassphraseFlags passphrase;
    bool without_keys = false;
};

// Each returns what it did, to print, or why it refused (nothing was changed then).

/// `webdpro backup --out FILE`: an online, consistent archive (works while serving). Refuses
/// without a passphrase unless the keys are deliberately left out, and when the keys it sees do
/// not read the database.
Result<std::string> RunBackup(const Config& config, const BackupFlags& flags);
/// `webdpro backup verify FILE`: checks an archive without touching any data dir; with the
/// passphrase, also that its keys open and read its data.
Result<std::string> RunBackupVerify(const std::string& archive, const PassphraseFlags& passphrase);
/// `webdpro restore --from FILE` (the server must be stopped): checks the archive, and that the
/// keys it will run with (the archive's, or this machine's when it has none) read its data,
/// before replacing the database and writing the keys to DATA_DIR/secrets.toml.
Result<std::string> RunRestore(const Config& config, const std::string& archive, const PassphraseFlags& passphrase);

}  // namespace webdpro::app
