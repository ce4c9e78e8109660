#include "http/client.hpp"

#include <curl/curl.h>

#include <mutex>
#include <utility>

namespace webdpro::http {
namespace {

// One easy handle per thread, reset before each use: keeps connections and DNS warm per thread.
class EasyHandle final {
public:
    EasyHandle() : handle_(curl_easy_init()) {}
    ~EasyHandle() {
        if (handle_ != nullptr) {
            curl_easy_cleanup(handle_);
        }
    }
    EasyHandle(const EasyHandle&) = delete;
    EasyHandle& operator=(const EasyHandle&) = delete;

    CURL* get() const { return handle_; }

private:
    CURL* handle_;
};

CURL* ThreadHandle() {
    thread_local EasyHandle handle;
    if (handle.get() != nullptr) {
        curl_easy_reset(handle.get());
    }
    return handle.get();
}

struct Exchange {
    ClientResponse response;
    std::size_t max_bytes = 0;
    bool too_large = false;
};

std::size_t OnBody(char* data, std::size_t size, std::size_t count, void* user) {
    auto* exchange = static_cast<Exchange*>(user);
    const std::size_t n = size * count;
    if (exchange->response.body.size() + n > exchange->max_bytes) {
        exchange->too_large = true;
        return 0;  // makes curl fail with CURLE_WRITE_ERROR
    }
    exchange->response.body.append(data, n);
    return n;
}

std::string_view TrimLine(std::string_view text) {
    while (!text.empty() && (text.back() == '\r' || text.back() == '\n' || text.back() == ' ')) {
        text.remove_suffix(1);
    }
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    return text;
}

std::size_t OnHeader(char* data, std::size_t size, std::size_t count, void* user) {
    auto* exchange = static_cast<Exchange*>(user);
    const std::size_t n = size * count;
    const std::string_view line(data, n);
    if (line.starts_with("HTTP/")) {
        exchange->response.headers.clear();  // a new (e.g. final after 100 Continue) response begins
        return n;
    }
    const std::size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
        exchange->response.headers.Add(TrimLine(line.substr(0, colon)), TrimLine(line.substr(colon + 1)));
    }
    return n;
}

std::string Describe(const ClientRequest& request, std::string_view reason) {
    const std::string_view url = std::string_view(request.url).substr(0, request.url.find('?'));
    return request.method + " " + std::string(url) + ": " + std::string(reason);
}

ApiError MapError(CURLcode code, const ClientRequest& request, const char* message, bool too_large) {
    const std::string detail = Describe(request, message[0] != '\0' ? message : curl_easy_strerror(code));
    if (too_large) {
        return ApiError(ErrorCode::kInternal, "The upstream response was too large.",
                        Describe(request, "response larger than max_response_bytes"));
    }
    switch (code) {
        case CURLE_OPERATION_TIMEDOUT:
            return ApiError(ErrorCode::kTimeout, "The upstream service did not answer in time.", detail);
        case CURLE_URL_MALFORMAT:
        case CURLE_UNSUPPORTED_PROTOCOL:
            return ApiError(ErrorCode::kInvalidArgument, "The upstream address is not valid.", detail);
        default:
            return ApiError(ErrorCode::kUnavailable, "The upstream service is unavailable.", detail);
    }
}

}  // namespace

Client::Client() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

Result<ClientResponse> Client::Send(const ClientRequest& request) const {
    CURL* curl = ThreadHandle();
    if (curl == nullptr) {
        return Fail(ApiError::Internal("curl_easy_init failed"));
    }
    Exchange exchange;
    exchange.max_bytes = request.max_response_bytes;
    char error[CURL_ERROR_SIZE] = {0};

    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connect_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.total_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &exchange);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &exchange);

    if (request.method == "HEAD") {
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else if (request.method == "GET" && request.body.empty()) {
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    } else {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
        if (request.method != "POST") {
            curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
        }
    }

    curl_slist* headers = nullptr;
    for (const auto& [name, value] : request.headers) {
        const std::string line = name + ": " + value;
        curl_slist* next = curl_slist_append(headers, line.c_str());
        if (next == nullptr) {
            curl_slist_free_all(headers);
            return Fail(ApiError::Internal("curl_slist_append failed"));
        }
        headers = next;
    }
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);

    const CURLcode code = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    // The handle keeps pointers to these until reset; reset now so nothing dangles.
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
    curl_slist_free_all(headers);
    if (code != CURLE_OK) {
        return Fail(MapError(code, request, error, exchange.too_large));
    }
    exchange.response.status = static_cast<int>(status);
    return std::move(exchange.response);
}

}  // namespace webdpro::http
