#include "storefront/render.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <utility>

#include <mstch/mstch.hpp>
#include <nlohmann/json.hpp>

#include "http/middleware.hpp"
#include "http/static_files.hpp"
#include "sitegen/sector_profile.hpp"
#include "sitegen/text.hpp"
#include "storefront/detail/color.hpp"
#include "storefront/detail/render_job.hpp"

// The renderer: loads the theme set once, then renders a store in steps (detail/build_store.cpp,
// detail/pages.cpp, detail/seo.cpp) and finishes every file (content type, ETag, gzip).
namespace webdpro::storefront {

using sitegen::Language;
using sitegen::Sector;
using sitegen::SiteSpec;

namespace {

/// Page templates every theme set must provide in base/ (themes may override any of them).
constexpr std::array<std::string_view, 14> kTemplates = {
    "head",    "header", "footer",   "card",  "contactbox", "home",   "category",
    "product", "cart",   "checkout", "order", "about",      "policy", "404",
};
/// Partials any page may include. header, footer and card are templates too, but each is rendered
/// once per store (per depth, per product) and reaches pages pre-rendered as header_safe,
/// footer_safe and card_safe: mstch's cost grows with every tag it resolves, and those three
/// would otherwise be resolved again on each of hundreds of pages.
constexpr std::array<std::string_view, 2> kPartials = {"head", "contactbox"};
constexpr std::array<std::string_view, 3> kReservedFolders = {"base", "i18n", "policies"};
/// Below this a gzip variant saves less than its own headers cost.
constexpr std::size_t kMinGzipBytes = 256;

using detail::CheckMount;
using detail::kCssSections;
using detail::kPolicies;
using detail::PageKind;
using detail::RenderJob;
using detail::StringTable;
using detail::ThemeData;

/// Splits a CSS file into its "/*@name*/" sections, appending each to `out[name]`.
bool AppendCssSections(std::string_view css, std::map<std::string, std::string, std::less<>>& out) {
    std::string section = "common";
    while (!css.empty()) {
        const std::size_t eol = css.find('\n');
        std::string_view line = css.substr(0, eol);
        css = eol == std::string_view::npos ? std::string_view() : css.substr(eol + 1);
        if (line.starts_with("/*@") && line.ends_with("*/")) {
            section = std::string(line.substr(3, line.size() - 5));
            if (std::ranges::find(kCssSections, section) == kCssSections.end()) {
                return false;
            }
            continue;
        }
        if (line.starts_with("/*") || line.empty()) {
            continue;
        }
        out[section] += line;
        out[section] += '\n';
    }
    return true;
}

SiteFile Finish(std::string body, std::string_view path, int gzip_level) {
    SiteFile file;
    file.content_type = http::ContentTypeFor(path);
    file.etag = http::ContentEtag(body);
    if (gzip_level > 0 && body.size() >= kMinGzipBytes && http::IsCompressibleType(file.content_type)) {
        std::string gzip = http::GzipCompress(body, gzip_level);
        if (gzip.size() + 32 < body.size()) {
            file.gzip = std::move(gzip);
            file.gzip_etag = file.etag.substr(0, file.etag.size() - 1) + "-gz\"";
        }
    }
    file.body = std::move(body);
    return file;
}

}  // namespace

struct Renderer::Impl {
    std::map<std::string, ThemeData, std::less<>> themes;
    std::array<StringTable, 2> strings;  // by Language
    std::string cart_js;
};

std::string_view DefaultThemeFor(Sector sector) {
    switch (sector) {
        case Sector::kClinic:
        case Sector::kPharmacy:
        case Sector::kElectronics:
        case Sector::kHardware:
        case Sector::kStationery:
            return "clean";
        case Sector::kFashion:
        case Sector::kJewellery:
        case Sector::kSalon:
        case Sector::kTailoring:
            return "classic";
        case Sector::kGrocery:
        case Sector::kRestaurant:
        case Sector::kBakery:
        case Sector::kDairy:
        case Sector::kGeneral:
            return "bazaar";
    }
    return "bazaar";
}

const SiteFile* Site::Find(std::string_view path) const {
    std::string key(path);
    if (key.empty() || key.ends_with('/')) {
        key += "index.html";
    }
    const auto it = files.find(key);
    return it == files.end() ? nullptr : &it->second;
}

Renderer::Renderer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Renderer::Renderer(Renderer&&) noexcept = default;
Renderer& Renderer::operator=(Renderer&&) noexcept = default;
Renderer::~Renderer() = default;

Result<Renderer> Renderer::Create(std::span<const EmbeddedFile> files) {
    std::map<std::string, std::string_view, std::less<>> by_path;
    for (const auto& file : files) {
        by_path[std::string(file.path)] = file.data;
    }
    auto missing = [](const std::string& path) {
        return Fail(ErrorCode::kInvalidArgument, "theme set: missing " + path);
    };
    auto impl = std::make_unique<Impl>();

    std::map<std::string, std::string> base_templates;
    for (std::string_view name : kTemplates) {
        const std::string path = "base/" + std::string(name) + ".mustache";
        const auto it = by_path.find(path);
        if (it == by_path.end()) {
            return missing(path);
        }
        base_templates[std::string(name)] = std::string(it->second);
    }
    const auto base_css = by_path.find("base/base.css");
    const auto cart_js = by_path.find("base/cart.js");
    if (base_css == by_path.end()) {
        return missing("base/base.css");
    }
    if (cart_js == by_path.end()) {
        return missing("base/cart.js");
    }
    impl->cart_js = std::string(cart_js->second);

    // Themes: every folder with a theme.css; its *.mustache files override base/.
    for (const auto& [path, data] : by_path) {
        const std::size_t slash = path.find('/');
        if (slash == std::string::npos || path.substr(slash + 1) != "theme.css") {
            continue;
        }
        const std::string name = path.substr(0, slash);
        if (std::ranges::find(kReservedFolders, name) != kReservedFolders.end()) {
            continue;
        }
        ThemeData theme;
        if (!AppendCssSections(base_css->second, theme.css) || !AppendCssSections(data, theme.css)) {
            return Fail(ErrorCode::kInvalidArgument, "theme set: unknown /*@section*/ in base/base.css or " + path);
        }
        theme.templates = base_templates;
        for (std::string_view tpl : kTemplates) {
            if (auto it = by_path.find(name + "/" + std::string(tpl) + ".mustache"); it != by_path.end()) {
                theme.templates[std::string(tpl)] = std::string(it->second);
            }
        }
        impl->themes.emplace(name, std::move(theme));
    }
    if (impl->themes.empty()) {
        return missing("a theme folder with theme.css");
    }

    std::set<std::string> keys_en;
    for (Language language : sitegen::kAllLanguages) {
        const std::string code(sitegen::LanguageCode(language));
        const std::string path = "i18n/" + code + ".json";
        const auto it = by_path.find(path);
        if (it == by_path.end()) {
            return missing(path);
        }
        const auto json = nlohmann::json::parse(it->second, nullptr, false);
        if (!json.is_object()) {
            return Fail(ErrorCode::kInvalidArgument, "theme set: " + path + " is not a JSON object");
        }
        auto& strings = impl->strings[static_cast<std::size_t>(language)];
        std::set<std::string> keys;
        for (const auto& [key, value] : json.items()) {
            if (!value.is_string()) {
                return Fail(ErrorCode::kInvalidArgument, "theme set: " + path + ": \"" + key + "\" is not a string");
            }
            strings.raw[key] = value.get<std::string>();
            strings.node["t_" + key] = value.get<std::string>();
            keys.insert(key);
        }
        if (language == Language::kEnglish) {
            keys_en = keys;
        } else if (keys != keys_en) {
            return Fail(ErrorCode::kInvalidArgument, "theme set: " + path + " must have the same keys as i18n/en.json");
        }
        for (std::string_view policy : kPolicies) {
            const std::string policy_path = "policies/" + code + "/" + std::string(policy) + ".mustache";
            const auto p = by_path.find(policy_path);
            if (p == by_path.end()) {
                return missing(policy_path);
            }
            strings.policies[std::string(policy)] = std::string(p->second);
        }
    }
    return Renderer(std::move(impl));
}

Result<Renderer> Renderer::CreateEmbedded() {
    return Create(embedded::themes::Files());
}

std::vector<std::string> Renderer::Themes() const {
    std::vector<std::string> names;
    for (const auto& [name, theme] : impl_->themes) {
        names.push_back(name);
    }
    return names;
}

Result<Site> Renderer::Render(const SiteSpec& spec, const RenderOptions& options) const {
    auto mount = CheckMount(options);
    if (!mount) {
        return std::unexpected(mount.error());
    }
    const std::string theme_name = options.theme.empty() ? std::string(DefaultThemeFor(spec.sector)) : options.theme;
    const auto theme = impl_->themes.find(theme_name);
    if (theme == impl_->themes.end()) {
        std::string known;
        for (const auto& name : Themes()) {
            known += (known.empty() ? "" : ", ") + name;
        }
        return Fail(ErrorCode::kInvalidArgument,
                    "unknown theme \"" + sitegen::CleanLine(theme_name) + "\"; themes: " + known);
    }
    RenderJob job;
    job.theme = &theme->second;
    job.strings = &impl_->strings[spec.language == Language::kHindi ? 1 : 0];
    job.spec = &spec;
    job.options = &options;
    job.mount = std::move(*mount);
    job.colors = detail::ResolveColors(spec.theme, sitegen::ProfileFor(spec.sector));
    const auto& c = job.colors;
    const std::string palette = ":root{--p:" + c.primary + ";--pd:" + c.primary_dark + ";--a:" + c.accent +
                                ";--at:" + c.accent_text + ";--bg:" + c.background + ";--t1:" + c.tint +
                                ";--t2:" + c.accent_tint + "}\n";
    auto css_of = [&](std::initializer_list<std::string_view> sections) {
        std::string css = palette;
        for (std::string_view section : sections) {
            if (const auto it = job.theme->css.find(section); it != job.theme->css.end()) {
                css += it->second;
            }
        }
        return css;
    };
    job.css[static_cast<std::size_t>(PageKind::kHome)] = css_of({"common", "home", "cards"});
    job.css[static_cast<std::size_t>(PageKind::kCategory)] = css_of({"common", "cards"});
    job.css[static_cast<std::size_t>(PageKind::kProduct)] = css_of({"common", "cards", "product"});
    job.css[static_cast<std::size_t>(PageKind::kForms)] = css_of({"common", "forms"});
    job.css[static_cast<std::size_t>(PageKind::kOther)] = css_of({"common"});
    for (std::string_view partial : kPartials) {
        job.partials[std::string(partial)] = job.theme->templates.at(std::string(partial));
    }

    BuildStore(job);
    job.store_node = StoreNode(job);
    job.nav = {NavNode(job, 0), NavNode(job, 1)};

    std::vector<std::string> indexable;
    if (!RenderChromeAndCards(job, HomeProducts(job.store))) {
        return Fail(ErrorCode::kInternal, "rendering failed", "a batch of cards did not split into one per card");
    }
    RenderAssets(job);
    job.files["cart.js"] = impl_->cart_js;
    RenderHome(job, indexable);
    if (!RenderCategories(job, indexable) || !RenderProducts(job, indexable)) {
        return Fail(ErrorCode::kInternal, "rendering failed", "a batch of pages did not split into one per page");
    }
    RenderStaticPages(job, indexable);
    job.files["sitemap.xml"] = Sitemap(job, indexable);
    job.files["robots.txt"] = Robots(job);
    job.files["manifest.json"] = Manifest(job);

    Site site;
    site.theme = theme_name;
    for (auto& [path, body] : job.files) {
        site.files.emplace(path, Finish(std::move(body), path, std::clamp(options.gzip_level, 0, 9)));
    }
    return site;
}

Result<Site> RenderSite(const SiteSpec& spec, const RenderOptions& options) {
    auto renderer = Renderer::CreateEmbedded();
    if (!renderer) {
        return std::unexpected(renderer.error());
    }
    return renderer->Render(spec, options);
}

}  // namespace webdpro::storefront
