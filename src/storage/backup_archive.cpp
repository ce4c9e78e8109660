#include "storage/backup_archive.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/time.hpp"

namespace webdpro::storage {
namespace {

constexpr std::string_view kMagic = "WEBDPRO BACKUP 1\n";
constexpr std::string_view kTrailerPrefix = "sha256 ";
constexpr std::size_t kTrailerBytes = kTrailerPrefix.size() + 64 + 1;
constexpr std::size_t kMaxHeaderBytes = 4096;
constexpr std::size_t kChunk = 1 << 20;

ApiError Damaged(const std::filesystem::path& archive, const std::string& why) {
    return ApiError(ErrorCode::kInvalidArgument, archive.string() + " is not a usable WebDPro backup: " + why + ".");
}

ApiError IoError(const std::string& what, const std::filesystem::path& path) {
    return ApiError::Unavailable("cannot " + what + " " + path.string() + ": " + std::strerror(errno));
}

/// The context the keys are sealed under: this database and no other.
std::string KeysContext(const std::string& database_sha256) {
    return "webdpro.backup.keys|" + database_sha256;
}

/// An output file written through a descriptor, so it can be synced before it is renamed.
class OutFile {
public:
    explicit OutFile(std::filesystem::path path) : path_(std::move(path)) {
        fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    }
    ~OutFile() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    OutFile(const OutFile&) = delete;
    OutFile& operator=(const OutFile&) = delete;

    bool ok() const { return fd_ >= 0; }
    Result<void> Write(std::string_view data) {
        while (!data.empty()) {
            const ssize_t n = ::write(fd_, data.data(), data.size());
            if (n < 0) {
                if (errno == EINTR) {
                    continue;
                }
                return Fail(IoError("write", path_));
            }
            data.remove_prefix(static_cast<std::size_t>(n));
        }
        return {};
    }
    Result<void> SyncAndClose() {
        const bool synced = ::fsync(fd_) == 0;
        const bool closed = ::close(fd_) == 0;
        fd_ = -1;
        if (!synced || !closed) {
            return Fail(IoError("sync", path_));
        }
        return {};
    }

private:
    std::filesystem::path path_;
    int fd_ = -1;
};

/// SHA-256 of a whole file, read in chunks.
Result<std::string> FileSha256(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return Fail(IoError("read", path));
    }
    Sha256Stream hash;
    std::string buffer(kChunk, '\0');
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        hash.Update(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())));
    }
    if (in.bad()) {
        return Fail(IoError("read", path));
    }
    return HexEncode(hash.Finish());
}

/// Writes `data` to `out` and feeds it to `hash`.
Result<void> Emit(OutFile& out, Sha256Stream& hash, std::string_view data) {
    hash.Update(data);
    return out.Write(data);
}

void SyncFolder(const std::filesystem::path& folder) {
    const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

Result<BackupInfo> ParseHeader(const std::filesystem::path& archive, const std::string& line) {
    auto json = nlohmann::json::parse(line, nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
        return Fail(Damaged(archive, "its header is not JSON"));
    }
    BackupInfo info;
    try {
        info.created_at_ms = json.at("created_at_ms").get<std::int64_t>();
        info.database_bytes = json.at("database_bytes").get<std::uint64_t>();
        info.database_sha256 = json.at("database_sha256").get<std::string>();
        const auto keys = json.at("keys").get<std::string>();
        if (keys != "sealed" && keys != "left_out") {
            return Fail(Damaged(archive, "its header names no known keys state"));
        }
        info.has_keys = keys == "sealed";
    } catch (const nlohmann::json::exception&) {
        return Fail(Damaged(archive, "its header lacks a field"));
    }
    if (info.database_sha256.size() != 64) {
        return Fail(Damaged(archive, "its header has no database checksum"));
    }
    return info;
}

}  // namespace

Result<BackupInfo> WriteBackupArchive(const std::filesystem::path& out, const std::filesystem::path& database_file,
                                      const std::optional<BackupKeys>& keys) {
    if (keys && keys->passphrase.size() < kMinBackupPassphrase) {
        return Fail(ApiError(ErrorCode::kInvalidArgument, "The backup passphrase must be at least " +
                                                              std::to_string(kMinBackupPassphrase) + " characters."));
    }
    std::error_code ec;
    const auto database_bytes = std::filesystem::file_size(database_file, ec);
    if (ec) {
        return Fail(ApiError::Unavailable("cannot read " + database_file.string() + ": " + ec.message()));
    }
    auto database_sha256 = FileSha256(database_file);
    if (!database_sha256) {
        return Fail(database_sha256.error());
    }
    BackupInfo info{.created_at_ms = UnixMillis(NowUtc()),
                    .database_bytes = database_bytes,
                    .database_sha256 = *database_sha256,
                    .has_keys = keys.has_value()};
    Bytes sealed;
    if (keys) {
        sealed = SealWithPassphrase(keys->secrets_toml, keys->passphrase, KeysContext(info.database_sha256));
    }
    const nlohmann::json header = {{"created_at_ms", info.created_at_ms},
                                   {"database_bytes", info.database_bytes},
                                   {"database_sha256", info.database_sha256},
                                   {"keys", keys ? "sealed" : "left_out"},
                                   {"keys_bytes", sealed.size()}};

    const std::filesystem::path partial = out.string() + ".partial";
    OutFile file(partial);
    if (!file.ok()) {
        return Fail(IoError("create", partial));
    }
    auto fail = [&](ApiError error) -> Result<BackupInfo> {
        std::filesystem::remove(partial, ec);
        return Fail(std::move(error));
    };
    Sha256Stream hash;
    if (auto w = Emit(file, hash, kMagic); !w) {
        return fail(w.error());
    }
    if (auto w = Emit(file, hash, header.dump() + "\n"); !w) {
        return fail(w.error());
    }
    std::ifstream in(database_file, std::ios::binary);
    if (!in) {
        return fail(IoError("read", database_file));
    }
    std::string buffer(kChunk, '\0');
    std::uint64_t copied = 0;
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto n = static_cast<std::size_t>(in.gcount());
        copied += n;
        if (auto w = Emit(file, hash, std::string_view(buffer.data(), n)); !w) {
            return fail(w.error());
        }
    }
    if (in.bad() || copied != database_bytes) {
        return fail(ApiError::Unavailable(database_file.string() + " changed while it was archived"));
    }
    if (auto w = Emit(file, hash, std::string_view(reinterpret_cast<const char*>(sealed.data()), sealed.size())); !w) {
        return fail(w.error());
    }
    if (auto w = file.Write(std::string(kTrailerPrefix) + HexEncode(hash.Finish()) + "\n"); !w) {
        return fail(w.error());
    }
    if (auto synced = file.SyncAndClose(); !synced) {
        return fail(synced.error());
    }
    std::filesystem::rename(partial, out, ec);
    if (ec) {
        return fail(ApiError::Unavailable("cannot write " + out.string() + ": " + ec.message()));
    }
    SyncFolder(out.parent_path());
    return info;
}

Result<OpenedBackup> ReadBackupArchive(const std::filesystem::path& archive,
                                       const std::filesystem::path& database_out) {
    std::error_code ec;
    if (!std::filesystem::exists(archive, ec)) {
        return Fail(ApiError(ErrorCode::kNotFound, "No backup at " + archive.string() + "."));
    }
    const auto archive_bytes = std::filesystem::file_size(archive, ec);
    if (ec) {
        return Fail(ApiError::Unavailable("cannot read " + archive.string() + ": " + ec.message()));
    }
    std::ifstream in(archive, std::ios::binary);
    if (!in) {
        return Fail(IoError("read", archive));
    }
    std::string magic(kMagic.size(), '\0');
    in.read(magic.data(), static_cast<std::streamsize>(magic.size()));
    if (!in || magic != kMagic) {
        return Fail(Damaged(archive, "it does not start as one"));
    }
    std::string header_line;
    if (!std::getline(in, header_line) || header_line.size() > kMaxHeaderBytes) {
        return Fail(Damaged(archive, "its header is missing"));
    }
    auto info = ParseHeader(archive, header_line);
    if (!info) {
        return Fail(info.error());
    }
    const auto header_json = nlohmann::json::parse(header_line);
    const auto keys_bytes = header_json.value("keys_bytes", std::uint64_t{0});
    const std::uint64_t prefix_bytes = kMagic.size() + header_line.size() + 1;
    if (archive_bytes < prefix_bytes + kTrailerBytes ||
        archive_bytes - prefix_bytes - kTrailerBytes != info->database_bytes + keys_bytes ||
        (keys_bytes == 0) == info->has_keys) {
        return Fail(Damaged(archive, "it is truncated or its sizes disagree"));
    }

    Sha256Stream whole;
    whole.Update(kMagic);
    whole.Update(header_line + "\n");
    const std::filesystem::path partial = database_out.string() + ".partial";
    OutFile file(partial);
    if (!file.ok()) {
        return Fail(IoError("create", partial));
    }
    auto fail = [&](ApiError error) -> Result<OpenedBackup> {
        std::filesystem::remove(partial, ec);
        return Fail(std::move(error));
    };
    Sha256Stream database_hash;
    std::string buffer(kChunk, '\0');
    std::uint64_t left = info->database_bytes;
    while (left > 0) {
        const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(left, buffer.size()));
        in.read(buffer.data(), static_cast<std::streamsize>(want));
        if (static_cast<std::size_t>(in.gcount()) != want) {
            return fail(Damaged(archive, "its database is cut short"));
        }
        const std::string_view piece(buffer.data(), want);
        whole.Update(piece);
        database_hash.Update(piece);
        if (auto w = file.Write(piece); !w) {
            return fail(w.error());
        }
        left -= want;
    }
    OpenedBackup opened{.info = *info, .sealed_keys = Bytes(keys_bytes)};
    in.read(reinterpret_cast<char*>(opened.sealed_keys.data()), static_cast<std::streamsize>(keys_bytes));
    if (static_cast<std::uint64_t>(in.gcount()) != keys_bytes) {
        return fail(Damaged(archive, "its keys are cut short"));
    }
    whole.Update(std::string_view(reinterpret_cast<const char*>(opened.sealed_keys.data()), keys_bytes));
    std::string trailer(kTrailerBytes, '\0');
    in.read(trailer.data(), static_cast<std::streamsize>(trailer.size()));
    if (static_cast<std::size_t>(in.gcount()) != kTrailerBytes ||
        trailer != std::string(kTrailerPrefix) + HexEncode(whole.Finish()) + "\n") {
        return fail(Damaged(archive, "its checksum does not match (the file is damaged)"));
    }
    if (HexEncode(database_hash.Finish()) != info->database_sha256) {
        return fail(Damaged(archive, "its database does not match its checksum"));
    }
    if (auto synced = file.SyncAndClose(); !synced) {
        return fail(synced.error());
    }
    std::filesystem::rename(partial, database_out, ec);
    if (ec) {
        return fail(ApiError::Unavailable("cannot write " + database_out.string() + ": " + ec.message()));
    }
    return opened;
}

Result<std::string> OpenBackupKeys(const OpenedBackup& backup, std::string_view passphrase) {
    if (!backup.info.has_keys) {
        return Fail(ApiError(ErrorCode::kInvalidArgument, "This backup was made without its keys."));
    }
    return OpenWithPassphrase(backup.sealed_keys, passphrase, KeysContext(backup.info.database_sha256));
}

}  // namespace webdpro::storage
