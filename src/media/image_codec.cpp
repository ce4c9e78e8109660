#include "media/image_codec.hpp"

#include <algorithm>
#include <array>
#include <csetjmp>
#include <cstddef>
#include <cstdio>  // jpeglib.h needs FILE
#include <cstring>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include <jerror.h>
#include <jpeglib.h>
#include <png.h>
#include <webp/decode.h>
#include <webp/encode.h>

namespace webdpro::media {
namespace {

constexpr std::string_view kNotAPicture = "This file is not a JPEG, PNG or WebP picture.";
constexpr std::array<std::uint8_t, 3> kJpegMagic = {0xFF, 0xD8, 0xFF};
constexpr std::array<std::uint8_t, 8> kPngMagic = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
/// Interlaced PNGs cannot be read row by row, so they are decoded whole: a lower ceiling keeps
/// that buffer (4 bytes a pixel) modest.
constexpr std::int64_t kMaxInterlacedPngPixels = 16'000'000;
constexpr int kExifOrientationTag = 0x0112;
constexpr int kTiffShort = 3;

ApiError Damaged(ImageFormat format, std::string detail) {
    std::string name(FormatName(format));
    std::ranges::transform(name, name.begin(), [](char c) { return static_cast<char>(c - 'a' + 'A'); });
    return ApiError(ErrorCode::kInvalidArgument,
                    "This " + name + " picture is damaged or incomplete; please take or export it again.",
                    std::move(detail));
}

ApiError TooManyPixels(std::int64_t width, std::int64_t height, std::int64_t limit) {
    const std::int64_t megapixels = (width * height + 999'999) / 1'000'000;
    return ApiError(ErrorCode::kPayloadTooLarge, "This picture is " + std::to_string(width) + " x " +
                                                     std::to_string(height) + " pixels (about " +
                                                     std::to_string(megapixels) + " megapixels); the limit is " +
                                                     std::to_string(limit / 1'000'000) + " megapixels.");
}

bool StartsWith(std::string_view bytes, std::span<const std::uint8_t> magic) {
    return bytes.size() >= magic.size() &&
           std::equal(magic.begin(), magic.end(), bytes.begin(),
                      [](std::uint8_t m, char b) { return m == static_cast<std::uint8_t>(b); });
}

const std::uint8_t* Data(std::string_view bytes) {
    return reinterpret_cast<const std::uint8_t*>(bytes.data());
}

// --- pixels ---------------------------------------------------------------------------------------

/// Packed 8-bit pixels: 3 channels (RGB) or 4 (RGBA, straight alpha).
struct Raster {
    int width = 0;
    int height = 0;
    int channels = 3;
    std::vector<std::uint8_t> pixels;
};

/// Area-average downscaler fed one source row at a time, so that a big picture never sits in
/// memory whole. Each output pixel is the mean of the source pixels whose centres fall in it;
/// with alpha, colours are weighted by alpha so transparent pixels do not darken the edges.
class RowScaler final {
public:
    RowScaler(int src_width, int src_height, int dst_width, int dst_height, int channels)
        : src_height_(src_height),
          dst_height_(dst_height),
          channels_(channels),
          column_to_dst_(static_cast<std::size_t>(src_width)),
          columns_in_(static_cast<std::size_t>(dst_width), 0),
          sums_(static_cast<std::size_t>(dst_width) * static_cast<std::size_t>(channels), 0) {
        for (int x = 0; x < src_width; ++x) {
            const int dx = static_cast<int>(static_cast<std::int64_t>(x) * dst_width / src_width);
            column_to_dst_[static_cast<std::size_t>(x)] = dx;
            ++columns_in_[static_cast<std::size_t>(dx)];
        }
        out_.width = dst_width;
        out_.height = dst_height;
        out_.channels = channels;
        out_.pixels.reserve(static_cast<std::size_t>(dst_width) * static_cast<std::size_t>(dst_height) *
                            static_cast<std::size_t>(channels));
    }

    /// The next source row (src_width pixels of `channels` bytes).
    void AddRow(const std::uint8_t* row) {
        const std::size_t ch = static_cast<std::size_t>(channels_);
        for (std::size_t x = 0; x < column_to_dst_.size(); ++x) {
            std::uint64_t* sum = &sums_[static_cast<std::size_t>(column_to_dst_[x]) * ch];
            const std::uint8_t* px = row + x * ch;
            if (ch == 4) {
                const std::uint64_t alpha = px[3];
                sum[0] += px[0] * alpha;
                sum[1] += px[1] * alpha;
                sum[2] += px[2] * alpha;
                sum[3] += alpha;
            } else {
                sum[0] += px[0];
                sum[1] += px[1];
                sum[2] += px[2];
            }
        }
        ++rows_in_;
        ++src_y_;
        const int next_dst_y =
            src_y_ >= src_height_ ? dst_height_ : static_cast<int>(std::int64_t{src_y_} * dst_height_ / src_height_);
        if (next_dst_y != dst_y_) {
            EmitRow();
            dst_y_ = next_dst_y;
        }
    }

    /// The scaled picture; call after the last row.
    Raster Finish() && { return std::move(out_); }

private:
    void EmitRow() {
        const std::size_t ch = static_cast<std::size_t>(channels_);
        for (std::size_t dx = 0; dx < columns_in_.size(); ++dx) {
            std::uint64_t* sum = &sums_[dx * ch];
            const std::uint64_t count = std::uint64_t{columns_in_[dx]} * rows_in_;
            if (ch == 4) {
                const std::uint64_t alpha = sum[3];
                for (std::size_t c = 0; c < 3; ++c) {
                    out_.pixels.push_back(alpha == 0 ? 0 : static_cast<std::uint8_t>((sum[c] + alpha / 2) / alpha));
                }
                out_.pixels.push_back(static_cast<std::uint8_t>((alpha + count / 2) / count));
            } else {
                for (std::size_t c = 0; c < 3; ++c) {
                    out_.pixels.push_back(static_cast<std::uint8_t>((sum[c] + count / 2) / count));
                }
            }
            std::fill_n(sum, ch, 0);
        }
        rows_in_ = 0;
    }

    int src_height_;
    int dst_height_;
    int channels_;
    std::vector<int> column_to_dst_;
    std::vector<std::uint32_t> columns_in_;
    std::vector<std::uint64_t> sums_;
    std::uint32_t rows_in_ = 0;
    int src_y_ = 0;
    int dst_y_ = 0;
    Raster out_;
};

/// Turns the picture upright as its EXIF orientation (1..8) says.
Raster Orient(Raster in, int orientation) {
    if (orientation < 2 || orientation > 8) {
        return in;
    }
    const bool swaps = orientation >= 5;
    Raster out;
    out.width = swaps ? in.height : in.width;
    out.height = swaps ? in.width : in.height;
    out.channels = in.channels;
    out.pixels.resize(in.pixels.size());
    const int w = in.width;
    const int h = in.height;
    const std::size_t ch = static_cast<std::size_t>(in.channels);
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            int dx = x;
            int dy = y;
            switch (orientation) {
                case 2:
                    dx = w - 1 - x;
                    break;  // mirrored
                case 3:
                    dx = w - 1 - x;
                    dy = h - 1 - y;
                    break;  // upside down
                case 4:
                    dy = h - 1 - y;
                    break;  // mirrored vertically
                case 5:
                    dx = y;
                    dy = x;
                    break;  // transposed
                case 6:
                    dx = h - 1 - y;
                    dy = x;
                    break;  // turned 90 degrees clockwise
                case 7:
                    dx = h - 1 - y;
                    dy = w - 1 - x;
                    break;  // transversed
                default:
                    dx = y;
                    dy = w - 1 - x;
                    break;  // 8: turned 90 degrees anticlockwise
            }
            const std::size_t from = (static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + x) * ch;
            const std::size_t to = (static_cast<std::size_t>(dy) * static_cast<std::size_t>(out.width) + dx) * ch;
            std::copy_n(&in.pixels[from], ch, &out.pixels[to]);
        }
    }
    return out;
}

bool IsOpaque(const Raster& raster) {
    if (raster.channels != 4) {
        return true;
    }
    for (std::size_t i = 3; i < raster.pixels.size(); i += 4) {
        if (raster.pixels[i] != 0xFF) {
            return false;
        }
    }
    return true;
}

Raster DropAlpha(const Raster& in) {
    Raster out{.width = in.width, .height = in.height, .channels = 3, .pixels = {}};
    out.pixels.reserve(in.pixels.size() / 4 * 3);
    for (std::size_t i = 0; i < in.pixels.size(); i += 4) {
        out.pixels.insert(out.pixels.end(), {in.pixels[i], in.pixels[i + 1], in.pixels[i + 2]});
    }
    return out;
}

struct Decoded {
    Raster raster;
    int source_width = 0;
    int source_height = 0;
    int orientation = 1;
};

// --- EXIF -----------------------------------------------------------------------------------------

/// The orientation tag of an Exif APP1 payload ("Exif\0\0" + TIFF); 1 (as stored) when absent or
/// unreadable. Everything is bounds-checked: the payload is the uploader's.
int ExifOrientation(const std::uint8_t* data, std::size_t size) {
    constexpr std::string_view kExifHeader{"Exif\0\0", 6};
    if (size < kExifHeader.size() + 8 || std::memcmp(data, kExifHeader.data(), kExifHeader.size()) != 0) {
        return 1;
    }
    const std::uint8_t* tiff = data + kExifHeader.size();
    const std::size_t n = size - kExifHeader.size();
    const bool little = tiff[0] == 'I' && tiff[1] == 'I';
    if (!little && !(tiff[0] == 'M' && tiff[1] == 'M')) {
        return 1;
    }
    auto u16 = [&](std::size_t at) -> std::uint32_t {
        return little ? tiff[at] | (tiff[at + 1] << 8) : (tiff[at] << 8) | tiff[at + 1];
    };
    auto u32 = [&](std::size_t at) -> std::uint32_t {
        return little ? u16(at) | (u16(at + 2) << 16) : (u16(at) << 16) | u16(at + 2);
    };
    if (u16(2) != 42) {
        return 1;
    }
    const std::size_t ifd = u32(4);
    if (ifd + 2 > n) {
        return 1;
    }
    const std::size_t entries = u16(ifd);
    for (std::size_t i = 0; i < entries; ++i) {
        const std::size_t entry = ifd + 2 + 12 * i;
        if (entry + 12 > n) {
            break;
        }
        if (u16(entry) == kExifOrientationTag && u16(entry + 2) == kTiffShort) {
            const std::uint32_t value = u16(entry + 8);
            return value >= 1 && value <= 8 ? static_cast<int>(value) : 1;
        }
    }
    return 1;
}

// --- JPEG -----------------------------------------------------------------------------------------
// libjpeg reports fatal errors through a callback that must not return: it longjmps back to
// RunJpeg. So every object that lives across libjpeg calls sits in JpegJob (owned by the caller),
// and RunJpeg itself holds nothing with a destructor.

struct JpegErrors {
    jpeg_error_mgr mgr;  // first: libjpeg hands back a pointer to it
    std::jmp_buf jump;
    std::array<char, JMSG_LENGTH_MAX> message;
    int max_scans;
};

[[noreturn]] void JpegFail(j_common_ptr cinfo) {
    auto* errors = reinterpret_cast<JpegErrors*>(cinfo->err);
    errors->mgr.format_message(cinfo, errors->message.data());
    std::longjmp(errors->jump, 1);
}

/// Warnings are tolerated (phones write odd padding) except running out of data: libjpeg would
/// fill the rest with grey, and a half-grey product photo is an upload that went wrong.
void JpegMessage(j_common_ptr cinfo, int level) {
    if (level < 0 && cinfo->err->msg_code == JWRN_JPEG_EOF) {
        JpegFail(cinfo);
    }
}

void JpegProgress(j_common_ptr cinfo) {
    auto* dinfo = reinterpret_cast<j_decompress_ptr>(cinfo);
    auto* errors = reinterpret_cast<JpegErrors*>(cinfo->err);
    if (dinfo->progressive_mode && dinfo->input_scan_number > errors->max_scans) {
        std::snprintf(errors->message.data(), errors->message.size(), "more than %d progressive scans",
                      errors->max_scans);
        std::longjmp(errors->jump, 1);
    }
}

struct JpegJob {
    JpegJob() = default;
    JpegJob(const JpegJob&) = delete;
    JpegJob& operator=(const JpegJob&) = delete;
    ~JpegJob() {
        if (created) {
            jpeg_destroy_decompress(&cinfo);
        }
    }

    JpegErrors errors{};
    jpeg_decompress_struct cinfo{};
    jpeg_progress_mgr progress{};
    bool created = false;
    bool too_big = false;
    std::optional<RowScaler> scaler;
    std::vector<std::uint8_t> row;
    std::vector<std::uint8_t> rgb;
    Decoded decoded;
};

/// The smallest libjpeg scale (1/8, 1/4, 1/2) that still leaves the long side at least `max_side`:
/// the DCT does most of the shrinking almost for free, the area average the rest.
unsigned int DctDenominator(unsigned int width, unsigned int height, int max_side) {
    const unsigned int long_side = std::max(width, height);
    for (unsigned int denom : {8U, 4U, 2U}) {
        if ((long_side + denom - 1) / denom >= static_cast<unsigned int>(max_side)) {
            return denom;
        }
    }
    return 1;
}

/// Adobe CMYK (as libjpeg outputs it, inverted when the Adobe marker says so) to RGB.
void CmykToRgb(const std::uint8_t* cmyk, std::uint8_t* rgb, std::size_t pixels, bool inverted) {
    for (std::size_t i = 0; i < pixels; ++i) {
        const std::uint8_t* p = cmyk + i * 4;
        const unsigned k = inverted ? p[3] : 255U - p[3];
        for (std::size_t c = 0; c < 3; ++c) {
            const unsigned v = inverted ? p[c] : 255U - p[c];
            rgb[i * 3 + c] = static_cast<std::uint8_t>((v * k + 127) / 255);
        }
    }
}

bool RunJpeg(JpegJob& job, std::string_view bytes, const PhotoLimits& limits) {
    jpeg_decompress_struct& cinfo = job.cinfo;
    cinfo.err = jpeg_std_error(&job.errors.mgr);
    job.errors.mgr.error_exit = JpegFail;
    job.errors.mgr.emit_message = JpegMessage;
    job.errors.max_scans = limits.max_jpeg_scans;
    if (setjmp(job.errors.jump) != 0) {
        return false;
    }
    jpeg_create_decompress(&cinfo);
    job.created = true;
    cinfo.mem->max_memory_to_use = limits.max_jpeg_memory;
    job.progress.progress_monitor = JpegProgress;
    cinfo.progress = &job.progress;
    jpeg_mem_src(&cinfo, Data(bytes), static_cast<unsigned long>(bytes.size()));
    jpeg_save_markers(&cinfo, JPEG_APP0 + 1, 0xFFFF);
    jpeg_read_header(&cinfo, TRUE);
    job.decoded.source_width = static_cast<int>(cinfo.image_width);
    job.decoded.source_height = static_cast<int>(cinfo.image_height);
    if (std::int64_t{cinfo.image_width} * cinfo.image_height > limits.max_pixels) {
        job.too_big = true;
        return false;
    }
    for (jpeg_saved_marker_ptr marker = cinfo.marker_list; marker != nullptr; marker = marker->next) {
        if (marker->marker == JPEG_APP0 + 1) {
            job.decoded.orientation = ExifOrientation(marker->data, marker->data_length);
            break;
        }
    }
    const bool cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
    cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
    cinfo.scale_num = 1;
    cinfo.scale_denom = DctDenominator(cinfo.image_width, cinfo.image_height, limits.max_side);
    jpeg_start_decompress(&cinfo);
    const int width = static_cast<int>(cinfo.output_width);
    const int height = static_cast<int>(cinfo.output_height);
    const auto [dst_width, dst_height] = FitWithin(width, height, limits.max_side);
    job.scaler.emplace(width, height, dst_width, dst_height, 3);
    job.row.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(cinfo.output_components));
    job.rgb.resize(static_cast<std::size_t>(width) * 3);
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = job.row.data();
        if (jpeg_read_scanlines(&cinfo, &row, 1) != 1) {
            std::snprintf(job.errors.message.data(), job.errors.message.size(), "no scanline decoded");
            return false;
        }
        if (cmyk) {
            CmykToRgb(job.row.data(), job.rgb.data(), static_cast<std::size_t>(width), cinfo.saw_Adobe_marker != 0);
            job.scaler->AddRow(job.rgb.data());
        } else {
            job.scaler->AddRow(job.row.data());
        }
    }
    jpeg_finish_decompress(&cinfo);
    return true;
}

Result<Decoded> DecodeJpeg(std::string_view bytes, const PhotoLimits& limits) {
    JpegJob job;
    if (!RunJpeg(job, bytes, limits)) {
        if (job.too_big) {
            return Fail(TooManyPixels(job.decoded.source_width, job.decoded.source_height, limits.max_pixels));
        }
        // Over max_memory_to_use libjpeg wants a backing store (there is none) or runs out.
        if (const int code = job.errors.mgr.msg_code; code == JERR_NO_BACKING_STORE || code == JERR_OUT_OF_MEMORY) {
            return Fail(ApiError(ErrorCode::kPayloadTooLarge,
                                 "This photo needs too much memory to open; save it again as a normal (baseline) "
                                 "JPEG or take a smaller photo."));
        }
        return Fail(Damaged(ImageFormat::kJpeg, std::string("jpeg: ") + job.errors.message.data()));
    }
    job.decoded.raster = std::move(*job.scaler).Finish();
    return std::move(job.decoded);
}

// --- PNG ------------------------------------------------------------------------------------------
// Same shape as JPEG: libpng longjmps out of RunPng on errors.

struct PngJob {
    PngJob() = default;
    PngJob(const PngJob&) = delete;
    PngJob& operator=(const PngJob&) = delete;
    ~PngJob() {
        if (png != nullptr) {
            png_destroy_read_struct(&png, info != nullptr ? &info : nullptr, nullptr);
        }
    }

    png_structp png = nullptr;
    png_infop info = nullptr;
    std::string_view bytes;
    std::size_t offset = 0;
    std::array<char, 160> message{};
    bool too_big = false;
    std::int64_t pixel_limit = 0;
    std::optional<RowScaler> scaler;
    std::vector<std::uint8_t> image;
    std::vector<png_bytep> rows;
    Decoded decoded;
};

void PngRead(png_structp png, png_bytep out, std::size_t size) {
    auto* job = static_cast<PngJob*>(png_get_io_ptr(png));
    if (size > job->bytes.size() - job->offset) {
        png_error(png, "the file ends too early");
    }
    std::memcpy(out, job->bytes.data() + job->offset, size);
    job->offset += size;
}

[[noreturn]] void PngFail(png_structp png, png_const_charp message) {
    auto* job = static_cast<PngJob*>(png_get_error_ptr(png));
    std::snprintf(job->message.data(), job->message.size(), "%s", message);
    png_longjmp(png, 1);
}

void PngWarning(png_structp, png_const_charp) {}

bool RunPng(PngJob& job, const PhotoLimits& limits) {
    job.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &job, PngFail, PngWarning);
    if (job.png == nullptr) {
        return false;
    }
    job.info = png_create_info_struct(job.png);
    if (job.info == nullptr) {
        return false;
    }
    png_structp png = job.png;
    png_infop info = job.info;
    if (setjmp(png_jmpbuf(png)) != 0) {
        return false;
    }
    png_set_read_fn(png, &job, PngRead);
    png_read_info(png, info);
    const png_uint_32 width = png_get_image_width(png, info);
    const png_uint_32 height = png_get_image_height(png, info);
    job.decoded.source_width = static_cast<int>(width);
    job.decoded.source_height = static_cast<int>(height);
    const bool interlaced = png_get_interlace_type(png, info) != PNG_INTERLACE_NONE;
    const std::int64_t pixels = std::int64_t{width} * height;
    job.pixel_limit = interlaced ? std::min(limits.max_pixels, kMaxInterlacedPngPixels) : limits.max_pixels;
    if (pixels > job.pixel_limit) {
        job.too_big = true;
        return false;
    }
    // Everything becomes 8-bit RGB or RGBA.
    const int color_type = png_get_color_type(png, info);
    if (color_type == PNG_COLOR_TYPE_PALETTE) {
        png_set_palette_to_rgb(png);
    }
    if (color_type == PNG_COLOR_TYPE_GRAY && png_get_bit_depth(png, info) < 8) {
        png_set_expand_gray_1_2_4_to_8(png);
    }
    if (png_get_valid(png, info, PNG_INFO_tRNS) != 0) {
        png_set_tRNS_to_alpha(png);
    }
    png_set_scale_16(png);
    if (color_type == PNG_COLOR_TYPE_GRAY || color_type == PNG_COLOR_TYPE_GRAY_ALPHA) {
        png_set_gray_to_rgb(png);
    }
    const int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    const int channels = png_get_channels(png, info);
    if (channels != 3 && channels != 4) {
        png_error(png, "unexpected channel count");
    }
    const std::size_t row_bytes = png_get_rowbytes(png, info);
    const auto [dst_width, dst_height] = FitWithin(static_cast<int>(width), static_cast<int>(height), limits.max_side);
    job.scaler.emplace(static_cast<int>(width), static_cast<int>(height), dst_width, dst_height, channels);
    if (passes == 1) {
        job.image.resize(row_bytes);
        for (png_uint_32 y = 0; y < height; ++y) {
            png_read_row(png, job.image.data(), nullptr);
            job.scaler->AddRow(job.image.data());
        }
    } else {
        job.image.resize(row_bytes * height);
        job.rows.resize(height);
        for (png_uint_32 y = 0; y < height; ++y) {
            job.rows[y] = job.image.data() + row_bytes * y;
        }
        png_read_image(png, job.rows.data());
        for (png_uint_32 y = 0; y < height; ++y) {
            job.scaler->AddRow(job.rows[y]);
        }
    }
    png_read_end(png, nullptr);
    return true;
}

Result<Decoded> DecodePng(std::string_view bytes, const PhotoLimits& limits) {
    PngJob job;
    job.bytes = bytes;
    if (!RunPng(job, limits)) {
        if (job.too_big) {
            return Fail(TooManyPixels(job.decoded.source_width, job.decoded.source_height, job.pixel_limit));
        }
        return Fail(Damaged(ImageFormat::kPng, std::string("png: ") + job.message.data()));
    }
    job.decoded.raster = std::move(*job.scaler).Finish();
    return std::move(job.decoded);
}

// --- WebP -----------------------------------------------------------------------------------------

Result<Decoded> DecodeWebp(std::string_view bytes, const PhotoLimits& limits) {
    WebPDecoderConfig config;
    if (WebPInitDecoderConfig(&config) == 0) {
        return Fail(ApiError::Internal("webp: decoder version mismatch"));
    }
    if (WebPGetFeatures(Data(bytes), bytes.size(), &config.input) != VP8_STATUS_OK) {
        return Fail(Damaged(ImageFormat::kWebp, "webp: unreadable header"));
    }
    const WebPBitstreamFeatures& features = config.input;
    Decoded decoded;
    decoded.source_width = features.width;
    decoded.source_height = features.height;
    if (std::int64_t{features.width} * features.height > limits.max_pixels) {
        return Fail(TooManyPixels(features.width, features.height, limits.max_pixels));
    }
    if (features.has_animation != 0) {
        return Fail(ErrorCode::kUnsupportedMedia, "Animated pictures are not supported; please upload a still photo.",
                    "webp: animated");
    }
    const auto [dst_width, dst_height] = FitWithin(features.width, features.height, limits.max_side);
    const bool alpha = features.has_alpha != 0;
    // libwebp scales while it decodes (an area-averaging rescaler), so the full size is never held.
    if (dst_width != features.width || dst_height != features.height) {
        config.options.use_scaling = 1;
        config.options.scaled_width = dst_width;
        config.options.scaled_height = dst_height;
    }
    config.output.colorspace = alpha ? MODE_RGBA : MODE_RGB;
    const VP8StatusCode status = WebPDecode(Data(bytes), bytes.size(), &config);
    if (status != VP8_STATUS_OK) {
        WebPFreeDecBuffer(&config.output);
        return Fail(Damaged(ImageFormat::kWebp, "webp: decode status " + std::to_string(static_cast<int>(status))));
    }
    Raster& raster = decoded.raster;
    raster.width = config.output.width;
    raster.height = config.output.height;
    raster.channels = alpha ? 4 : 3;
    const std::size_t row_bytes = static_cast<std::size_t>(raster.width) * static_cast<std::size_t>(raster.channels);
    raster.pixels.resize(row_bytes * static_cast<std::size_t>(raster.height));
    const WebPRGBABuffer& rgba = config.output.u.RGBA;
    for (int y = 0; y < raster.height; ++y) {
        std::memcpy(raster.pixels.data() + row_bytes * static_cast<std::size_t>(y),
                    rgba.rgba + static_cast<std::size_t>(rgba.stride) * static_cast<std::size_t>(y), row_bytes);
    }
    WebPFreeDecBuffer(&config.output);
    return decoded;
}

Result<std::string> EncodeWebp(const Raster& raster, float quality) {
    std::uint8_t* out = nullptr;
    const int stride = raster.width * raster.channels;
    const std::size_t size =
        raster.channels == 4 ? WebPEncodeRGBA(raster.pixels.data(), raster.width, raster.height, stride, quality, &out)
                             : WebPEncodeRGB(raster.pixels.data(), raster.width, raster.height, stride, quality, &out);
    if (size == 0 || out == nullptr) {
        WebPFree(out);
        return Fail(ApiError::Internal("webp: encoding failed"));
    }
    std::string webp(reinterpret_cast<const char*>(out), size);
    WebPFree(out);
    return webp;
}

}  // namespace

std::string_view FormatName(ImageFormat format) {
    switch (format) {
        case ImageFormat::kJpeg:
            return "jpeg";
        case ImageFormat::kPng:
            return "png";
        case ImageFormat::kWebp:
            return "webp";
    }
    return "unknown";
}

std::optional<ImageFormat> SniffFormat(std::string_view bytes) {
    if (StartsWith(bytes, kJpegMagic)) {
        return ImageFormat::kJpeg;
    }
    if (StartsWith(bytes, kPngMagic)) {
        return ImageFormat::kPng;
    }
    if (bytes.size() >= 12 && bytes.starts_with("RIFF") && bytes.substr(8, 4) == "WEBP") {
        return ImageFormat::kWebp;
    }
    return std::nullopt;
}

std::pair<int, int> FitWithin(int width, int height, int max_side) {
    if (width <= max_side && height <= max_side) {
        return {width, height};
    }
    auto scaled = [max_side](int side, int long_side) {
        const std::int64_t rounded = (std::int64_t{side} * max_side + long_side / 2) / long_side;
        return static_cast<int>(std::max<std::int64_t>(1, rounded));
    };
    if (width >= height) {
        return {max_side, scaled(height, width)};
    }
    return {scaled(width, height), max_side};
}

Result<WebPhoto> MakeWebPhoto(std::string_view upload, const PhotoLimits& limits) {
    const auto format = SniffFormat(upload);
    if (!format) {
        return Fail(ErrorCode::kUnsupportedMedia, std::string(kNotAPicture), "no JPEG, PNG or WebP signature");
    }
    Result<Decoded> decoded = *format == ImageFormat::kJpeg  ? DecodeJpeg(upload, limits)
                              : *format == ImageFormat::kPng ? DecodePng(upload, limits)
                                                             : DecodeWebp(upload, limits);
    if (!decoded) {
        return Fail(std::move(decoded.error()));
    }
    Raster upright = Orient(std::move(decoded->raster), decoded->orientation);
    if (upright.channels == 4 && IsOpaque(upright)) {
        upright = DropAlpha(upright);
    }
    auto webp = EncodeWebp(upright, limits.webp_quality);
    if (!webp) {
        return Fail(std::move(webp.error()));
    }
    return WebPhoto{.webp = std::move(*webp),
                    .width = upright.width,
                    .height = upright.height,
                    .source_format = *format,
                    .source_width = decoded->source_width,
                    .source_height = decoded->source_height};
}

}  // namespace webdpro::media
