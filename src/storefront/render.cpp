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
using detail::RenderCards;
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

Result<std::string> Renderer::Setup(RenderJob& job, const SiteSpec& spec, const RenderOptions& options) const {
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
    job.view = std::make_shared<const detail::StoreView>(BuildStore(job));
    job.store_node = StoreNode(job);
    job.nav = {NavNode(job, 0), NavNode(job, 1)};
    RenderChrome(job);
    return theme_name;
}

Result<Site> Renderer::Render(const SiteSpec& spec, const RenderOptions& options) const {
    RenderJob job;
    auto theme_name = Setup(job, spec, options);
    if (!theme_name) {
        return std::unexpected(theme_name.error());
    }
    const auto& store = job.store();
    std::vector<std::size_t> all(store.products.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
        all[i] = i;
    }
    std::vector<std::pair<std::size_t, std::size_t>> category_pages;
    for (std::size_t c = 0; c < store.categories.size(); ++c) {
        for (std::size_t page = 1; page <= detail::CategoryPages(store, c); ++page) {
            category_pages.emplace_back(c, page);
        }
    }
    if (!RenderCards(job, 0, HomeProducts(store)) || !RenderCards(job, 1, all)) {
        return Fail(ErrorCode::kInternal, "rendering failed", "a batch of cards did not split into one per card");
    }
    RenderAssets(job);
    job.files["cart.js"] = impl_->cart_js;
    RenderHome(job);
    if (!RenderCategories(job, category_pages) || !RenderProducts(job, all)) {
        return Fail(ErrorCode::kInternal, "rendering failed", "a batch of pages did not split into one per page");
    }
    for (const auto& path : detail::StaticPages(job)) {
        job.files[path] = detail::RenderStaticPage(job, path).value_or(std::string());
    }
    job.files["sitemap.xml"] = Sitemap(job, detail::IndexablePages(job));
    job.files["robots.txt"] = Robots(job);
    job.files["manifest.json"] = Manifest(job);

    Site site;
    site.theme = std::move(*theme_name);
    for (auto& [path, body] : job.files) {
        site.files.emplace(path, Finish(std::move(body), path, std::clamp(options.gzip_level, 0, 9)));
    }
    return site;
}

namespace {

std::size_t ProductBytes(const detail::ProductView& p) {
    std::size_t bytes = sizeof(p) + p.id.size() + p.cart_id.size() + p.name.size() + p.description_line.size() +
                        p.unit.size() + p.category.size() + p.price_text.size() + p.mrp_text.size() +
                        p.off_text.size() + p.image.size() + p.stock_label.size() + p.hsn.size();
    for (const auto& paragraph : p.paragraphs) {
        bytes += paragraph.size() + sizeof(std::string);
    }
    return bytes;
}

/// Roughly what a prepared store holds in memory: the input (spec, options) and the view model,
/// twice each product's words, plus the shared chrome and the indexes.
std::size_t PreparedBytes(const PreparedStore& prepared) {
    std::size_t bytes = sizeof(PreparedStore) + 4096;
    for (const auto& css : prepared.job.css) {
        bytes += css.size();
    }
    bytes += prepared.job.header[0].size() + prepared.job.header[1].size() + prepared.job.footer[0].size() +
             prepared.job.footer[1].size();
    for (const auto& product : prepared.job.store().products) {
        // The view, the spec's product it came from and its ProductState, and the index entry.
        bytes += 2 * ProductBytes(product) + sizeof(ProductState) + 2 * (product.id.size() + 64);
    }
    for (const auto& category : prepared.job.store().categories) {
        bytes += sizeof(category) + 2 * category.name.size() + category.products.size() * sizeof(std::size_t) + 128;
    }
    return bytes;
}

}  // namespace

Result<std::shared_ptr<const PreparedStore>> Renderer::Prepare(sitegen::SiteSpec spec, RenderOptions options) const {
    auto prepared = std::make_shared<PreparedStore>();
    prepared->spec = std::move(spec);
    prepared->options = std::move(options);
    auto theme_name = Setup(prepared->job, prepared->spec, prepared->options);
    if (!theme_name) {
        return std::unexpected(theme_name.error());
    }
    prepared->theme = std::move(*theme_name);
    const auto& store = prepared->job.store();
    for (std::size_t i = 0; i < store.products.size(); ++i) {
        prepared->product_by_id.emplace(store.products[i].id, i);
    }
    for (std::size_t c = 0; c < store.categories.size(); ++c) {
        prepared->category_by_slug.emplace(store.categories[c].slug, c);
    }
    prepared->bytes = PreparedBytes(*prepared);
    return std::shared_ptr<const PreparedStore>(std::move(prepared));
}

namespace {

/// What a store path names: the kind of page and the model's index it shows.
struct PageRef {
    enum class Kind : std::uint8_t { kNone, kHome, kCategory, kProduct, kProductArt, kOther } kind = Kind::kNone;
    std::size_t index = 0;
    std::size_t page = 1;
};

/// "c/{slug}.html" → (slug, 1), "c/{slug}.page-N.html" → (slug, N); nullopt for anything else
/// (including "page-1" and numbers with leading zeros, which have one name only).
std::optional<std::pair<std::string_view, std::size_t>> ParseCategoryPath(std::string_view path) {
    if (!path.starts_with("c/") || !path.ends_with(".html")) {
        return std::nullopt;
    }
    std::string_view name = path.substr(2, path.size() - 2 - 5);
    const std::size_t dot = name.find(".page-");
    if (dot == std::string_view::npos) {
        return std::pair{name, std::size_t{1}};
    }
    const std::string_view digits = name.substr(dot + 6);
    if (digits.empty() || digits.size() > 6 || digits.front() == '0' ||
        !std::ranges::all_of(digits, [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    const std::size_t page = std::stoul(std::string(digits));
    if (page < 2) {
        return std::nullopt;
    }
    return std::pair{name.substr(0, dot), page};
}

PageRef FindPage(const PreparedStore& prepared, std::string_view path) {
    const auto& store = prepared.job.store();
    if (path == "index.html") {
        return {.kind = PageRef::Kind::kHome};
    }
    if (auto category = ParseCategoryPath(path)) {
        const auto it = prepared.category_by_slug.find(category->first);
        if (it != prepared.category_by_slug.end() && category->second <= detail::CategoryPages(store, it->second)) {
            return {.kind = PageRef::Kind::kCategory, .index = it->second, .page = category->second};
        }
        return {};
    }
    auto product_in = [&](std::string_view prefix, std::string_view suffix) -> std::optional<std::size_t> {
        if (!path.starts_with(prefix) || !path.ends_with(suffix) || path.size() <= prefix.size() + suffix.size()) {
            return std::nullopt;
        }
        const auto it =
            prepared.product_by_id.find(path.substr(prefix.size(), path.size() - prefix.size() - suffix.size()));
        if (it == prepared.product_by_id.end()) {
            return std::nullopt;
        }
        return it->second;
    };
    if (auto product = product_in("p/", ".html")) {
        return {.kind = PageRef::Kind::kProduct, .index = *product};
    }
    if (auto product = product_in("img/p/", ".svg")) {
        if (store.products[*product].image_is_art) {
            return {.kind = PageRef::Kind::kProductArt, .index = *product};
        }
        return {};
    }
    static constexpr std::array<std::string_view, 7> kFixed = {
        "cart.js", "sitemap.xml", "robots.txt", "manifest.json", "img/hero.svg", "icon.svg", "icon-maskable.svg"};
    if (std::ranges::find(kFixed, path) != kFixed.end()) {
        return {.kind = PageRef::Kind::kOther};
    }
    if (path.starts_with("img/c/") && path.ends_with(".svg")) {
        const auto slug = path.substr(6, path.size() - 6 - 4);
        if (prepared.category_by_slug.contains(slug)) {
            return {.kind = PageRef::Kind::kOther};
        }
        return {};
    }
    const auto statics = detail::StaticPages(prepared.job);
    if (std::ranges::find(statics, path) != statics.end()) {
        return {.kind = PageRef::Kind::kOther};
    }
    return {};
}

}  // namespace

std::size_t PreparedStoreBytes(const PreparedStore& store) {
    return store.bytes;
}

std::string PagePath(std::string_view request_path) {
    std::string path(request_path);
    if (path.empty() || path.ends_with('/')) {
        path += "index.html";
    }
    return path;
}

bool Renderer::HasPage(const PreparedStore& prepared, std::string_view path) const {
    return FindPage(prepared, path).kind != PageRef::Kind::kNone;
}

Result<std::optional<SiteFile>> Renderer::RenderPage(const PreparedStore& prepared, std::string_view path) const {
    const PageRef ref = FindPage(prepared, path);
    if (ref.kind == PageRef::Kind::kNone) {
        return std::optional<SiteFile>{};
    }
    // A copy of the prepared job (the view model is shared) holds this page's cards and output.
    RenderJob job = prepared.job;
    const auto& store = job.store();
    std::optional<std::string> body;
    auto failed = [] { return Fail(ErrorCode::kInternal, "rendering failed", "a batch did not split into one each"); };
    switch (ref.kind) {
        case PageRef::Kind::kHome:
            if (!RenderCards(job, 0, HomeProducts(store))) {
                return failed();
            }
            RenderHome(job);
            break;
        case PageRef::Kind::kCategory:
            if (!RenderCards(job, 1, detail::CategoryPageProducts(store, ref.index, ref.page)) ||
                !RenderCategories(job, {{ref.index, ref.page}})) {
                return failed();
            }
            break;
        case PageRef::Kind::kProduct:
            if (!RenderCards(job, 1, detail::RelatedProducts(store, ref.index)) || !RenderProducts(job, {ref.index})) {
                return failed();
            }
            break;
        case PageRef::Kind::kProductArt:
            body = detail::ProductPicture(job, store.products[ref.index]);
            break;
        case PageRef::Kind::kOther:
        case PageRef::Kind::kNone:
            if (path == "cart.js") {
                body = impl_->cart_js;
            } else if (path == "sitemap.xml") {
                body = Sitemap(job, detail::IndexablePages(job));
            } else if (path == "robots.txt") {
                body = Robots(job);
            } else if (path == "manifest.json") {
                body = Manifest(job);
            } else if (auto asset = detail::RenderAsset(job, path)) {
                body = std::move(asset);
            } else {
                body = detail::RenderStaticPage(job, path);
            }
            break;
    }
    if (!body) {
        const auto it = job.files.find(std::string(path));
        if (it == job.files.end()) {
            return Fail(ErrorCode::kInternal, "rendering failed", "no output for " + std::string(path));
        }
        body = std::move(it->second);
    }
    const std::string name(path);
    return std::optional<SiteFile>(Finish(std::move(*body), name, std::clamp(prepared.options.gzip_level, 0, 9)));
}

Result<Site> RenderSite(const SiteSpec& spec, const RenderOptions& options) {
    auto renderer = Renderer::CreateEmbedded();
    if (!renderer) {
        return std::unexpected(renderer.error());
    }
    return renderer->Render(spec, options);
}

}  // namespace webdpro::storefront
