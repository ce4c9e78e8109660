// Business-type benchmark for the rule-based generator: reads descriptions written with their
// expected business type and the products they name (tuning.tsv, and heldout.tsv which was never
// used to tune), generates a store for each, and prints business-type accuracy, named-product
// recall and the number of products shown with a discount the description never stated.
// Figures, not asserts: it exits non-zero only when a data file cannot be read.
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "ai/rules_generator.hpp"

namespace {

using webdpro::sitegen::Language;
using webdpro::sitegen::SiteSpec;

struct Case {
    std::string language;
    std::string type;
    std::vector<std::string> products;
    std::string description;
};

std::string Lower(std::string text) {
    for (char& c : text) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return text;
}

std::vector<std::string> Split(const std::string& line, char separator) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t at = line.find(separator, start);
        out.push_back(line.substr(start, at == std::string::npos ? std::string::npos : at - start));
        if (at == std::string::npos) {
            return out;
        }
        start = at + 1;
    }
}

bool Load(const std::string& path, std::vector<Case>& cases) {
    std::ifstream in(path);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", path.c_str());
        return false;
    }
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line.front() == '#') {
            continue;
        }
        const std::vector<std::string> fields = Split(line, '\t');
        if (fields.size() != 4) {
            std::fprintf(stderr, "%s: expected 4 tab-separated fields: %s\n", path.c_str(), line.c_str());
            return false;
        }
        Case c{fields[0], fields[1], {}, fields[3]};
        if (!fields[2].empty()) {
            for (const std::string& product : Split(fields[2], ';')) {
                c.products.push_back(Lower(product));
            }
        }
        cases.push_back(std::move(c));
    }
    return true;
}

/// What the owner stated about discounts: only then may a product show an MRP above its price.
bool StatesDiscount(const std::string& description) {
    const std::string text = Lower(description);
    for (const char* word : {"mrp", "% off", "discount", "off on", "sale", "छूट"}) {
        if (text.find(word) != std::string::npos) {
            return true;
        }
    }
    return false;
}

struct Tally {
    int cases = 0;
    int type_right = 0;
    int products = 0;
    int products_found = 0;
    int invented_discounts = 0;
    int neutral_fallbacks = 0;
};

void Print(const char* label, const Tally& t) {
    std::printf(
        "%-22s %4d cases  type %5.1f%% (%d/%d)  named-product recall %5.1f%% (%d/%d)  invented discounts %d  neutral "
        "%d\n",
        label, t.cases, t.cases == 0 ? 0.0 : 100.0 * t.type_right / t.cases, t.type_right, t.cases,
        t.products == 0 ? 100.0 : 100.0 * t.products_found / t.products, t.products_found, t.products,
        t.invented_discounts, t.neutral_fallbacks);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app("Business types, named products and honest prices of the rule-based generator");
    std::string dir = WEBDPRO_BENCH_SECTORS_DIR;
    bool verbose = false;
    app.add_option("--data", dir, "folder holding tuning.tsv and heldout.tsv");
    app.add_flag("--verbose,-v", verbose, "print every miss");
    CLI11_PARSE(app, argc, argv);

    std::map<std::string, std::vector<Case>> sets;
    for (const char* name : {"tuning", "heldout"}) {
        if (!Load(dir + "/" + name + ".tsv", sets[name])) {
            return 1;
        }
    }
    Tally all;
    for (const auto& [name, cases] : sets) {
        Tally set;
        std::map<std::string, Tally> by_language;
        for (const Case& c : cases) {
            Tally one;
            one.cases = 1;
            const webdpro::ai::DescriptionAnalysis analysis = webdpro::ai::AnalyzeDescription(c.description);
            one.type_right = analysis.business_type == c.type ? 1 : 0;
            one.neutral_fallbacks = analysis.business_type == "general_store" ? 1 : 0;
            const SiteSpec spec = webdpro::ai::GenerateRuleBased(c.description, Language::kEnglish);
            std::vector<std::string> missing;
            for (const std::string& expected : c.products) {
                ++one.products;
                bool found = false;
                for (const auto& product : spec.products) {
                    found = found || Lower(product.name).find(expected) != std::string::npos;
                }
                one.products_found += found ? 1 : 0;
                if (!found) {
                    missing.push_back(expected);
                }
            }
            if (!StatesDiscount(c.description)) {
                for (Language language : webdpro::sitegen::kAllLanguages) {
                    const SiteSpec localised =
                        language == Language::kEnglish ? spec : webdpro::ai::GenerateRuleBased(c.description, language);
                    for (const auto& product : localised.products) {
                        one.invented_discounts += product.mrp.value > product.price.value ? 1 : 0;
                    }
                }
            }
            if (verbose && (!one.type_right || !missing.empty())) {
                std::printf("[%s] %s\n   expected %s, got %s (confidence %.2f)", name.c_str(), c.description.c_str(),
                            c.type.c_str(), analysis.business_type.c_str(), analysis.type_confidence);
                for (const std::string& m : missing) {
                    std::printf("; missing product \"%s\"", m.c_str());
                }
                std::printf("\n");
            }
            for (Tally* t : {&set, &by_language[c.language], &all}) {
                t->cases += one.cases;
                t->type_right += one.type_right;
                t->products += one.products;
                t->products_found += one.products_found;
                t->invented_discounts += one.invented_discounts;
                t->neutral_fallbacks += one.neutral_fallbacks;
            }
        }
        Print(name.c_str(), set);
        for (const auto& [language, tally] : by_language) {
            Print(("  " + language).c_str(), tally);
        }
    }
    Print("all", all);
    return 0;
}
