#pragma once
// Helpers for the orders functional tests: a published store with stock, written straight into
// the server's database (the generation and publishing routes are other features' business).

#include <cstdint>
#include <string>
#include <vector>

#include "support/test_server.hpp"

namespace webdpro::testing {

struct SeededStore {
    std::string store_id;
    std::string slug;
    std::vector<std::string> product_ids;
};

/// Creates a PUBLISHED store `slug` of `tenant_id` with `products` products of `stock` units at
/// ₹10 (GST 5%), through SQLite with a busy timeout (safe beside a running server in WAL mode).
/// Fails the test and returns an empty store on any error.
SeededStore SeedPublishedStore(const TestServer& server, const std::string& tenant_id, const std::string& slug,
                               int products, std::int64_t stock);

/// One integer from a query on the server's database (-1 on error).
std::int64_t QueryInt(const TestServer& server, const std::string& sql);

}  // namespace webdpro::testing
