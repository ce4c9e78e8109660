#pragma once

// Test-only: a small valid spec that tests mutate one field at a time. Not part of the library.

#include "sitegen/site_spec.hpp"

namespace webdpro::sitegen {

/// A valid two-category, three-product grocery spec.
inline SiteSpec SampleSpec() {
    SiteSpec spec;
    spec.business_name = "Sharma Kirana";
    spec.sector = Sector::kGrocery;
    spec.language = Language::kEnglish;
    spec.tagline = "Fresh vegetables and daily groceries in Jaipur";
    spec.about = "Sharma Kirana is a neighbourhood kirana store in Jaipur.\nOpen every day.";
    spec.theme = {"Mandi Green", "#2e7d32", "#f9a825", "#f4f9f1"};
    spec.features = {"Home delivery", "Cash on delivery"};
    spec.categories = {{"Vegetables", "vegetables"}, {"Staples", ""}};
    spec.products = {
        {"Tomato", "Fresh desi tomatoes", Paise(4000), Paise(5000), "kg", "Vegetables", 0, "0702"},
        {"Onion", "", Paise(3500), Paise(3500), "kg", "Vegetables", 0, "0703"},
        {"Toor dal", "Unpolished arhar dal", Paise(15000), Paise(17000), "kg", "Staples", 5, "0713"},
    };
    spec.contact = {"+919829012345", "", "Shop 4, Malviya Nagar", "Jaipur", "8 AM – 10 PM"};
    return spec;
}

}  // namespace webdpro::sitegen
