#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace webdpro::stores {

/// Whether a tenant on `plan` (FREE | PRO | ENTERPRISE) may serve a store on its own domain. Today
/// every paid plan may and FREE may not; when subscriptions land, this one function decides
/// (connecting a domain and publishing a store that has one both ask it, and answer 402 when it
/// says no).
bool PlanAllowsCustomDomain(std::string_view plan);

/// How many stores (in any state) a tenant on `plan` may have: FREE 3, PRO 20, ENTERPRISE 100.
int StoreLimitForPlan(std::string_view plan);

/// A custom domain as typed by an owner, checked and normalised (lower case, no trailing dot):
/// at least two labels of [a-z0-9-] (1-63 characters, no leading or trailing '-'), at most 253
/// characters, a top-level label that is not all digits (no IP addresses), no port, no scheme.
/// kInvalidArgument (field "domain") otherwise.
Result<std::string> NormalizeCustomDomain(std::string_view host);

}  // namespace webdpro::stores
