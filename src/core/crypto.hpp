#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace webdpro {

/// Raw bytes.
using Bytes = std::vector<std::uint8_t>;

/// Key material that wipes itself (sodium_memzero) when destroyed. Never printed, never logged:
/// there is deliberately no conversion to text. Copyable (keys are loaded once at start-up).
class SecretBytes final {
public:
    SecretBytes() = default;
    explicit SecretBytes(Bytes bytes) : bytes_(std::move(bytes)) {}
    SecretBytes(const SecretBytes&) = default;
    SecretBytes& operator=(const SecretBytes&) = default;
    SecretBytes(SecretBytes&&) noexcept = default;
    SecretBytes& operator=(SecretBytes&&) noexcept = default;
    ~SecretBytes();

    const std::uint8_t* data() const { return bytes_.data(); }
    std::size_t size() const { return bytes_.size(); }
    bool empty() const { return bytes_.empty(); }
    std::string_view view() const { return {reinterpret_cast<const char*>(bytes_.data()), bytes_.size()}; }

private:
    Bytes bytes_;
};

/// Fills a buffer of `n` bytes from the operating system's CSPRNG (libsodium). Thread-safe.
Bytes RandomBytes(std::size_t n);

/// A uniformly random decimal string of `digits` digits (leading zeros kept), from the CSPRNG
/// without modulo bias. 1 <= digits <= 9. Thread-safe.
std::string RandomDigits(int digits);

/// HMAC-SHA-256 (OpenSSL). Any key length.
std::array<std::uint8_t, 32> HmacSha256(std::string_view key, std::string_view data);
/// SHA-256 (OpenSSL).
std::array<std::uint8_t, 32> Sha256(std::string_view data);

/// SHA-256 of data fed in pieces (a file too large to hold at once). Not copyable.
class Sha256Stream final {
public:
    Sha256Stream();
    ~Sha256Stream();
    Sha256Stream(const Sha256Stream&) = delete;
    Sha256Stream& operator=(const Sha256Stream&) = delete;

    void Update(std::string_view data);
    /// The digest of everything fed so far; the stream must not be fed afterwards.
    std::array<std::uint8_t, 32> Finish();

private:
    struct Context;
    Context* context_;
};

/// Lowercase hexadecimal of `data`.
std::string HexEncode(std::string_view data);
template <std::size_t N>
std::string HexEncode(const std::array<std::uint8_t, N>& data) {
    return HexEncode(std::string_view(reinterpret_cast<const char*>(data.data()), N));
}
/// Bytes viewed as a string (for passing digests on to another function).
template <std::size_t N>
std::string_view AsView(const std::array<std::uint8_t, N>& data) {
    return {reinterpret_cast<const char*>(data.data()), N};
}

/// Base64url without padding (RFC 4648 §5), as JWTs use.
std::string Base64UrlEncode(std::string_view data);
/// Strict base64url without padding; nullopt on any other character, padding or a bad length.
std::optional<std::string> Base64UrlDecode(std::string_view text);
/// Lenient decoding for configured keys: standard or URL-safe alphabet, padding optional,
/// surrounding whitespace ignored. Nullopt when it is not base64 at all.
std::optional<Bytes> Base64DecodeAny(std::string_view text);

/// Compares two byte strings in time that depends only on their lengths (sodium_memcmp).
/// Different lengths compare unequal.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

/// Seals `plaintext` under a key derived from an operator's passphrase (Argon2id, libsodium's
/// moderate limits, a random salt) with XChaCha20-Poly1305; `context` is bound as associated data.
/// The blob carries its own salt and limits: version byte 1 || salt (16) || opslimit (8, LE) ||
/// memlimit (8, LE) || nonce (24) || ciphertext+tag. Takes about a second by design.
Bytes SealWithPassphrase(std::string_view plaintext, std::string_view passphrase, std::string_view context);
/// Opens a SealWithPassphrase blob. kInvalidArgument for a wrong passphrase, another context or a
/// damaged or malformed blob (one message for all: they cannot be told apart).
Result<std::string> OpenWithPassphrase(const Bytes& blob, std::string_view passphrase, std::string_view context);

/// Encrypts personal data at rest and computes blind indexes for looking it up.
///
/// Encrypt: XChaCha20-Poly1305 (libsodium IETF AEAD) with a fresh random 24-byte nonce; the
/// stored blob is version byte 1 || nonce || ciphertext+tag. `context` (e.g. "membership.phone|
/// ten_...") is bound as associated data, so a blob copied to another row or tenant does not
/// decrypt. BlindIndex: HMAC-SHA-256 under a separate key, hex — equal inputs give equal indexes,
/// and without the key an index reveals nothing. Immutable after construction; thread-safe.
class PiiVault final {
public:
    /// Both keys must be at least 32 bytes (the AEAD uses the first 32 of `encryption_key`);
    /// kInvalidArgument otherwise.
    static Result<PiiVault> Create(SecretBytes encryption_key, SecretBytes index_key);

    Bytes Encrypt(std::string_view plaintext, std::string_view context) const;
    /// kInternal when the blob is malformed, was made under another key or another context.
    Result<std::string> Decrypt(const Bytes& blob, std::string_view context) const;
    /// Deterministic keyed index of `value` (64 hex characters).
    std::string BlindIndex(std::string_view value) const;

private:
    PiiVault(SecretBytes encryption_key, SecretBytes index_key)
        : encryption_key_(std::move(encryption_key)), index_key_(std::move(index_key)) {}

    SecretBytes encryption_key_;
    SecretBytes index_key_;
};

}  // namespace webdpro
