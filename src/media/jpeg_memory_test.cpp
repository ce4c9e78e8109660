// libjpeg's working memory is capped (PhotoLimits::max_jpeg_memory): a progressive JPEG, which
// keeps the whole picture's coefficients, is refused past the cap with a clear 413, and a
// baseline JPEG of the same size, decoded row by row, is not.
#include <gtest/gtest.h>

#include "media/image_codec.hpp"
#include "support/test_images.hpp"

namespace webdpro::media {
namespace {

std::string Jpeg(int width, int height, bool progressive) {
    webdpro::testing::Pixels rgb(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
    for (std::size_t i = 0; i < rgb.size(); ++i) {
        rgb[i] = static_cast<std::uint8_t>((i * 13) % 253);
    }
    return webdpro::testing::EncodeJpeg(rgb, width, height, {.progressive = progressive});
}

constexpr long kOneMebibyte = 1024L * 1024;

TEST(JpegMemory, AProgressiveJpegOverTheCapIsRefusedAsTooLarge) {
    // 1200 x 1000 at 4:2:0 keeps ~3.6 MB of coefficients.
    const std::string progressive = Jpeg(1200, 1000, true);
    auto refused = MakeWebPhoto(progressive, {.max_jpeg_memory = kOneMebibyte});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kPayloadTooLarge);
    EXPECT_NE(refused.error().message.find("too much memory"), std::string::npos) << refused.error().message;

    auto accepted = MakeWebPhoto(progressive);
    ASSERT_TRUE(accepted) << accepted.error().message;
    EXPECT_EQ(accepted->width, 800);
}

TEST(JpegMemory, ABaselineJpegDecodesRowByRowUnderTheSameCap) {
    auto accepted = MakeWebPhoto(Jpeg(1200, 1000, false), {.max_jpeg_memory = kOneMebibyte});
    ASSERT_TRUE(accepted) << accepted.error().message;
    EXPECT_EQ(accepted->height, 667);
}

}  // namespace
}  // namespace webdpro::media
