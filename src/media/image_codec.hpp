#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace webdpro::media {

/// Picture formats an upload may be in. Decided by the bytes, never by a name or a Content-Type.
enum class ImageFormat : std::uint8_t { kJpeg, kPng, kWebp };

/// "jpeg", "png" or "webp".
std::string_view FormatName(ImageFormat format);

/// The format the bytes claim by their signature (magic bytes); nullopt for anything else. A
/// signature is only a claim: the picture is proved by decoding it (MakeWebPhoto).
std::optional<ImageFormat> SniffFormat(std::string_view bytes);

/// What a product photo may be and what it becomes.
struct PhotoLimits {
    /// Pictures with more pixels are refused from their header, before any pixel is decoded
    /// (a few hundred bytes can claim a 60000 x 60000 picture: a decompression bomb).
    std::int64_t max_pixels = 40'000'000;
    /// The longest side of the result; smaller pictures keep their size (never upscaled).
    int max_side = 800;
    /// WebP quality, 0..100.
    float webp_quality = 75.0F;
    /// A progressive JPEG with more scans than this is refused: each scan repeats the work of
    /// decoding, so thousands of tiny scans burn CPU without being a bigger file.
    int max_jpeg_scans = 200;
    /// libjpeg's working memory (max_memory_to_use). A progressive JPEG keeps every DCT
    /// coefficient of the whole picture (2 bytes per sample): a 40 MP 4:4:4 photo needs ~240 MB,
    /// so this admits any picture within max_pixels that a camera writes, and refuses odd ones
    /// (4 colour components, unusual sampling) that would need more; decoding fails instead of
    /// spilling to disk (no backing store).
    long max_jpeg_memory = 256L * 1024 * 1024;
};

/// A photo ready to serve: a WebP without any metadata (EXIF, XMP, ICC are not carried over by
/// construction, since only pixels are re-encoded), upright (JPEG EXIF orientation applied).
struct WebPhoto {
    std::string webp;
    int width = 0;
    int height = 0;
    ImageFormat source_format = ImageFormat::kJpeg;
    int source_width = 0;  ///< as stored in the upload, before orientation
    int source_height = 0;
};

/// Decodes a JPEG, PNG or WebP upload, scales it down to fit `limits.max_side` (area average;
/// JPEGs are first reduced by libjpeg's DCT scaling, so a 12 MP photo is never fully decoded)
/// and encodes a WebP. Pure and thread-safe; CPU-heavy (run it on a work pool).
/// Errors (public messages fit to show the owner):
/// - kUnsupportedMedia: the bytes are not a JPEG, PNG or WebP picture;
/// - kInvalidArgument: they claim to be one but are damaged or cut short;
/// - kPayloadTooLarge: more than `limits.max_pixels` pixels;
/// - kInternal: the encoder failed.
Result<WebPhoto> MakeWebPhoto(std::string_view upload, const PhotoLimits& limits = {});

/// The size a `width` x `height` picture is scaled to so that its longer side is at most
/// `max_side` (aspect kept, each side at least 1; unchanged when it already fits).
std::pair<int, int> FitWithin(int width, int height, int max_side);

}  // namespace webdpro::media
