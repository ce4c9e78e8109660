// Product photo processing time: a phone-sized JPEG (12 MP, several MB, with EXIF) turned into the
// stored WebP (<= 800 px, quality 75) by media::MakeWebPhoto, as PUT …/photo does on its work pool.
// Prints the upload's size, the result's size and p50/max milliseconds over --runs runs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "media/image_codec.hpp"
#include "support/test_images.hpp"

namespace {

/// A photo-like picture: smooth shading with sensor-like noise, so the JPEG is as big as a phone's,
/// carrying an EXIF block as a phone's does.
std::string PhoneJpeg(int width, int height, int quality) {
    std::mt19937 noise(42);
    std::normal_distribution<double> grain(0.0, 9.0);
    webdpro::testing::Pixels rgb;
    rgb.reserve(static_cast<std::size_t>(width) * height * 3);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            const double base[3] = {60.0 + 150.0 * x / width, 80.0 + 120.0 * y / height,
                                    120.0 + 60.0 * ((x / 200 + y / 150) % 2)};
            for (int c = 0; c < 3; ++c) {
                rgb.push_back(static_cast<std::uint8_t>(std::clamp(base[c] + grain(noise), 0.0, 255.0)));
            }
        }
    }
    return webdpro::testing::EncodeJpeg(
        rgb, width, height,
        {.quality = quality, .exif = std::string("Exif\0\0II\x2a\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00", 20)});
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Product photo processing time"};
    int runs = 10;
    int width = 4000;
    int height = 3000;
    int quality = 95;
    app.add_option("--runs", runs, "timed runs")->check(CLI::Range(1, 1000));
    app.add_option("--width", width, "upload width in pixels")->check(CLI::Range(16, 20000));
    app.add_option("--height", height, "upload height in pixels")->check(CLI::Range(16, 20000));
    app.add_option("--quality", quality, "upload JPEG quality")->check(CLI::Range(10, 100));
    CLI11_PARSE(app, argc, argv);

    const std::string upload = PhoneJpeg(width, height, quality);
    std::vector<double> ms;
    std::vector<double> cpu_ms;  // CPU time: meaningful even on a loaded machine
    std::size_t result_size = 0;
    int out_width = 0;
    int out_height = 0;
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        const std::clock_t cpu_start = std::clock();
        auto photo = webdpro::media::MakeWebPhoto(upload);
        cpu_ms.push_back(1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        if (!photo) {
            std::fprintf(stderr, "failed: %s (%s)\n", photo.error().message.c_str(), photo.error().detail.c_str());
            return 1;
        }
        result_size = photo->webp.size();
        out_width = photo->width;
        out_height = photo->height;
    }
    std::ranges::sort(ms);
    std::ranges::sort(cpu_ms);
    std::printf("upload: %dx%d JPEG, %.2f MB\n", width, height, static_cast<double>(upload.size()) / 1e6);
    std::printf("stored: %dx%d WebP, %.1f KB\n", out_width, out_height, static_cast<double>(result_size) / 1e3);
    std::printf("MakeWebPhoto over %d runs: wall p50 %.1f ms, max %.1f ms; CPU p50 %.1f ms, max %.1f ms\n", runs,
                ms[ms.size() / 2], ms.back(), cpu_ms[cpu_ms.size() / 2], cpu_ms.back());
    return 0;
}
