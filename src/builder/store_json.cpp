#include "builder/store_json.hpp"

#include "builder/store_details.hpp"

namespace webdpro::builder {
namespace {

nlohmann::json OptionalTime(const std::optional<TimePoint>& t) {
    return t ? nlohmann::json(FormatRfc3339(*t)) : nlohmann::json(nullptr);
}

nlohmann::json OptionalNumber(const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json OptionalText(const std::string& s) {
    return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

}  // namespace

nlohmann::json StoreJson(const stores::Store& store) {
    nlohmann::json urls = {{"preview", "/api/stores/" + store.id.str() + "/preview/"}};
    if (store.status == stores::StoreStatus::kPublished) {
        urls["public"] = "/s/" + store.slug + "/";
    }
    nlohmann::json out = {
        {"store_id", store.id.str()},
        {"slug", store.slug},
        {"status", StoreStatusName(store.status)},
        {"business_name", store.business_name},
        {"sector", store.sector},
        {"language", store.language},
        {"description", store.description},
        {"generation_level", OptionalText(store.generation_level)},
        {"generation_error", OptionalText(store.generation_error)},
        {"custom_domain", OptionalText(store.custom_domain)},
        {"site_version", store.site_version},
        {"published_at", OptionalTime(store.published_at)},
        {"link_shared", store.link_shared_at.has_value()},
        {"created_at", FormatRfc3339(store.created_at)},
        {"updated_at", FormatRfc3339(store.updated_at)},
        {"latitude", OptionalNumber(store.latitude)},
        {"longitude", OptionalNumber(store.longitude)},
        {"urls", std::move(urls)},
    };
    if (store.spec) {
        const sitegen::SiteSpec& spec = *store.spec;
        out["tagline"] = spec.tagline;
        out["about"] = spec.about;
        out["theme"] = {{"name", spec.theme.name},
                        {"primary", spec.theme.primary},
                        {"accent", spec.theme.accent},
                        {"background", spec.theme.background}};
        out["contact"] = {{"phone", spec.contact.phone},
                          {"whatsapp", spec.contact.whatsapp},
                          {"address", spec.contact.address},
                          {"city", spec.contact.city},
                          {"hours", spec.contact.hours}};
    } else {
        out["tagline"] = nullptr;
        out["about"] = nullptr;
        out["theme"] = nullptr;
        out["contact"] = nullptr;
    }
    return out;
}

}  // namespace webdpro::builder
