#include "http/router.hpp"

#include <stdexcept>

namespace webdpro::http {
namespace {

constexpr std::size_t kMethodCount = static_cast<std::size_t>(Method::kOther);

// The routes ending at one point of the tree, one slot per method.
using Endpoint = std::array<const Route*, kMethodCount>;

bool IsNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool IsValidName(std::string_view name) {
    if (name.empty()) {
        return false;
    }
    for (char c : name) {
        if (!IsNameChar(c)) {
            return false;
        }
    }
    return true;
}

std::vector<std::string_view> SplitPath(std::string_view path) {
    std::vector<std::string_view> segments;
    path.remove_prefix(1);  // the leading '/'
    if (path.empty()) {
        return segments;
    }
    while (true) {
        const std::size_t slash = path.find('/');
        segments.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) {
            break;
        }
        path.remove_prefix(slash + 1);
    }
    return segments;
}

const Route* ForMethod(const Endpoint& endpoint, Method method) {
    if (method == Method::kOther) {
        return nullptr;
    }
    const Route* route = endpoint[static_cast<std::size_t>(method)];
    if (route == nullptr && method == Method::kHead) {
        route = endpoint[static_cast<std::size_t>(Method::kGet)];
    }
    return route;
}

bool IsEmpty(const Endpoint& endpoint) {
    for (const Route* route : endpoint) {
        if (route != nullptr) {
            return false;
        }
    }
    return true;
}

std::string AllowList(const Endpoint& endpoint) {
    std::string allow;
    for (std::size_t i = 0; i < kMethodCount; ++i) {
        const auto method = static_cast<Method>(i);
        const bool present = endpoint[i] != nullptr ||
                             (method == Method::kHead && endpoint[static_cast<std::size_t>(Method::kGet)] != nullptr);
        if (!present) {
            continue;
        }
        if (!allow.empty()) {
            allow += ", ";
        }
        allow += MethodName(method);
    }
    return allow;
}

}  // namespace

struct Router::Node {
    std::map<std::string, std::unique_ptr<Node>, std::less<>> literals;
    std::unique_ptr<Node> param;
    Endpoint exact{};  // routes ending at this node
    Endpoint tail{};   // routes with a tail wildcard after this node
};

// One depth-first walk in precedence order. Keeps the first path-only match for the 405 answer.
struct Router::Search {
    const std::vector<std::string>& segments;
    Method method;
    const Node* root;
    std::vector<std::string> values;
    RouteMatch& out;
    const Endpoint* first_path_match = nullptr;

    bool Try(const Endpoint& endpoint, bool root_catch_all) {
        if (IsEmpty(endpoint)) {
            return false;
        }
        if (const Route* route = ForMethod(endpoint, method)) {
            out.route = route;
            out.params.reserve(route->param_names.size());
            for (std::size_t i = 0; i < route->param_names.size() && i < values.size(); ++i) {
                out.params.emplace_back(route->param_names[i], std::move(values[i]));
            }
            return true;
        }
        if (first_path_match == nullptr && !root_catch_all) {
            first_path_match = &endpoint;
        }
        return false;
    }

    bool Walk(const Node& node, std::size_t i) {
        if (i == segments.size() && Try(node.exact, false)) {
            return true;
        }
        if (i < segments.size()) {
            if (auto it = node.literals.find(segments[i]); it != node.literals.end() && Walk(*it->second, i + 1)) {
                return true;
            }
            if (node.param && !segments[i].empty()) {
                values.push_back(segments[i]);
                if (Walk(*node.param, i + 1)) {
                    return true;
                }
                values.pop_back();
            }
        }
        if (!IsEmpty(node.tail)) {
            std::string rest;
            for (std::size_t k = i; k < segments.size(); ++k) {
                if (k > i) {
                    rest.push_back('/');
                }
                rest += segments[k];
            }
            values.push_back(std::move(rest));
            if (Try(node.tail, &node == root)) {
                return true;
            }
            values.pop_back();
        }
        return false;
    }
};

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;

void Router::Add(Method method, std::string_view pattern, Handler handler, RouteOptions options) {
    if (method == Method::kOther) {
        throw std::invalid_argument("route method must be a known method: " + std::string(pattern));
    }
    if (pattern.empty() || pattern.front() != '/') {
        throw std::invalid_argument("route pattern must start with '/': " + std::string(pattern));
    }
    if (!handler) {
        throw std::invalid_argument("route handler is empty: " + std::string(pattern));
    }
    auto route = std::make_unique<Route>();
    route->method = method;
    route->pattern = std::string(pattern);
    route->handler = std::move(handler);
    route->options = options;
    route->index = routes_.size();

    Node* node = root_.get();
    Endpoint* endpoint = nullptr;
    const std::vector<std::string_view> segments = SplitPath(pattern);
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const std::string_view segment = segments[i];
        const bool braced = segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
        if (!braced) {
            if (segment.find_first_of("{}") != std::string_view::npos) {
                throw std::invalid_argument("malformed route segment '" + std::string(segment) + "' in " +
                                            route->pattern);
            }
            auto& child = node->literals[std::string(segment)];
            if (!child) {
                child = std::make_unique<Node>();
            }
            node = child.get();
            continue;
        }
        std::string_view name = segment.substr(1, segment.size() - 2);
        const bool tail = name.ends_with("...");
        if (tail) {
            name.remove_suffix(3);
            if (i + 1 != segments.size()) {
                throw std::invalid_argument("a tail wildcard must be the last segment: " + route->pattern);
            }
        }
        if (!IsValidName(name)) {
            throw std::invalid_argument("malformed parameter name in " + route->pattern);
        }
        for (const std::string& existing : route->param_names) {
            if (existing == name) {
                throw std::invalid_argument("parameter '" + std::string(name) + "' repeats in " + route->pattern);
            }
        }
        route->param_names.emplace_back(name);
        if (tail) {
            endpoint = &node->tail;
            break;
        }
        if (!node->param) {
            node->param = std::make_unique<Node>();
        }
        node = node->param.get();
    }
    if (endpoint == nullptr) {
        endpoint = &node->exact;
    }
    const Route*& slot = (*endpoint)[static_cast<std::size_t>(method)];
    if (slot != nullptr) {
        throw std::logic_error("duplicate route " + std::string(MethodName(method)) + " " + route->pattern +
                               " (already registered as " + slot->pattern + ")");
    }
    slot = route.get();
    routes_.push_back(std::move(route));
}

void Router::Get(std::string_view pattern, Handler handler, RouteOptions options) {
    Add(Method::kGet, pattern, std::move(handler), options);
}
void Router::Post(std::string_view pattern, Handler handler, RouteOptions options) {
    Add(Method::kPost, pattern, std::move(handler), options);
}
void Router::Put(std::string_view pattern, Handler handler, RouteOptions options) {
    Add(Method::kPut, pattern, std::move(handler), options);
}
void Router::Patch(std::string_view pattern, Handler handler, RouteOptions options) {
    Add(Method::kPatch, pattern, std::move(handler), options);
}
void Router::Delete(std::string_view pattern, Handler handler, RouteOptions options) {
    Add(Method::kDelete, pattern, std::move(handler), options);
}

RouteMatch Router::Match(Method method, std::string_view path) const {
    RouteMatch match;
    if (path.empty() || path.front() != '/') {
        match.malformed = true;
        return match;
    }
    std::vector<std::string> segments;
    for (std::string_view raw : SplitPath(path)) {
        auto decoded = PercentDecode(raw);
        if (!decoded) {
            match.malformed = true;
            return match;
        }
        segments.push_back(std::move(*decoded));
    }
    // kOther never matches a route, but still walks so that a known path answers 405.
    Search search{segments, method, root_.get(), {}, match};
    if (!search.Walk(*root_, 0) && search.first_path_match != nullptr) {
        match.allow = AllowList(*search.first_path_match);
    }
    return match;
}

std::vector<RouteInfo> Router::Routes() const {
    std::vector<RouteInfo> table;
    table.reserve(routes_.size());
    for (const auto& route : routes_) {
        table.push_back({std::string(MethodName(route->method)), route->pattern, route->options.permission});
    }
    return table;
}

}  // namespace webdpro::http
