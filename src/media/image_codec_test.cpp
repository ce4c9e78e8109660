#include "media/image_codec.hpp"

#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <png.h>
#include <webp/decode.h>
#include <zlib.h>

#include "support/test_images.hpp"

namespace webdpro::media {
namespace {

using webdpro::testing::EncodeJpeg;
using webdpro::testing::EncodePng;
using webdpro::testing::EncodeWebp;
using webdpro::testing::Pixels;

struct Rgb {
    std::uint8_t r, g, b;
};

/// A w x h RGB picture: the left half red, the right half blue (orientation shows in the result).
Pixels SplitPicture(int w, int h) {
    Pixels px;
    px.reserve(static_cast<std::size_t>(w * h * 3));
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            const bool left = x < w / 2;
            px.insert(px.end(),
                      {static_cast<std::uint8_t>(left ? 220 : 20), 30, static_cast<std::uint8_t>(left ? 20 : 220)});
        }
    }
    return px;
}

/// An EXIF APP1 payload (little-endian TIFF) with an orientation tag and a GPS IFD pointer whose
/// bytes include a recognisable marker, as a phone writes the owner's position.
std::string ExifPayload(int orientation) {
    std::string tiff("II\x2a\x00\x08\x00\x00\x00", 8);
    auto u16 = [&](unsigned v) {
        tiff.push_back(static_cast<char>(v & 0xFF));
        tiff.push_back(static_cast<char>(v >> 8));
    };
    auto u32 = [&](unsigned v) {
        u16(v & 0xFFFF);
        u16(v >> 16);
    };
    u16(2);  // two entries
    u16(0x0112);
    u16(3);
    u32(1);
    u16(static_cast<unsigned>(orientation));
    u16(0);
    u16(0x8825);
    u16(4);
    u32(1);
    u32(38);  // GPS IFD at 38
    u32(0);   // no next IFD
    tiff += "GPS-26.9124N-75.7873E-HOME";
    return std::string("Exif\0\0", 6) + tiff;
}

struct DecodedWebp {
    int width = 0;
    int height = 0;
    bool alpha = false;
    Pixels rgba;
    Rgb At(int x, int y) const {
        const std::size_t i = (static_cast<std::size_t>(y) * width + x) * 4;
        return {rgba[i], rgba[i + 1], rgba[i + 2]};
    }
};

DecodedWebp ReadBack(const std::string& webp) {
    DecodedWebp out;
    WebPBitstreamFeatures features{};
    EXPECT_EQ(WebPGetFeatures(reinterpret_cast<const std::uint8_t*>(webp.data()), webp.size(), &features),
              VP8_STATUS_OK);
    out.alpha = features.has_alpha != 0;
    std::uint8_t* px =
        WebPDecodeRGBA(reinterpret_cast<const std::uint8_t*>(webp.data()), webp.size(), &out.width, &out.height);
    EXPECT_NE(px, nullptr);
    if (px != nullptr) {
        out.rgba.assign(px, px + static_cast<std::size_t>(out.width * out.height * 4));
        WebPFree(px);
    }
    return out;
}

bool Reddish(Rgb c) {
    return c.r > 150 && c.b < 100;
}
bool Bluish(Rgb c) {
    return c.b > 150 && c.r < 100;
}

TEST(FitWithin, KeepsSmallPicturesAndScalesTheLongSide) {
    EXPECT_EQ(FitWithin(640, 480, 800), std::make_pair(640, 480));
    EXPECT_EQ(FitWithin(4000, 3000, 800), std::make_pair(800, 600));
    EXPECT_EQ(FitWithin(3000, 4000, 800), std::make_pair(600, 800));
    EXPECT_EQ(FitWithin(40000, 10, 800), std::make_pair(800, 1));
}

TEST(SniffFormat, GoesByTheBytesOnly) {
    EXPECT_EQ(SniffFormat(std::string("\xFF\xD8\xFF\xE0", 4)), ImageFormat::kJpeg);
    EXPECT_EQ(SniffFormat(std::string("\x89PNG\r\n\x1A\n", 8)), ImageFormat::kPng);
    EXPECT_EQ(SniffFormat(std::string("RIFF\x10\x00\x00\x00WEBPVP8 ", 16)), ImageFormat::kWebp);
    EXPECT_EQ(SniffFormat(std::string("RIFF\x10\x00\x00\x00WAVEfmt ", 16)), std::nullopt);
    EXPECT_EQ(SniffFormat("GIF89a......"), std::nullopt);
    EXPECT_EQ(SniffFormat(""), std::nullopt);
    EXPECT_EQ(SniffFormat("\xFF\xD8"), std::nullopt);
}

TEST(MakeWebPhoto, ShrinksABigJpegAndDropsItsExif) {
    const std::string jpeg = EncodeJpeg(SplitPicture(2000, 1500), 2000, 1500, {.exif = ExifPayload(1)});
    ASSERT_NE(jpeg.find("GPS-26.9124N"), std::string::npos);
    auto photo = MakeWebPhoto(jpeg);
    ASSERT_TRUE(photo) << photo.error().message;
    EXPECT_EQ(photo->source_format, ImageFormat::kJpeg);
    EXPECT_EQ(photo->source_width, 2000);
    EXPECT_EQ(photo->width, 800);
    EXPECT_EQ(photo->height, 600);
    EXPECT_EQ(photo->webp.substr(0, 4), "RIFF");
    EXPECT_EQ(photo->webp.substr(8, 4), "WEBP");
    EXPECT_EQ(photo->webp.find("Exif"), std::string::npos);
    EXPECT_EQ(photo->webp.find("GPS-26.9124N"), std::string::npos);
    const DecodedWebp back = ReadBack(photo->webp);
    EXPECT_EQ(back.width, 800);
    EXPECT_EQ(back.height, 600);
    EXPECT_TRUE(Reddish(back.At(100, 300)));
    EXPECT_TRUE(Bluish(back.At(700, 300)));
}

TEST(MakeWebPhoto, TurnsAJpegUprightByItsExifOrientation) {
    // Orientation 6: the camera was held turned; the picture must be rotated 90 degrees clockwise,
    // so its left (red) half ends up on top.
    auto photo = MakeWebPhoto(EncodeJpeg(SplitPicture(64, 32), 64, 32, {.exif = ExifPayload(6)}));
    ASSERT_TRUE(photo) << photo.error().message;
    EXPECT_EQ(photo->width, 32);
    EXPECT_EQ(photo->height, 64);
    const DecodedWebp back = ReadBack(photo->webp);
    EXPECT_TRUE(Reddish(back.At(16, 8)));
    EXPECT_TRUE(Bluish(back.At(16, 56)));

    auto flipped = MakeWebPhoto(EncodeJpeg(SplitPicture(64, 32), 64, 32, {.exif = ExifPayload(3)}));
    ASSERT_TRUE(flipped);
    EXPECT_EQ(flipped->width, 64);
    EXPECT_TRUE(Bluish(ReadBack(flipped->webp).At(8, 16)));
}

TEST(MakeWebPhoto, DecodesProgressiveJpegsWithinTheScanLimit) {
    const std::string progressive = EncodeJpeg(SplitPicture(64, 64), 64, 64, {.progressive = true});
    EXPECT_TRUE(MakeWebPhoto(progressive));
    auto refused = MakeWebPhoto(progressive, PhotoLimits{.max_jpeg_scans = 2});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
}

TEST(MakeWebPhoto, AcceptsPngKeepingTransparency) {
    Pixels rgba;
    for (int y = 0; y < 40; ++y) {
        for (int x = 0; x < 60; ++x) {
            rgba.insert(rgba.end(), {200, 40, 40, static_cast<std::uint8_t>(x < 30 ? 255 : 0)});
        }
    }
    auto photo = MakeWebPhoto(EncodePng(rgba, 60, 40, PNG_COLOR_TYPE_RGBA));
    ASSERT_TRUE(photo) << photo.error().message;
    EXPECT_EQ(photo->source_format, ImageFormat::kPng);
    EXPECT_EQ(photo->width, 60);
    const DecodedWebp back = ReadBack(photo->webp);
    EXPECT_TRUE(back.alpha);
    EXPECT_GT(back.rgba[(20 * 60 + 5) * 4 + 3], 200);
    EXPECT_LT(back.rgba[(20 * 60 + 55) * 4 + 3], 50);
}

TEST(MakeWebPhoto, AcceptsGreyAndInterlacedPngs) {
    Pixels grey(static_cast<std::size_t>(900 * 300), 128);
    auto photo = MakeWebPhoto(EncodePng(grey, 900, 300, PNG_COLOR_TYPE_GRAY));
    ASSERT_TRUE(photo) << photo.error().message;
    EXPECT_EQ(photo->width, 800);
    EXPECT_EQ(photo->height, 267);
    EXPECT_FALSE(ReadBack(photo->webp).alpha);

    auto interlaced = MakeWebPhoto(EncodePng(SplitPicture(1000, 100), 1000, 100, PNG_COLOR_TYPE_RGB, true));
    ASSERT_TRUE(interlaced) << interlaced.error().message;
    EXPECT_EQ(interlaced->width, 800);
    EXPECT_TRUE(Reddish(ReadBack(interlaced->webp).At(100, 40)));
}

TEST(MakeWebPhoto, AcceptsWebpAndScalesIt) {
    auto photo = MakeWebPhoto(EncodeWebp(SplitPicture(1000, 500), 1000, 500));
    ASSERT_TRUE(photo) << photo.error().message;
    EXPECT_EQ(photo->source_format, ImageFormat::kWebp);
    EXPECT_EQ(photo->width, 800);
    EXPECT_EQ(photo->height, 400);
    const DecodedWebp back = ReadBack(photo->webp);
    EXPECT_TRUE(Reddish(back.At(100, 200)));
    EXPECT_TRUE(Bluish(back.At(700, 200)));
}

TEST(MakeWebPhoto, RefusesWhatIsNotAPicture) {
    for (const std::string& bytes : {std::string("hello, this is a text file renamed to .jpg\n"), std::string(),
                                     std::string("GIF89a\x01\x00\x01\x00", 10), std::string("<svg onload=x>")}) {
        auto refused = MakeWebPhoto(bytes);
        ASSERT_FALSE(refused);
        EXPECT_EQ(refused.error().code, ErrorCode::kUnsupportedMedia);
        EXPECT_NE(refused.error().message.find("JPEG, PNG or WebP"), std::string::npos);
    }
}

TEST(MakeWebPhoto, RefusesGarbageBehindAPictureSignature) {
    for (std::string magic : {std::string("\xFF\xD8\xFF\xE0", 4), std::string("\x89PNG\r\n\x1A\n", 8),
                              std::string("RIFF\x40\x00\x00\x00WEBPVP8 ", 16)}) {
        auto refused = MakeWebPhoto(magic + std::string(64, 'x'));
        ASSERT_FALSE(refused) << magic;
        EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
        EXPECT_NE(refused.error().message.find("damaged"), std::string::npos);
    }
}

TEST(MakeWebPhoto, RefusesTruncatedPictures) {
    const Pixels px = SplitPicture(200, 200);
    for (const std::string& whole :
         {EncodeJpeg(px, 200, 200), EncodePng(px, 200, 200, PNG_COLOR_TYPE_RGB), EncodeWebp(px, 200, 200)}) {
        ASSERT_TRUE(MakeWebPhoto(whole));
        auto refused = MakeWebPhoto(whole.substr(0, whole.size() / 2));
        ASSERT_FALSE(refused);
        EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument) << refused.error().detail;
    }
}

void PutBigEndian16(std::string& bytes, std::size_t at, unsigned value) {
    bytes[at] = static_cast<char>(value >> 8);
    bytes[at + 1] = static_cast<char>(value & 0xFF);
}

TEST(MakeWebPhoto, RefusesDecompressionBombsFromTheirHeader) {
    const Pixels px = SplitPicture(16, 16);
    // JPEG: a tiny file whose frame header claims 60000 x 60000 pixels.
    std::string jpeg = EncodeJpeg(px, 16, 16);
    const std::size_t sof = jpeg.find("\xFF\xC0");
    ASSERT_NE(sof, std::string::npos);
    PutBigEndian16(jpeg, sof + 5, 60000);
    PutBigEndian16(jpeg, sof + 7, 60000);

    // PNG: IHDR says 50000 x 50000 (with its CRC fixed, so only the size is wrong).
    std::string png = EncodePng(px, 16, 16, PNG_COLOR_TYPE_RGB);
    for (std::size_t at : {16U, 20U}) {
        png[at] = 0;
        png[at + 1] = 0;
        PutBigEndian16(png, at + 2, 50000);
    }
    const uLong crc = crc32(0, reinterpret_cast<const Bytef*>(png.data() + 12), 17);
    for (int i = 0; i < 4; ++i) {
        png[29 + static_cast<std::size_t>(i)] = static_cast<char>((crc >> (24 - 8 * i)) & 0xFF);
    }

    // WebP (lossy): the frame header says 16000 x 16000.
    std::string webp = EncodeWebp(px, 16, 16);
    ASSERT_EQ(webp.substr(12, 4), "VP8 ");
    for (std::size_t at : {26U, 28U}) {
        webp[at] = static_cast<char>(16000 & 0xFF);
        webp[at + 1] = static_cast<char>(16000 >> 8);
    }

    for (const std::string& bomb : {jpeg, png, webp}) {
        auto refused = MakeWebPhoto(bomb);
        ASSERT_FALSE(refused);
        EXPECT_EQ(refused.error().code, ErrorCode::kPayloadTooLarge) << refused.error().detail;
        EXPECT_NE(refused.error().message.find("40 megapixels"), std::string::npos) << refused.error().message;
    }
}

}  // namespace
}  // namespace webdpro::media
