#include "core/ids.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstring>

#include <sodium.h>

namespace webdpro {
namespace {

constexpr std::string_view kCrockford = "0123456789abcdefghjkmnpqrstvwxyz";
constexpr std::size_t kBodyLength = 26;

bool IsCrockford(char c) {
    return kCrockford.find(c) != std::string_view::npos;
}

// Random bytes from libsodium's CSPRNG, fetched a block at a time per thread so that making an
// id (one per request) does not cost a getrandom(2) call each time.
void RandomBytes(std::uint8_t* out, std::size_t n) {
    constexpr std::size_t kBlock = 512;
    thread_local std::array<std::uint8_t, kBlock> block{};
    thread_local std::size_t used = kBlock;
    while (n > 0) {
        if (used == kBlock) {
            randombytes_buf(block.data(), block.size());
            used = 0;
        }
        const std::size_t take = std::min(n, kBlock - used);
        std::memcpy(out, block.data() + used, take);
        // Bytes handed out are wiped from the buffer so they cannot be handed out twice.
        std::memset(block.data() + used, 0, take);
        used += take;
        out += take;
        n -= take;
    }
}

}  // namespace

std::string NewIdString(std::string_view prefix) {
    // 16 bytes: 6 of big-endian milliseconds, 10 random. 128 bits -> 26 base32 digits (130 bits,
    // the top two always zero).
    std::array<std::uint8_t, 16> bytes{};
    const auto ms = static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count());
    for (int i = 0; i < 6; ++i) {
        bytes[i] = static_cast<std::uint8_t>(ms >> (8 * (5 - i)));
    }
    RandomBytes(bytes.data() + 6, bytes.size() - 6);

    std::string out;
    out.reserve(prefix.size() + 1 + kBodyLength);
    out.append(prefix);
    out.push_back('_');
    // Emit 26 groups of 5 bits from the 130-bit big-endian number (two leading zero bits).
    for (std::size_t digit = 0; digit < kBodyLength; ++digit) {
        const int bit = static_cast<int>(digit) * 5 - 2;  // position of this group's top bit in the 128 bits
        unsigned value = 0;
        for (int b = 0; b < 5; ++b) {
            const int pos = bit + b;
            value <<= 1;
            if (pos >= 0) {
                value |= (bytes[static_cast<std::size_t>(pos / 8)] >> (7 - pos % 8)) & 1U;
            }
        }
        out.push_back(kCrockford[value]);
    }
    return out;
}

bool IsIdString(std::string_view prefix, std::string_view text) {
    if (text.size() != prefix.size() + 1 + kBodyLength || !text.starts_with(prefix) || text[prefix.size()] != '_') {
        return false;
    }
    for (char c : text.substr(prefix.size() + 1)) {
        if (!IsCrockford(c)) {
            return false;
        }
    }
    return true;
}

}  // namespace webdpro
