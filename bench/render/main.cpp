// Storefront render benchmark: how long the renderer takes to turn a spec into a complete store
// (every page and asset, ETags, gzip variants), how long a one-sentence description takes to
// become an assembled site on the rule-based level, and, per store size, what serving pages on
// demand costs: preparing the store's view model once per catalog version, then the first view of
// the home, a category and a product page (time, bytes, bytes with what the page loads). Prints
// p50/p99 over many runs; asserts nothing.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <sstream>
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

double Ms(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

/// One page's first view from a prepared store: its render time and its bytes (as sent, gzip when
/// it has a variant) with and without what it loads from the store (each rendered on its own).
struct PageCost {
    Stats render;
    std::size_t html = 0;
    std::size_t html_gzip = 0;
    std::size_t weight = 0;
};

PageCost CostOf(const storefront::Renderer& renderer, const storefront::PreparedStore& store, const std::string& path,
                int runs) {
    PageCost cost;
    storefront::Site site;
    cost.render = Time(runs, [&](int) {
        auto file = renderer.RenderPage(store, path);
        if (!file || !*file) {
            std::fprintf(stderr, "render %s failed\n", path.c_str());
            std::exit(1);
        }
        site.files.insert_or_assign(path, std::move(**file));
    });
    const auto& page = site.files.at(path);
    cost.html = page.body.size();
    cost.html_gzip = page.gzip.empty() ? page.body.size() : page.gzip.size();
    for (const auto& resource : storefront::PageResources(path, page.body)) {
        if (auto file = renderer.RenderPage(store, resource); file && *file) {
            site.files.emplace(resource, std::move(**file));
        }
    }
    cost.weight = storefront::CompressedPageWeight(site, path);
    return cost;
}

/// Pages on demand at each store size: the view model, then one page of each kind.
void PagesCurve(const storefront::Renderer& renderer, const std::vector<std::size_t>& sizes, int runs, bool whole) {
    const storefront::RenderOptions options{.base_path = "/s/sharma-kirana/",
                                            .slug = "sharma-kirana",
                                            .canonical_root = "https://sharma-kirana.webdpro.in/"};
    std::printf("\npages on demand (goal: every page < 20 ms and < 50 KB with its images, at every size)\n");
    std::printf("%8s %10s %9s  %-9s %9s %9s %9s %9s %9s %11s\n", "products", "model ms", "model KB", "page", "p50 ms",
                "p99 ms", "html KB", "gzip KB", "+img KB", "first view");
    for (std::size_t count : sizes) {
        const SiteSpec spec = BigStore(count);
        const int model_runs = count >= 5000 ? 3 : count >= 1000 ? 10 : 30;
        std::shared_ptr<const storefront::PreparedStore> store;
        const Stats model = Time(model_runs, [&](int) {
            auto prepared = renderer.Prepare(spec, options);
            if (!prepared) {
                std::fprintf(stderr, "prepare: %s\n", prepared.error().message.c_str());
                std::exit(1);
            }
            store = std::move(*prepared);
        });
        // The first category (the largest share of the products) and a product in the middle.
        std::string category;
        std::string product;
        {
            auto sitemap = renderer.RenderPage(*store, "sitemap.xml");
            std::istringstream lines((*sitemap)->body);
            std::vector<std::string> products;
            for (std::string line; std::getline(lines, line);) {
                const auto at = line.find("webdpro.in/");
                if (at == std::string::npos) {
                    continue;
                }
                std::string path = line.substr(at + 11, line.find('<', at) - at - 11);
                if (category.empty() && path.starts_with("c/")) {
                    category = path;
                }
                if (path.starts_with("p/")) {
                    products.push_back(path);
                }
            }
            product = products[products.size() / 2];
        }
        const int page_runs = std::max(5, runs / 4);
        bool first = true;
        for (const auto& [label, path] : {std::pair<const char*, std::string>{"home", "index.html"},
                                          {"category", category},
                                          {"product", product}}) {
            const PageCost cost = CostOf(renderer, *store, path, page_runs);
            std::printf("%8s %10s %9s  %-9s %9.2f %9.2f %9.1f %9.1f %9.1f %9.1f ms\n",
                        first ? std::to_string(count).c_str() : "",
                        first ? std::to_string(model.p50_ms).substr(0, 7).c_str() : "",
                        first ? std::to_string(storefront::PreparedStoreBytes(*store) / 1024).c_str() : "", label,
                        cost.render.p50_ms, cost.render.p99_ms, cost.html / 1024.0, cost.html_gzip / 1024.0,
                        cost.weight / 1024.0, model.p50_ms + cost.render.p50_ms);
            first = false;
        }
        // A product edit moves the store's site version: nothing is rendered at the edit; the next
        // view of a page renders the model once more and that one page.
        std::printf(
            "%8s a product edit renders 0 pages at the edit; each page viewed after it: 1 page "
            "(+ the model once, %.1f ms)\n",
            "", model.p50_ms);
        if (whole) {
            const auto start = Clock::now();
            auto site = renderer.Render(
                spec, {.base_path = options.base_path, .slug = options.slug, .canonical_root = options.canonical_root});
            const double ms = Ms(start);
            std::size_t bytes = 0;
            for (const auto& [path, file] : site->files) {
                bytes += file.body.size() + file.gzip.size();
            }
            std::printf("%8s the whole store at once (export): %zu files, %.1f MB, %.0f ms\n", "", site->files.size(),
                        bytes / 1048576.0, ms);
        }
    }
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
    std::vector<std::size_t> sizes = {20, 200, 2000, 10000};
    app.add_option("--sizes", sizes, "store sizes for the pages-on-demand curve (default 20,200,2000,10000)")
        ->delimiter(',');
    bool curve_only = false;
    app.add_flag("--curve-only", curve_only, "print only the pages-on-demand curve");
    std::string out;
    app.add_option("--out", out, "write the --products store as files to this folder (to look at it) and stop");
    bool whole = false;
    app.add_flag("--whole", whole, "also time rendering the whole store at each size (what export does)");
    CLI11_PARSE(app, argc, argv);

    auto renderer = storefront::Renderer::CreateEmbedded();
    if (!renderer) {
        std::fprintf(stderr, "renderer: %s\n", renderer.error().message.c_str());
        return 1;
    }
    if (!out.empty()) {
        auto site = renderer->Render(BigStore(products), {.slug = "sharma-kirana", .link_index_files = true});
        if (!site) {
            std::fprintf(stderr, "render: %s\n", site.error().message.c_str());
            return 1;
        }
        auto written = storefront::WriteSite(*site, out, false);
        if (!written) {
            std::fprintf(stderr, "write: %s\n", written.error().message.c_str());
            return 1;
        }
        std::printf("%zu files in %s\n", written->files, out.c_str());
        return 0;
    }
    if (curve_only) {
        PagesCurve(*renderer, sizes, runs, whole);
        return 0;
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
    PagesCurve(*renderer, sizes, runs, whole);
    std::printf("\nchecksum %zu\n", checksum);
    return 0;
}
