#pragma once

#include <nlohmann/json.hpp>

#include "catalog/catalog_service.hpp"
#include "http/router.hpp"

namespace webdpro::catalog {

/// The owner's catalog routes (permission stores.manage), all under
/// /api/stores/{store_id}/products: list (GET ?q=&category=&active=&cursor=&limit=), create
/// (POST), one product (GET, PATCH, DELETE = deactivate), POST …/{product_id}/stock and
/// GET …/{product_id}/ledger; the CSV file: GET /api/stores/{store_id}/products.csv and
/// POST …/products/import[?dry_run=1] (≤ kMaxImportBytes). The service must outlive the router.
void RegisterCatalogRoutes(http::Router& router, CatalogService& catalog);

/// A product as the API shows it (the Product schema of docs/openapi.yaml).
nlohmann::json ProductJson(const Product& product);

}  // namespace webdpro::catalog
