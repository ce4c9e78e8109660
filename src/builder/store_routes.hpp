#pragma once

#include "builder/store_service.hpp"
#include "http/router.hpp"

namespace webdpro::builder {

/// The owner's store API under /api/stores (permission "stores.manage"; the tenant is the
/// principal's): create (202, generation in the background), list, get, the generation's
/// progress as server-sent events, retry, edit details, regenerate the copy, publish, unpublish,
/// and the custom domain. Handlers parse and check the request, call the service, map the result.
void RegisterStoreRoutes(http::Router& router, StoreService& stores);

}  // namespace webdpro::builder
