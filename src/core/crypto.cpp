#include "core/crypto.hpp"

#include <cctype>
#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

namespace webdpro {
namespace {

constexpr std::uint8_t kBlobVersion = 1;
constexpr std::size_t kAeadKeyBytes = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::size_t kMinKeyBytes = 32;

/// sodium_init is idempotent and thread-safe; a failure means the process has no usable CSPRNG.
void EnsureSodium() {
    static const bool ready = [] {
        if (sodium_init() < 0) {
            throw std::runtime_error("libsodium failed to initialise");
        }
        return true;
    }();
    (void)ready;
}

const unsigned char* Ptr(std::string_view s) {
    return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

SecretBytes::~SecretBytes() {
    if (!bytes_.empty()) {
        sodium_memzero(bytes_.data(), bytes_.size());
    }
}

Bytes RandomBytes(std::size_t n) {
    EnsureSodium();
    Bytes out(n);
    if (n > 0) {
        randombytes_buf(out.data(), n);
    }
    return out;
}

std::string RandomDigits(int digits) {
    if (digits < 1 || digits > 9) {
        throw std::invalid_argument("RandomDigits: digits must be 1..9");
    }
    EnsureSodium();
    std::uint32_t bound = 1;
    for (int i = 0; i < digits; ++i) {
        bound *= 10;
    }
    // randombytes_uniform rejects samples to avoid modulo bias.
    std::string value = std::to_string(randombytes_uniform(bound));
    return std::string(static_cast<std::size_t>(digits) - value.size(), '0') + value;
}

std::array<std::uint8_t, 32> HmacSha256(std::string_view key, std::string_view data) {
    static const unsigned char kEmpty = 0;
    std::array<std::uint8_t, 32> out{};
    unsigned int length = 0;
    const unsigned char* key_ptr = key.empty() ? &kEmpty : Ptr(key);
    const unsigned char* data_ptr = data.empty() ? &kEmpty : Ptr(data);
    if (HMAC(EVP_sha256(), key_ptr, static_cast<int>(key.size()), data_ptr, data.size(), out.data(), &length) ==
            nullptr ||
        length != out.size()) {
        throw std::runtime_error("HMAC-SHA-256 failed");
    }
    return out;
}

std::array<std::uint8_t, 32> Sha256(std::string_view data) {
    std::array<std::uint8_t, 32> out{};
    unsigned int length = 0;
    if (EVP_Digest(data.data(), data.size(), out.data(), &length, EVP_sha256(), nullptr) != 1 || length != out.size()) {
        throw std::runtime_error("SHA-256 failed");
    }
    return out;
}

struct Sha256Stream::Context {
    EVP_MD_CTX* md = EVP_MD_CTX_new();
};

Sha256Stream::Sha256Stream() : context_(new Context) {
    if (context_->md == nullptr || EVP_DigestInit_ex(context_->md, EVP_sha256(), nullptr) != 1) {
        EVP_MD_CTX_free(context_->md);
        delete context_;
        throw std::runtime_error("SHA-256 failed to start");
    }
}

Sha256Stream::~Sha256Stream() {
    EVP_MD_CTX_free(context_->md);
    delete context_;
}

void Sha256Stream::Update(std::string_view data) {
    if (!data.empty() && EVP_DigestUpdate(context_->md, data.data(), data.size()) != 1) {
        throw std::runtime_error("SHA-256 failed");
    }
}

std::array<std::uint8_t, 32> Sha256Stream::Finish() {
    std::array<std::uint8_t, 32> out{};
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(context_->md, out.data(), &length) != 1 || length != out.size()) {
        throw std::runtime_error("SHA-256 failed");
    }
    return out;
}

std::string HexEncode(std::string_view data) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(data.size() * 2);
    for (unsigned char c : data) {
        out.push_back(kDigits[c >> 4U]);
        out.push_back(kDigits[c & 0x0FU]);
    }
    return out;
}

std::string Base64UrlEncode(std::string_view data) {
    EnsureSodium();
    constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::string out(sodium_base64_ENCODED_LEN(data.size(), kVariant), '\0');
    sodium_bin2base64(out.data(), out.size(), Ptr(data), data.size(), kVariant);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

std::optional<std::string> Base64UrlDecode(std::string_view text) {
    EnsureSodium();
    std::string out(text.size() * 3 / 4 + 3, '\0');
    std::size_t length = 0;
    const char* end = nullptr;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                          &length, &end, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        end != text.data() + text.size()) {
        return std::nullopt;
    }
    out.resize(length);
    return out;
}

std::optional<Bytes> Base64DecodeAny(std::string_view text) {
    EnsureSodium();
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
        text.remove_prefix(1);
    }
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
        text.remove_suffix(1);
    }
    std::string cleaned(text);
    const bool url_safe = cleaned.find_first_of("-_") != std::string::npos;
    while (!cleaned.empty() && cleaned.back() == '=') {
        cleaned.pop_back();
    }
    const int variant = url_safe ? sodium_base64_VARIANT_URLSAFE_NO_PADDING : sodium_base64_VARIANT_ORIGINAL_NO_PADDING;
    Bytes out(cleaned.size() * 3 / 4 + 3);
    std::size_t length = 0;
    const char* end = nullptr;
    if (cleaned.empty() ||
        sodium_base642bin(out.data(), out.size(), cleaned.data(), cleaned.size(), nullptr, &length, &end, variant) !=
            0 ||
        end != cleaned.data() + cleaned.size()) {
        return std::nullopt;
    }
    out.resize(length);
    return out;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    if (a.empty()) {
        return true;
    }
    EnsureSodium();
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

namespace {

constexpr std::uint8_t kSealVersion = 1;
constexpr std::size_t kSaltBytes = crypto_pwhash_SALTBYTES;
constexpr std::size_t kSealHeaderBytes = 1 + kSaltBytes + 8 + 8 + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;

void PutLe64(std::uint8_t* out, std::uint64_t value) {
    for (int i = 0; i < 8; ++i) {
        out[i] = static_cast<std::uint8_t>(value >> (8 * i));
    }
}

std::uint64_t GetLe64(const std::uint8_t* in) {
    std::uint64_t value = 0;
    for (int i = 7; i >= 0; --i) {
        value = (value << 8U) | in[i];
    }
    return value;
}

/// The AEAD key for a passphrase; false when Argon2id could not run (out of memory).
bool DeriveKey(std::array<std::uint8_t, crypto_aead_xchacha20poly1305_ietf_KEYBYTES>& key, std::string_view passphrase,
               const std::uint8_t* salt, std::uint64_t opslimit, std::uint64_t memlimit) {
    return crypto_pwhash(key.data(), key.size(), passphrase.data(), passphrase.size(), salt, opslimit,
                         static_cast<std::size_t>(memlimit), crypto_pwhash_ALG_ARGON2ID13) == 0;
}

}  // namespace

Bytes SealWithPassphrase(std::string_view plaintext, std::string_view passphrase, std::string_view context) {
    EnsureSodium();
    constexpr std::uint64_t kOps = crypto_pwhash_OPSLIMIT_MODERATE;
    constexpr std::uint64_t kMem = crypto_pwhash_MEMLIMIT_MODERATE;
    Bytes blob(kSealHeaderBytes + plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
    std::uint8_t* salt = blob.data() + 1;
    std::uint8_t* nonce = salt + kSaltBytes + 16;
    blob[0] = kSealVersion;
    randombytes_buf(salt, kSaltBytes);
    PutLe64(salt + kSaltBytes, kOps);
    PutLe64(salt + kSaltBytes + 8, kMem);
    randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    std::array<std::uint8_t, crypto_aead_xchacha20poly1305_ietf_KEYBYTES> key{};
    if (!DeriveKey(key, passphrase, salt, kOps, kMem)) {
        throw std::runtime_error("Argon2id failed (out of memory)");
    }
    unsigned long long written = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(blob.data() + kSealHeaderBytes, &written, Ptr(plaintext),
                                               plaintext.size(), Ptr(context), context.size(), nullptr, nonce,
                                               key.data());
    sodium_memzero(key.data(), key.size());
    blob.resize(kSealHeaderBytes + written);
    return blob;
}

Result<std::string> OpenWithPassphrase(const Bytes& blob, std::string_view passphrase, std::string_view context) {
    EnsureSodium();
    const ApiError refused(ErrorCode::kInvalidArgument,
                           "The passphrase is wrong, or the sealed keys are damaged or belong to another archive.");
    if (blob.size() < kSealHeaderBytes + crypto_aead_xchacha20poly1305_ietf_ABYTES || blob[0] != kSealVersion) {
        return Fail(refused);
    }
    const std::uint8_t* salt = blob.data() + 1;
    const std::uint64_t ops = GetLe64(salt + kSaltBytes);
    const std::uint64_t mem = GetLe64(salt + kSaltBytes + 8);
    // Limits come from the file: bound them so a crafted one cannot ask for unbounded work.
    if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > crypto_pwhash_OPSLIMIT_SENSITIVE ||
        mem < crypto_pwhash_MEMLIMIT_MIN || mem > crypto_pwhash_MEMLIMIT_SENSITIVE) {
        return Fail(refused);
    }
    std::array<std::uint8_t, crypto_aead_xchacha20poly1305_ietf_KEYBYTES> key{};
    if (!DeriveKey(key, passphrase, salt, ops, mem)) {
        return Fail(ApiError::Internal("Argon2id failed (out of memory)"));
    }
    const std::size_t cipher_size = blob.size() - kSealHeaderBytes;
    std::string out(cipher_size - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
    unsigned long long length = 0;
    const int opened = crypto_aead_xchacha20poly1305_ietf_decrypt(
        reinterpret_cast<unsigned char*>(out.data()), &length, nullptr, blob.data() + kSealHeaderBytes, cipher_size,
        Ptr(context), context.size(), salt + kSaltBytes + 16, key.data());
    sodium_memzero(key.data(), key.size());
    if (opened != 0) {
        return Fail(refused);
    }
    out.resize(length);
    return out;
}

Result<PiiVault> PiiVault::Create(SecretBytes encryption_key, SecretBytes index_key) {
    if (encryption_key.size() < kMinKeyBytes || index_key.size() < kMinKeyBytes) {
        return Fail(ErrorCode::kInvalidArgument, "PII keys must be at least 32 bytes.");
    }
    EnsureSodium();
    return PiiVault(std::move(encryption_key), std::move(index_key));
}

Bytes PiiVault::Encrypt(std::string_view plaintext, std::string_view context) const {
    Bytes blob(1 + kNonceBytes + plaintext.size() + kTagBytes);
    blob[0] = kBlobVersion;
    randombytes_buf(blob.data() + 1, kNonceBytes);
    unsigned long long written = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(blob.data() + 1 + kNonceBytes, &written, Ptr(plaintext),
                                               plaintext.size(), Ptr(context), context.size(), nullptr, blob.data() + 1,
                                               encryption_key_.data());
    blob.resize(1 + kNonceBytes + written);
    return blob;
}

Result<std::string> PiiVault::Decrypt(const Bytes& blob, std::string_view context) const {
    static_assert(kAeadKeyBytes == kMinKeyBytes);
    if (blob.size() < 1 + kNonceBytes + kTagBytes || blob[0] != kBlobVersion) {
        return Fail(ApiError::Internal("PII blob is malformed"));
    }
    const std::size_t cipher_size = blob.size() - 1 - kNonceBytes;
    std::string out(cipher_size - kTagBytes, '\0');
    unsigned long long length = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(out.data()), &length, nullptr,
                                                   blob.data() + 1 + kNonceBytes, cipher_size, Ptr(context),
                                                   context.size(), blob.data() + 1, encryption_key_.data()) != 0) {
        return Fail(ApiError::Internal("PII blob does not decrypt under this key and context"));
    }
    out.resize(length);
    return out;
}

std::string PiiVault::BlindIndex(std::string_view value) const {
    return HexEncode(HmacSha256(index_key_.view(), value));
}

}  // namespace webdpro
