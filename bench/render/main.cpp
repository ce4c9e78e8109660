// Storefront render benchmark: how long the renderer takes to turn a spec into a complete store
// (every page and asset, ETags, gzip variants), and how long a one-sentence description takes to
// become an assembled site on the rule-based level. Prints p50/p99 over many runs; asserts nothing.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "ai/rules_generator.hpp"
#include "storefront/export.hpp"
#include "storefront/render.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using webdpro::sitegen::Language;
using webdpro::sitegen::SiteSpec;
namespace storefront = webdpro::storefront;

struct Stats {
    double p50_ms = 0;
    double p99_ms = 0;
    double max_ms = 0;
};

Stats Summarize(std::vector<double> samples) {
    std::ranges::sort(samples);
    auto at = [&](double q) {
        return samples[std::min(samples.size() - 1, static_cast<std::size_t>(q * samples.size()))];
    };
    return {at(0.50), at(0.99), samples.back()};
}

/// A grocery store grown to `count` products (beyond the generated spec's limit of 60, as a catalog
/// can grow once the owner adds items), spread over its categories.
SiteSpec BigStore(std::size_t count) {
    SiteSpec spec = webdpro::ai::GenerateRuleBased(
        "Sharma Kirana, fresh vegetables and groceries in Jaipur, call 9829012345", Language::kEnglish);
    const auto base = spec.products;
    spec.products.clear();
    for (std::size_t i = 0; i < count; ++i) {
        auto product = base[i % base.size()];
        product.name += " " + std::to_string(i / base.size() + 1);
        spec.products.push_back(std::move(product));
    }
    return spec;
}

template <class F>
Stats Time(int runs, F&& body) {
    std::vector<double> samples;
    samples.reserve(static_cast<std::size_t>(runs));
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        body(i);
        samples.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    return Summarize(std::move(samples));
}

void Print(const char* what, const Stats& stats, const char* goal) {
    std::printf("%-46s p50 %7.2f ms   p99 %7.2f ms   max %7.2f ms   %s\n", what, stats.p50_ms, stats.p99_ms,
                stats.max_ms, goal);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Storefront render benchmark"};
    int runs = 200;
    std::size_t products = 200;
    app.add_option("--runs", runs, "timed runs per measurement (default 200)")->check(CLI::PositiveNumber);
    app.add_option("--products", products, "products in the big store (default 200)")->check(CLI::PositiveNumber);
    bool pages_only = false;
    app.add_flag("--pages-only", pages_only, "time only the render without gzip (for profiling)");
    CLI11_PARSE(app, argc, argv);

    auto renderer = storefront::Renderer::CreateEmbedded();
    if (!renderer) {
        std::fprintf(stderr, "renderer: %s\n", renderer.error().message.c_str());
        return 1;
    }
    const SiteSpec big = BigStore(products);
    std::size_t checksum = 0;
    // The store as a server would mount it; links are relative, so the mount does not change the work.
    auto render = [&](const SiteSpec& spec, int gzip_level) {
        auto site = renderer->Render(spec, {.base_path = "/s/sharma-kirana/",
                                            .slug = "sharma-kirana",
                                            .canonical_root = "https://sharma-kirana.webdpro.in/",
                                            .gzip_level = gzip_level});
        if (!site) {
            std::fprintf(stderr, "render: %s\n", site.error().message.c_str());
            std::exit(1);
        }
        checksum += site->files.size();
        return site;
    };

    // Warm-up (allocator, page cache), and the store's shape for the report.
    const auto sample = render(big, 6);
    std::size_t bytes = 0;
    std::size_t gzip_bytes = 0;
    for (const auto& [path, file] : sample->files) {
        bytes += file.body.size();
        gzip_bytes += file.gzip.empty() ? file.body.size() : file.gzip.size();
    }
    std::printf(
        "store: %zu products, %zu files, %.0f KB (%.0f KB gzip); home page %.1f KB compressed with its images\n",
        big.products.size(), sample->files.size(), bytes / 1024.0, gzip_bytes / 1024.0,
        storefront::CompressedPageWeight(*sample, "index.html") / 1024.0);
    std::printf("runs: %d per line\n\n", runs);

    Print("render 200-product store, pages only", Time(runs, [&](int) { render(big, 0); }), "(goal < 10 ms)");
    if (pages_only) {
        return 0;
    }
    Print("render 200-product store + gzip level 1", Time(runs, [&](int) { render(big, 1); }), "");
    Print("render 200-product store + gzip level 6", Time(runs, [&](int) { render(big, 6); }),
          "(the default: what a server caches)");

    const auto descriptions = webdpro::ai::SampleDescriptions();
    Print("description -> spec -> assembled site, gzip 6",
          Time(runs,
               [&](int i) {
                   const auto spec =
                       webdpro::ai::GenerateRuleBased(descriptions[static_cast<std::size_t>(i) % descriptions.size()],
                                                      i % 2 == 0 ? Language::kEnglish : Language::kHindi);
                   render(spec, 6);
               }),
          "(goal p50 < 20 ms)");
    Print("description -> spec (rule-based level only)",
          Time(runs,
               [&](int i) {
                   const auto spec = webdpro::ai::GenerateRuleBased(
                       descriptions[static_cast<std::size_t>(i) % descriptions.size()], Language::kEnglish);
                   checksum += spec.products.size();
               }),
          "");
    std::printf("\nchecksum %zu\n", checksum);
    return 0;
}
