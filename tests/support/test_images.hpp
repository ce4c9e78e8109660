#pragma once
// Pictures encoded the way phones and editors write them, for the tests and benchmarks of the
// photo pipeline (src/media): JPEG (optionally progressive, optionally with an EXIF block), PNG
// (any colour type, optionally interlaced) and lossy WebP, all in memory.

#include <cstdint>
#include <string>
#include <vector>

namespace webdpro::testing {

/// Raw 8-bit samples, row after row, channel after channel (RGB unless said otherwise).
using Pixels = std::vector<std::uint8_t>;

struct JpegOptions {
    int quality = 90;
    /// The APP1 payload ("Exif\0\0" + TIFF), written after the JFIF header; none when empty.
    std::string exif{};
    bool progressive = false;
};

/// A w x h RGB picture as a baseline (or progressive) JPEG.
std::string EncodeJpeg(const Pixels& rgb, int width, int height, const JpegOptions& options = {});

/// A w x h picture as a PNG; `color_type` is libpng's (PNG_COLOR_TYPE_RGB, _RGBA, _GRAY) and says
/// how many channels `pixels` holds.
std::string EncodePng(const Pixels& pixels, int width, int height, int color_type, bool interlaced = false);

/// A w x h RGB picture as a lossy WebP.
std::string EncodeWebp(const Pixels& rgb, int width, int height, float quality = 80);

}  // namespace webdpro::testing
