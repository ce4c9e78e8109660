#include "core/markup.hpp"
#include "core/money.hpp"
#include "sitegen/text.hpp"
#include "storefront/detail/encode.hpp"
#include "storefront/detail/render_job.hpp"

// What a store gives search engines and phones: JSON-LD, sitemap.xml, robots.txt, the manifest.
namespace webdpro::storefront::detail {

nlohmann::json BusinessJsonLd(const RenderJob& job) {
    const StoreView& s = job.store();
    nlohmann::json ld = {
        {"@context", "https://schema.org"}, {"@type", SchemaType(job.spec->sector)}, {"name", s.name},
        {"description", s.tagline},         {"currenciesAccepted", "INR"},
    };
    // schema.org's words for the methods the checkout really offers.
    std::vector<std::string> accepted;
    if (job.options->checkout.cod) {
        accepted.emplace_back("Cash");
    }
    if (job.options->checkout.upi) {
        accepted.emplace_back("UPI");
    }
    if (job.options->checkout.razorpay) {
        accepted.insert(accepted.end(), {"Credit Card", "Debit Card"});
    }
    if (!accepted.empty()) {
        std::string joined = accepted.front();
        for (std::size_t i = 1; i < accepted.size(); ++i) {
            joined += ", " + accepted[i];
        }
        ld["paymentAccepted"] = joined;
    }
    if (!s.phone.empty()) {
        ld["telephone"] = s.phone;
    }
    if (!s.address_line.empty() || !s.city.empty()) {
        nlohmann::json address = {{"@type", "PostalAddress"}, {"addressCountry", "IN"}};
        if (const std::string street = sitegen::CleanLine(job.spec->contact.address); !street.empty()) {
            address["streetAddress"] = street;
        }
        if (!s.city.empty()) {
            address["addressLocality"] = s.city;
        }
        ld["address"] = std::move(address);
    }
    if (!job.mount.root.empty()) {
        ld["url"] = job.mount.root;
        ld["image"] = job.mount.root + "icon.svg";
    }
    return ld;
}

nlohmann::json ProductJsonLd(const RenderJob& job, const ProductView& p) {
    nlohmann::json offer = {
        {"@type", "Offer"},
        {"price", FormatDecimal(p.price)},
        {"priceCurrency", "INR"},
        {"availability", p.stock == Stock::kOut ? "https://schema.org/OutOfStock" : "https://schema.org/InStock"},
        {"seller", {{"@type", "Organization"}, {"name", job.store().name}}},
    };
    nlohmann::json ld = {
        {"@context", "https://schema.org"}, {"@type", "Product"},         {"name", p.name}, {"sku", p.id},
        {"category", p.category},           {"offers", std::move(offer)},
    };
    if (!p.description_line.empty()) {
        ld["description"] = p.description_line;
    }
    if (!job.mount.root.empty()) {
        ld["offers"]["url"] = job.Absolute("p/" + p.id + ".html");
        ld["image"] = p.image.starts_with("https://") ? p.image : job.Absolute(p.image);
    }
    return ld;
}

std::string Sitemap(const RenderJob& job, const std::vector<std::string>& pages) {
    std::string xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    for (const auto& page : pages) {
        std::string loc;
        if (!job.mount.root.empty()) {
            loc = job.Absolute(page);
        } else {
            loc = job.mount.base_path + (page == "index.html" ? std::string() : page);
            if (loc.empty()) {
                loc = "./";
            }
        }
        xml += "<url><loc>" + EscapeXml(loc) + "</loc></url>\n";
    }
    xml += "</urlset>\n";
    return xml;
}

std::string Robots(const RenderJob& job) {
    std::string text = "User-agent: *\nAllow: /\n";
    const std::string& base = job.mount.base_path;
    for (std::string_view page : {"cart.html", "checkout.html", "order.html"}) {
        if (!base.empty()) {
            text += "Disallow: " + base + std::string(page) + "\n";
        }
    }
    if (!job.mount.root.empty()) {
        text += "Sitemap: " + job.mount.root + "sitemap.xml\n";
    }
    return text;
}

std::string Manifest(const RenderJob& job) {
    const nlohmann::json manifest = {
        {"name", job.store().name},
        {"short_name", sitegen::FitChars(job.store().name, 12)},
        {"description", job.store().tagline},
        {"lang", std::string(sitegen::LanguageCode(job.spec->language))},
        {"dir", "ltr"},
        {"start_url", "./"},
        {"scope", "./"},
        {"display", "standalone"},
        {"background_color", job.colors.background},
        {"theme_color", job.colors.primary},
        {"icons",
         nlohmann::json::array({
             {{"src", "icon.svg"}, {"sizes", "any"}, {"type", "image/svg+xml"}, {"purpose", "any"}},
             {{"src", "icon-maskable.svg"}, {"sizes", "any"}, {"type", "image/svg+xml"}, {"purpose", "maskable"}},
         })},
    };
    // Escaped like JSON-LD: inert even if a browser were tricked into reading it as HTML.
    return detail::JsonForScript(manifest) + "\n";
}

}  // namespace webdpro::storefront::detail
