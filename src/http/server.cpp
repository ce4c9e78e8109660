#include "http/server.hpp"

#include <array>
#include <atomic>
#include <cmath>
#include <ctime>
#include <limits>
#include <list>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

#include "core/thread_name.hpp"
#include "http/framing.hpp"
#include "http/middleware.hpp"
#include "http/sse.hpp"

namespace webdpro::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

constexpr std::size_t kReadChunk = 8192;
constexpr std::size_t kMaxIdleBuffer = 64 * 1024;
constexpr std::size_t kMaxLoggedPath = 256;
constexpr std::string_view kUnmatchedRoute = "unmatched";
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
// Statuses recorded (never sent) for requests whose client stopped sending: nginx's conventions.
constexpr int kTimedOut = 408;
constexpr int kClientGone = 499;

Method FromVerb(bhttp::verb verb) {
    switch (verb) {
        case bhttp::verb::get:
            return Method::kGet;
        case bhttp::verb::head:
            return Method::kHead;
        case bhttp::verb::post:
            return Method::kPost;
        case bhttp::verb::put:
            return Method::kPut;
        case bhttp::verb::patch:
            return Method::kPatch;
        case bhttp::verb::delete_:
            return Method::kDelete;
        case bhttp::verb::options:
            return Method::kOptions;
        default:
            return Method::kOther;
    }
}

// The origin-form path of a request target ("/a/b?x" -> "/a/b"); absolute-form targets (sent to
// proxies) are reduced to their path. Anything else (e.g. "*") comes back as is and fails routing.
std::string_view TargetPath(std::string_view target) {
    target = target.substr(0, target.find('?'));
    for (std::string_view scheme : {"http://", "https://"}) {
        if (target.starts_with(scheme)) {
            const std::size_t slash = target.find('/', scheme.size());
            return slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
        }
    }
    return target;
}

bool IsSafeHeaderText(std::string_view text) {
    for (char c : text) {
        if (c == '\r' || c == '\n' || c == '\0') {
            return false;
        }
    }
    return true;
}

bool IsToken(std::string_view name) {
    if (name.empty()) {
        return false;
    }
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
        if (!ok) {
            return false;
        }
    }
    return true;
}

// Framing is the server's job: a handler's own versions of these are dropped.
bool IsFramingHeader(std::string_view name) {
    return EqualsIgnoreCase(name, "Content-Length") || EqualsIgnoreCase(name, "Transfer-Encoding") ||
           EqualsIgnoreCase(name, "Connection") || EqualsIgnoreCase(name, "Date");
}

// Writes the status line and headers of `response` into `out` (cleared first). Fields with a bad
// name or a CR/LF/NUL in the value are dropped, so a handler cannot split the response.
// `content_length` < 0 means none (bodiless statuses, or chunked when `chunked`).
void BuildHead(std::string& out, const Response& response, unsigned version, std::string_view date, bool keep_alive,
               std::int64_t content_length, bool chunked) {
    out.clear();
    out += version >= 11 ? "HTTP/1.1 " : "HTTP/1.0 ";
    out += std::to_string(response.status);
    out.push_back(' ');
    std::string_view reason = bhttp::obsolete_reason(static_cast<bhttp::status>(response.status));
    out += reason.starts_with('<') ? std::string_view("Unknown") : reason;
    out += "\r\n";
    for (const auto& [name, value] : response.headers) {
        if (!IsToken(name) || !IsSafeHeaderText(value) || IsFramingHeader(name)) {
            continue;
        }
        out += name;
        out += ": ";
        out += value;
        out += "\r\n";
    }
    out += "Date: ";
    out += date;
    out += "\r\n";
    if (content_length >= 0) {
        out += "Content-Length: ";
        out += std::to_string(content_length);
        out += "\r\n";
    }
    if (chunked) {
        out += "Transfer-Encoding: chunked\r\n";
    }
    if (!keep_alive) {
        out += "Connection: close\r\n";
    } else if (version < 11) {
        out += "Connection: keep-alive\r\n";
    }
    out += "\r\n";
}

bool IsQuietError(const beast::error_code& ec) {
    return ec == beast::error::timeout || ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
           ec == net::error::eof || ec == net::error::operation_aborted || ec == net::error::connection_reset ||
           ec == net::error::broken_pipe || ec == net::error::bad_descriptor;
}

// "Sun, 06 Nov 1994 08:49:37 GMT", recomputed at most once a second per I/O thread.
class DateCache final {
public:
    std::string_view Now() {
        const std::time_t now = std::time(nullptr);
        if (now != second_) {
            second_ = now;
            std::tm tm{};
            gmtime_r(&now, &tm);
            length_ = std::strftime(text_.data(), text_.size(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
        }
        return {text_.data(), length_};
    }

private:
    std::time_t second_ = -1;
    std::array<char, 64> text_{};
    std::size_t length_ = 0;
};

// Counters per (method, status) for one route, cached in a lock-free table so the hot path never
// takes a lock or builds a label map; a miss (the first request with a new status) takes a mutex.
class RouteStats final {
public:
    RouteStats(prometheus::Family<prometheus::Counter>& requests, prometheus::Histogram& duration, std::string route)
        : requests_(requests), duration_(duration), route_(std::move(route)) {}

    prometheus::Histogram& duration() { return duration_; }

    prometheus::Counter& Requests(Method method, int status) {
        const std::uint32_t key = (static_cast<std::uint32_t>(status) << 4U | static_cast<std::uint32_t>(method)) + 1U;
        for (std::size_t i = 0; i < kSlots; ++i) {
            const std::uint32_t seen = keys_[i].load(std::memory_order_acquire);
            if (seen == key) {
                return *counters_[i].load(std::memory_order_relaxed);
            }
            if (seen == 0) {
                break;
            }
        }
        std::lock_guard lock(mutex_);
        for (std::size_t i = 0; i < kSlots; ++i) {
            const std::uint32_t seen = keys_[i].load(std::memory_order_relaxed);
            if (seen == key) {
                return *counters_[i].load(std::memory_order_relaxed);
            }
            if (seen == 0) {
                prometheus::Counter& counter = Add(method, status);
                counters_[i].store(&counter, std::memory_order_relaxed);
                keys_[i].store(key, std::memory_order_release);
                return counter;
            }
        }
        return Add(method, status);  // table full: prometheus-cpp's own (locked) lookup
    }

private:
    static constexpr std::size_t kSlots = 16;

    prometheus::Counter& Add(Method method, int status) {
        return requests_.Add(
            {{"route", route_}, {"method", std::string(MethodName(method))}, {"status", std::to_string(status)}});
    }

    prometheus::Family<prometheus::Counter>& requests_;
    prometheus::Histogram& duration_;
    std::string route_;
    std::array<std::atomic<std::uint32_t>, kSlots> keys_{};
    std::array<std::atomic<prometheus::Counter*>, kSlots> counters_{};
    std::mutex mutex_;
};

// The fields of one access-log line, built once per I/O thread and refilled in place for every
// request, so logging a request allocates nothing here beyond what the Logger itself does.
class AccessLine final {
public:
    AccessLine()
        : fields_({{"method", ""},
                   {"route", ""},
                   {"path", ""},
                   {"status", 0},
                   {"bytes", 0},
                   {"duration_ms", 0.0},
                   {"request_id", ""},
                   {"remote", ""}}),
          method_(fields_["method"].get_ref<std::string&>()),
          route_(fields_["route"].get_ref<std::string&>()),
          path_(fields_["path"].get_ref<std::string&>()),
          status_(fields_["status"].get_ref<nlohmann::json::number_integer_t&>()),
          bytes_(fields_["bytes"].get_ref<nlohmann::json::number_integer_t&>()),
          duration_ms_(fields_["duration_ms"].get_ref<nlohmann::json::number_float_t&>()),
          request_id_(fields_["request_id"].get_ref<std::string&>()),
          remote_(fields_["remote"].get_ref<std::string&>()) {}
    AccessLine(const AccessLine&) = delete;
    AccessLine& operator=(const AccessLine&) = delete;

    const nlohmann::json& Fill(const Request& request, std::string_view route, int status, std::size_t bytes,
                               double seconds) {
        method_.assign(MethodName(request.method));
        route_.assign(route);
        path_.assign(std::string_view(request.path).substr(0, kMaxLoggedPath));
        status_ = status;
        bytes_ = static_cast<nlohmann::json::number_integer_t>(bytes);
        duration_ms_ = std::round(seconds * 1e6) / 1e3;
        request_id_.assign(request.request_id);
        remote_.assign(request.remote);
        return fields_;
    }

private:
    nlohmann::json fields_;
    std::string& method_;
    std::string& route_;
    std::string& path_;
    nlohmann::json::number_integer_t& status_;
    nlohmann::json::number_integer_t& bytes_;
    nlohmann::json::number_float_t& duration_ms_;
    std::string& request_id_;
    std::string& remote_;
};

class Session;

// One I/O thread: its own io_context (no cross-thread locking on the hot path) and the sessions on it.
struct Worker {
    std::list<Session*> sessions;  // touched only on this worker's thread
    DateCache date;
    AccessLine access_line;
    net::io_context ioc{1};  // declared after `sessions`: destroyed first, with its handlers
    std::optional<net::executor_work_guard<net::io_context::executor_type>> guard{ioc.get_executor()};
};

}  // namespace

struct Server::Impl {
    Impl(ServerOptions opts, const Router& r, Logger& l, Metrics& m);
    ~Impl();

    bool draining() const { return draining_.load(std::memory_order_acquire); }
    RouteStats& StatsFor(const Route* route) { return route != nullptr ? *route_stats_[route->index] : *unmatched_; }

    net::awaitable<void> Accept();
    void Drain();
    void StopAll();
    void SessionEnded();

    // The middleware, in order: Begin (request id, client address, in-flight), Dispatch (preflight,
    // 404/405, the handler, exceptions), Finish (error envelope, CORS, security headers, request
    // id echo, gzip), Record (access log, metrics) after the response is written.
    void Begin(Request& request, std::string_view peer);
    net::awaitable<Response> Dispatch(Request& request, RouteMatch& match);
    void Finish(const Request& request, Response& response);
    void Record(Worker& worker, const Request& request, const Route* route, int status, std::size_t bytes,
                SteadyClock::time_point start);

    ServerOptions options;
    const Router& router;
    Logger& logger;
    Metrics& metrics;
    Cors cors;

    prometheus::Family<prometheus::Counter>& requests_family;
    prometheus::Family<prometheus::Histogram>& duration_family;
    prometheus::Gauge& in_flight;
    std::vector<std::unique_ptr<RouteStats>> route_stats_;
    std::unique_ptr<RouteStats> unmatched_;

    std::vector<std::unique_ptr<Worker>> workers;
    std::optional<tcp::acceptor> acceptor;
    std::optional<net::signal_set> signals;
    std::optional<net::steady_timer> grace_timer;
    std::uint16_t bound_port = 0;
    std::size_t next_worker = 0;
    std::atomic<bool> draining_{false};
    std::atomic<bool> stopped_{false};
    std::atomic<std::int64_t> active_sessions{0};
};

namespace {

// One connection: reads requests in a loop, runs them through the middleware, writes responses.
class Session final : public std::enable_shared_from_this<Session> {
public:
    enum class State { kIdle, kReading, kBusy, kStreaming };

    Session(Server::Impl& impl, Worker& worker, tcp::socket socket)
        : impl_(impl), worker_(worker), stream_(std::move(socket)) {
        beast::error_code ec;
        const auto endpoint = stream_.socket().remote_endpoint(ec);
        if (!ec) {
            peer_ = endpoint.address().to_string();
        }
    }

    ~Session() {
        if (registered_) {
            worker_.sessions.erase(self_);
        }
        impl_.SessionEnded();
    }

    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    net::awaitable<void> Run() {
        self_ = worker_.sessions.insert(worker_.sessions.end(), this);
        registered_ = true;
        try {
            co_await Loop();
        } catch (const std::exception& e) {
            impl_.logger.Error("http session failed", {{"error", e.what()}, {"remote", peer_}});
        }
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        stream_.close();
    }

    // Called on this session's thread when the server starts draining.
    void OnDrain() {
        if (state_ == State::kIdle) {
            stream_.close();
        }
        WakeStream();
    }

    // Called on this session's thread when the grace period is over.
    void ForceClose() {
        stream_.close();
        WakeStream();
    }

private:
    // Shared with the SSE disconnect watcher, whose completion may run after the stream ended.
    struct StreamState {
        bool closed = false;
        net::steady_timer* sleeper = nullptr;
        char byte = 0;
    };

    class Writer;

    void WakeStream() {
        if (stream_state_ && stream_state_->sleeper != nullptr) {
            stream_state_->sleeper->cancel();
        }
    }

    net::awaitable<void> Loop() {
        const ServerOptions& options = impl_.options;
        bool first = true;
        while (true) {
            beast::error_code ec;
            if (buffer_.size() == 0) {
                if (impl_.draining()) {
                    co_return;
                }
                state_ = State::kIdle;
                if (buffer_.capacity() > kMaxIdleBuffer) {
                    buffer_.shrink_to_fit();  // an idle connection keeps no large body's memory
                }
                stream_.expires_after(first ? options.header_timeout : options.idle_timeout);
                const std::size_t n = co_await stream_.async_read_some(buffer_.prepare(kReadChunk),
                                                                       net::redirect_error(net::use_awaitable, ec));
                if (ec) {
                    co_return;
                }
                buffer_.commit(n);
            }
            first = false;
            state_ = State::kReading;

            // The head must arrive within header_timeout of its first byte: a client trickling
            // headers is cut off.
            bhttp::request_parser<bhttp::string_body> parser;
            parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
            // Checked against the route's limit once the route is known. (Not boost::none: Beast 1.74
            // compares the Content-Length against the optional, and anything is greater than none.)
            parser.body_limit(std::numeric_limits<std::uint64_t>::max());
            stream_.expires_after(options.header_timeout);
            ec = co_await ReadHead(parser);
            if (ec) {
                if (!IsQuietError(ec)) {
                    const bool too_big = ec == bhttp::error::header_limit;
                    co_await Reject(nullptr, ApiError(ErrorCode::kInvalidArgument,
                                                      too_big ? "The request headers are too large."
                                                              : "The request is not valid HTTP.",
                                                      ec.message()));
                }
                co_return;
            }
            state_ = State::kBusy;
            const auto start = SteadyClock::now();
            const auto& head = parser.get();

            Request request;
            request.method = FromVerb(head.method());
            SetTarget(request, std::string(head.target()));
            request.headers.reserve(static_cast<std::size_t>(std::distance(head.begin(), head.end())));
            for (const auto& field : head) {
                request.headers.Add(field.name_string(), field.value());
            }
            impl_.Begin(request, peer_);
            if (auto problem = FramingProblem(raw_head_, request.headers, head.version())) {
                co_await Reject(
                    &request, ApiError(ErrorCode::kInvalidArgument, "The request is not valid HTTP.", *problem), start);
                co_return;
            }
            co_await RewriteForHost(request);
            RouteMatch match = impl_.router.Match(request.method, TargetPath(request.target));

            const std::int64_t limit = (match.route != nullptr && match.route->options.body_limit > 0)
                                           ? match.route->options.body_limit
                                           : options.body_limit;
            if (const auto length = parser.content_length(); length && *length > static_cast<std::uint64_t>(limit)) {
                co_await Reject(&request, ApiError(ErrorCode::kPayloadTooLarge, "The request body is too large."),
                                start);
                co_return;
            }
            if (!parser.is_done()) {
                if (const auto expect = request.Header("Expect"); expect && EqualsIgnoreCase(*expect, "100-continue")) {
                    stream_.expires_after(options.write_timeout);
                    co_await net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                                              net::redirect_error(net::use_awaitable, ec));
                    if (ec) {
                        impl_.Record(worker_, request, match.route, kClientGone, 0, start);
                        co_return;
                    }
                }
                parser.body_limit(static_cast<std::uint64_t>(limit));
                stream_.expires_after(options.body_timeout);
                co_await bhttp::async_read(stream_, buffer_, parser, net::redirect_error(net::use_awaitable, ec));
                if (ec == bhttp::error::body_limit) {
                    co_await Reject(&request, ApiError(ErrorCode::kPayloadTooLarge, "The request body is too large."),
                                    start);
                    co_return;
                }
                if (ec) {
                    if (IsQuietError(ec)) {
                        impl_.Record(worker_, request, match.route,
                                     ec == beast::error::timeout ? kTimedOut : kClientGone, 0, start);
                    } else {
                        co_await Reject(
                            &request,
                            ApiError(ErrorCode::kInvalidArgument, "The request body is malformed.", ec.message()),
                            start);
                    }
                    co_return;
                }
            }
            const bool client_keep_alive = parser.get().keep_alive();
            const unsigned version = parser.get().version();
            request.body = std::move(parser.get().body());

            Response response = co_await impl_.Dispatch(request, match);
            impl_.Finish(request, response);
            const Route* route = match.route;
            if (response.sse) {
                co_await Stream(request, response, version, start, route);
                co_return;
            }
            const bool keep_alive = client_keep_alive && !impl_.draining();
            const auto written = co_await Write(response, version, request.method == Method::kHead, keep_alive);
            impl_.Record(worker_, request, route, response.status, written.value_or(0), start);
            if (!written || !keep_alive) {
                co_return;
            }
        }
    }

    // Reads the request head into `parser` (as async_read_header does), keeping its raw bytes in
    // raw_head_: the parser joins obs-folded lines, and those must be refused, not joined.
    net::awaitable<beast::error_code> ReadHead(bhttp::request_parser<bhttp::string_body>& parser) {
        beast::error_code ec;
        raw_head_.clear();
        while (true) {
            if (buffer_.size() > 0) {
                const std::size_t used = parser.put(buffer_.data(), ec);
                raw_head_.append(static_cast<const char*>(buffer_.data().data()), used);
                buffer_.consume(used);
                if (!ec && parser.is_header_done()) {
                    co_return ec;
                }
                if (ec && ec != bhttp::error::need_more) {
                    co_return ec;
                }
                ec = {};
                if (used > 0 && buffer_.size() > 0) {
                    continue;
                }
            }
            const std::size_t n = co_await stream_.async_read_some(buffer_.prepare(kReadChunk),
                                                                   net::redirect_error(net::use_awaitable, ec));
            if (ec == net::error::eof && parser.got_some()) {
                parser.put_eof(ec);
                co_return ec ? ec : beast::error_code(bhttp::error::partial_message);
            }
            if (ec) {
                co_return ec;
            }
            buffer_.commit(n);
        }
    }

    // Target, decoded path and query of a request from its (possibly rewritten) target.
    static void SetTarget(Request& request, std::string target) {
        request.target = std::move(target);
        const std::string_view raw_path = TargetPath(request.target);
        const std::size_t mark = request.target.find('?');
        request.query = mark == std::string::npos ? std::string() : request.target.substr(mark + 1);
        request.path = PercentDecode(raw_path).value_or(std::string(raw_path));
    }

    // The router's host rewrite, if any. A failing rewrite leaves the request as it came (and is
    // logged): the platform's own pages must not go down with a lookup.
    net::awaitable<void> RewriteForHost(Request& request) {
        const HostRewrite& rewrite = impl_.router.host_rewrite();
        if (!rewrite) {
            co_return;
        }
        std::optional<std::string> target;
        try {
            target = co_await rewrite(request);
        } catch (const std::exception& e) {
            impl_.logger.Error("host rewrite threw", {{"detail", e.what()}, {"request_id", request.request_id}});
        }
        if (target && target->starts_with('/')) {
            SetTarget(request, std::move(*target));
        }
    }

    // Answers a request that cannot be served (malformed, too large) and lets the caller close.
    net::awaitable<void> Reject(Request* request, ApiError error, SteadyClock::time_point start = SteadyClock::now()) {
        Request placeholder;
        if (request == nullptr) {
            impl_.Begin(placeholder, peer_);
            request = &placeholder;
        }
        Response response = Response::Error(std::move(error));
        impl_.Finish(*request, response);
        const auto written = co_await Write(response, 11, false, false);
        impl_.Record(worker_, *request, nullptr, response.status, written.value_or(0), start);
    }

    // Writes one response (head and body in one gather write); the body bytes written, or nullopt
    // when the connection failed.
    net::awaitable<std::optional<std::size_t>> Write(const Response& response, unsigned version, bool head,
                                                     bool keep_alive) {
        const std::string_view body = response.Body();
        const bool bodiless = response.status == 204 || response.status == 304 || response.status < 200;
        BuildHead(head_, response, version, worker_.date.Now(), keep_alive,
                  bodiless ? -1 : static_cast<std::int64_t>(body.size()), false);
        const bool send_body = !bodiless && !head && !body.empty();
        const std::array<net::const_buffer, 2> buffers = {
            net::buffer(head_.data(), head_.size()),
            send_body ? net::buffer(body.data(), body.size()) : net::const_buffer()};
        beast::error_code ec;
        stream_.expires_after(impl_.options.write_timeout);
        co_await net::async_write(stream_, buffers, net::redirect_error(net::use_awaitable, ec));
        if (ec) {
            co_return std::nullopt;
        }
        co_return send_body ? body.size() : 0;
    }

    net::awaitable<void> Stream(Request& request, Response& response, unsigned version, SteadyClock::time_point start,
                                const Route* route);

    Server::Impl& impl_;
    Worker& worker_;
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::string head_;      // the response head being written, reused across requests
    std::string raw_head_;  // the request head as received, reused across requests
    std::string peer_;
    State state_ = State::kIdle;
    std::shared_ptr<StreamState> stream_state_;
    std::list<Session*>::iterator self_;
    bool registered_ = false;
};

// SseWriter over the session's stream: chunked on HTTP/1.1, raw (closed-delimited) on HTTP/1.0.
class Session::Writer final : public SseWriter {
public:
    Writer(Session& session, bool chunked, std::shared_ptr<StreamState> state)
        : session_(session), chunked_(chunked), state_(std::move(state)), timer_(session.worker_.ioc) {
        state_->sleeper = &timer_;
    }
    ~Writer() override { state_->sleeper = nullptr; }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    using SseWriter::Send;
    net::awaitable<bool> Send(std::string_view event, std::string_view data, std::string_view id) override {
        if (!open()) {
            co_return false;
        }
        const std::string text = FormatSseEvent(event, data, id);
        co_return co_await WriteRaw(text);
    }

    net::awaitable<bool> Sleep(std::chrono::milliseconds duration) override {
        const auto deadline = SteadyClock::now() + duration;
        while (open()) {
            const auto now = SteadyClock::now();
            if (now >= deadline || woken_) {
                woken_ = false;
                co_return true;
            }
            const auto beat = last_write_ + session_.impl_.options.sse_heartbeat;
            if (now >= beat) {
                if (!co_await WriteRaw(": keep-alive\n\n")) {
                    co_return false;
                }
                continue;
            }
            timer_.expires_at(std::min(deadline, beat));
            beast::error_code ec;
            co_await timer_.async_wait(net::redirect_error(net::use_awaitable, ec));
        }
        co_return false;
    }

    void Wake() override {
        woken_ = true;
        timer_.cancel();
    }

    bool open() const override { return !state_->closed && !session_.impl_.draining(); }

    net::awaitable<bool> WriteRaw(std::string_view text) {
        beast::error_code ec;
        session_.stream_.expires_after(session_.impl_.options.write_timeout);
        if (chunked_) {
            co_await net::async_write(session_.stream_, bhttp::make_chunk(net::buffer(text.data(), text.size())),
                                      net::redirect_error(net::use_awaitable, ec));
        } else {
            co_await net::async_write(session_.stream_, net::buffer(text.data(), text.size()),
                                      net::redirect_error(net::use_awaitable, ec));
        }
        if (ec) {
            state_->closed = true;
            co_return false;
        }
        last_write_ = SteadyClock::now();
        bytes_ += text.size();
        co_return true;
    }

    std::size_t bytes() const { return bytes_; }

private:
    Session& session_;
    bool chunked_;
    std::shared_ptr<StreamState> state_;
    net::steady_timer timer_;
    SteadyClock::time_point last_write_ = SteadyClock::now();
    std::size_t bytes_ = 0;
    bool woken_ = false;
};

net::awaitable<void> Session::Stream(Request& request, Response& response, unsigned version,
                                     SteadyClock::time_point start, const Route* route) {
    state_ = State::kStreaming;
    const bool chunked = version >= 11;
    BuildHead(head_, response, version, worker_.date.Now(), false, -1, chunked);
    beast::error_code ec;
    stream_.expires_after(impl_.options.write_timeout);
    co_await net::async_write(stream_, net::buffer(head_.data(), head_.size()),
                              net::redirect_error(net::use_awaitable, ec));
    if (ec) {
        impl_.Record(worker_, request, route, response.status, 0, start);
        co_return;
    }

    // A read that completes only when the client closes (or misbehaves): prompt disconnect news.
    stream_state_ = std::make_shared<StreamState>();
    auto state = stream_state_;
    stream_.socket().async_read_some(net::buffer(&state->byte, 1), [state](beast::error_code, std::size_t) {
        state->closed = true;
        if (state->sleeper != nullptr) {
            state->sleeper->cancel();
        }
    });

    std::size_t bytes = 0;
    {
        Writer writer(*this, chunked, state);
        try {
            co_await response.sse(writer);
        } catch (const std::exception& e) {
            impl_.logger.Error("sse producer failed", {{"error", e.what()}, {"request_id", request.request_id}});
        }
        if (chunked && !state->closed) {
            stream_.expires_after(impl_.options.write_timeout);
            co_await net::async_write(stream_, bhttp::make_chunk_last(), net::redirect_error(net::use_awaitable, ec));
        }
        bytes = writer.bytes();
    }
    stream_state_.reset();
    impl_.Record(worker_, request, route, response.status, bytes, start);
}

}  // namespace

Server::Impl::Impl(ServerOptions opts, const Router& r, Logger& l, Metrics& m)
    : options(std::move(opts)),
      router(r),
      logger(l),
      metrics(m),
      cors(options.cors_origins),
      requests_family(prometheus::BuildCounter()
                          .Name("webdpro_http_requests_total")
                          .Help("HTTP requests by route template, method and status")
                          .Register(m.registry())),
      duration_family(prometheus::BuildHistogram()
                          .Name("webdpro_http_request_duration_seconds")
                          .Help("HTTP request latency by route template, from parsed head to written response")
                          .Register(m.registry())),
      in_flight(prometheus::BuildGauge()
                    .Name("webdpro_http_requests_in_flight")
                    .Help("HTTP requests being handled")
                    .Register(m.registry())
                    .Add({})) {}

Server::Impl::~Impl() {
    // Pending handlers hold sessions that point into the workers: tear the I/O objects down first,
    // and keep sessions ended during the teardown from posting anywhere.
    stopped_.store(true);
    grace_timer.reset();
    signals.reset();
    acceptor.reset();
    while (!workers.empty()) {
        workers.pop_back();
    }
}

net::awaitable<void> Server::Impl::Accept() {
    while (true) {
        Worker& worker = *workers[next_worker++ % workers.size()];
        tcp::socket socket(worker.ioc);
        beast::error_code ec;
        co_await acceptor->async_accept(socket, net::redirect_error(net::use_awaitable, ec));
        if (ec == net::error::operation_aborted || !acceptor->is_open()) {
            co_return;
        }
        if (ec) {
            // Out of descriptors or similar: say so, breathe, keep serving the connections we have.
            logger.Warn("http accept failed", {{"error", ec.message()}});
            net::steady_timer pause(co_await net::this_coro::executor, std::chrono::milliseconds(50));
            co_await pause.async_wait(net::redirect_error(net::use_awaitable, ec));
            continue;
        }
        socket.set_option(tcp::no_delay(true), ec);
        active_sessions.fetch_add(1, std::memory_order_acq_rel);
        auto session = std::make_shared<Session>(*this, worker, std::move(socket));
        net::co_spawn(
            worker.ioc, [session]() { return session->Run(); }, net::detached);
    }
}

void Server::Impl::Drain() {
    net::post(workers.front()->ioc, [this] {
        beast::error_code ec;
        if (acceptor) {
            acceptor->close(ec);
        }
        if (signals) {
            signals->cancel(ec);
        }
        grace_timer.emplace(workers.front()->ioc, options.shutdown_grace);
        grace_timer->async_wait([this](beast::error_code wait_ec) {
            if (wait_ec) {
                return;
            }
            logger.Warn("http shutdown grace period over; abandoning connections",
                        {{"connections", active_sessions.load()}});
            StopAll();
        });
        for (auto& worker : workers) {
            net::post(worker->ioc, [this, w = worker.get()] {
                // Copy: closing a session may end it and unlink it from the list.
                const std::vector<Session*> sessions(w->sessions.begin(), w->sessions.end());
                for (Session* session : sessions) {
                    session->OnDrain();
                }
            });
        }
        if (active_sessions.load(std::memory_order_acquire) == 0) {
            StopAll();
        }
    });
}

void Server::Impl::StopAll() {
    if (stopped_.exchange(true)) {
        return;
    }
    for (auto& worker : workers) {
        worker->ioc.stop();
    }
}

void Server::Impl::SessionEnded() {
    if (active_sessions.fetch_sub(1, std::memory_order_acq_rel) == 1 && draining() &&
        !stopped_.load(std::memory_order_acquire)) {
        // The last connection is gone; give other workers' posted work a chance, then stop.
        net::post(workers.front()->ioc, [this] {
            if (active_sessions.load(std::memory_order_acquire) == 0) {
                StopAll();
            }
        });
    }
}

void Server::Impl::Begin(Request& request, std::string_view peer) {
    request.request_id = AcceptRequestId(request.Header("X-Request-Id"));
    request.remote = ClientAddress(peer, request.Header("X-Forwarded-For"), options.trust_forwarded_for);
    in_flight.Increment();
}

net::awaitable<Response> Server::Impl::Dispatch(Request& request, RouteMatch& match) {
    if (match.malformed) {
        co_return Response::Error(ApiError(ErrorCode::kInvalidArgument, "The request path is malformed."));
    }
    if (match.route == nullptr && Cors::IsPreflight(request)) {
        co_return cors.Preflight(request, match.allow);
    }
    if (match.route == nullptr) {
        if (!match.allow.empty()) {
            Response response =
                Response::Error(ApiError(ErrorCode::kMethodNotAllowed, "This method is not allowed on this path."));
            response.headers.Set("Allow", match.allow);
            co_return response;
        }
        co_return Response::Error(ApiError(ErrorCode::kNotFound, "There is nothing at this address."));
    }
    request.params = std::move(match.params);
    request.route = match.route->pattern;
    std::string failure;
    try {
        if (const Guard& guard = router.guard()) {
            if (std::optional<Response> refused = co_await guard(request, *match.route)) {
                co_return std::move(*refused);
            }
        }
        co_return co_await match.route->handler(request);
    } catch (const std::exception& e) {
        failure = e.what();
    } catch (...) {
        failure = "non-standard exception";
    }
    co_return Response::Error(ApiError::Internal("handler threw: " + failure));
}

void Server::Impl::Finish(const Request& request, Response& response) {
    if (response.error) {
        const ApiError& error = *response.error;
        if (HttpStatus(error.code) >= 500) {
            logger.Error("request failed", {{"code", CodeName(error.code)},
                                            {"detail", error.detail},
                                            {"request_id", request.request_id},
                                            {"route", request.route}});
        } else if (!error.detail.empty() && logger.Enabled(LogLevel::kDebug)) {
            logger.Debug(
                "request rejected",
                {{"code", CodeName(error.code)}, {"detail", error.detail}, {"request_id", request.request_id}});
        }
        RenderError(response, request.request_id);
    }
    cors.Apply(request, response);
    ApplySecurityHeaders(response);
    response.headers.Set("X-Request-Id", request.request_id);
    ApplyGzip(request, response);
}

void Server::Impl::Record(Worker& worker, const Request& request, const Route* route, int status, std::size_t bytes,
                          SteadyClock::time_point start) {
    in_flight.Decrement();
    const double seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
    RouteStats& stats = StatsFor(route);
    stats.Requests(request.method, status).Increment();
    stats.duration().Observe(seconds);
    if (!options.access_log || !logger.Enabled(LogLevel::kInfo)) {
        return;
    }
    const std::string_view route_name = route != nullptr ? std::string_view(route->pattern) : kUnmatchedRoute;
    logger.Info("request", worker.access_line.Fill(request, route_name, status, bytes, seconds));
}

Result<ServerOptions> ServerOptions::FromConfig(const ServerConfig& config) {
    ServerOptions options;
    if (!ParseListen(config.listen, options.host, options.port)) {
        return Fail(ErrorCode::kInvalidArgument, "server.listen: expected HOST:PORT, got '" + config.listen + "'");
    }
    options.io_threads = config.io_threads;
    options.header_timeout = std::chrono::seconds(config.header_timeout_s);
    options.body_timeout = std::chrono::seconds(config.body_timeout_s);
    options.idle_timeout = std::chrono::seconds(config.idle_timeout_s);
    options.write_timeout = std::chrono::seconds(config.body_timeout_s);
    options.shutdown_grace = std::chrono::seconds(config.shutdown_grace_s);
    options.body_limit = config.body_limit_bytes;
    options.cors_origins = config.cors_origins;
    options.trust_forwarded_for = config.trust_forwarded_for;
    return options;
}

Server::Server(ServerOptions options, const Router& router, Logger& logger, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), router, logger, metrics)) {}

Server::~Server() = default;

Result<void> Server::Start() {
    Impl& impl = *impl_;
    if (!impl.workers.empty()) {
        return Fail(ErrorCode::kInternal, "Server::Start called twice.");
    }
    const int threads = impl.options.io_threads > 0
                            ? impl.options.io_threads
                            : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
    for (int i = 0; i < threads; ++i) {
        impl.workers.push_back(std::make_unique<Worker>());
    }
    for (std::size_t i = 0; i < impl.router.size(); ++i) {
        const Route& route = impl.router.route(i);
        impl.route_stats_.push_back(std::make_unique<RouteStats>(
            impl.requests_family,
            impl.duration_family.Add({{"route", route.pattern}},
                                     prometheus::Histogram::BucketBoundaries{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                                             0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}),
            route.pattern));
    }
    impl.unmatched_ = std::make_unique<RouteStats>(
        impl.requests_family,
        impl.duration_family.Add({{"route", std::string(kUnmatchedRoute)}},
                                 prometheus::Histogram::BucketBoundaries{0.0005, 0.001, 0.005, 0.025, 0.1, 0.5, 2.5}),
        std::string(kUnmatchedRoute));

    net::io_context& ioc = impl.workers.front()->ioc;
    const std::string where = impl.options.host + ":" + std::to_string(impl.options.port);
    beast::error_code ec;
    tcp::resolver resolver(ioc);
    const auto endpoints = resolver.resolve(impl.options.host, std::to_string(impl.options.port),
                                            tcp::resolver::passive | tcp::resolver::numeric_service, ec);
    if (ec || endpoints.empty()) {
        return Fail(ErrorCode::kUnavailable, "Cannot resolve listen address " + where + ": " + ec.message());
    }
    const tcp::endpoint endpoint = endpoints.begin()->endpoint();
    tcp::acceptor acceptor(ioc);
    if (acceptor.open(endpoint.protocol(), ec); ec) {
        return Fail(ErrorCode::kUnavailable, "Cannot listen on " + where + ": " + ec.message());
    }
    acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (acceptor.bind(endpoint, ec); ec) {
        return Fail(ErrorCode::kUnavailable, "Cannot listen on " + where + ": " + ec.message());
    }
    if (acceptor.listen(net::socket_base::max_listen_connections, ec); ec) {
        return Fail(ErrorCode::kUnavailable, "Cannot listen on " + where + ": " + ec.message());
    }
    impl.bound_port = acceptor.local_endpoint(ec).port();
    impl.acceptor.emplace(std::move(acceptor));
    net::co_spawn(
        ioc, [&impl]() { return impl.Accept(); }, net::detached);
    impl.logger.Info("http listening",
                     {{"address", impl.options.host}, {"port", impl.bound_port}, {"io_threads", threads}});
    return {};
}

std::uint16_t Server::port() const {
    return impl_->bound_port;
}

void Server::Run() {
    Impl& impl = *impl_;
    if (!impl.acceptor || impl.workers.empty()) {
        return;
    }
    if (impl.options.handle_signals && !impl.draining()) {
        impl.signals.emplace(impl.workers.front()->ioc, SIGINT, SIGTERM);
        impl.signals->async_wait([this](beast::error_code ec, int signal) {
            if (ec) {
                return;
            }
            impl_->logger.Info("http shutting down", {{"signal", signal}});
            Shutdown();
        });
    }
    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < impl.workers.size(); ++i) {
        threads.emplace_back([&worker = *impl.workers[i], i] {
            SetThreadName("http-io-" + std::to_string(i));
            worker.ioc.run();
        });
    }
    SetThreadName("http-io-0");
    impl.workers.front()->ioc.run();
    for (std::thread& thread : threads) {
        thread.join();
    }
    impl.signals.reset();
    // Connections abandoned after the grace period: no I/O thread runs any more, so closing them
    // from here is safe, and their clients learn at once instead of waiting for a timeout.
    for (auto& worker : impl.workers) {
        for (Session* session : worker->sessions) {
            session->ForceClose();
        }
    }
}

void Server::Shutdown() {
    if (impl_->draining_.exchange(true)) {
        return;
    }
    if (impl_->workers.empty()) {
        return;
    }
    impl_->Drain();
}

void Server::Stop() {
    impl_->draining_.store(true);
    impl_->StopAll();
}

bool Server::draining() const {
    return impl_->draining();
}

void Server::Post(std::function<void()> work) {
    if (impl_->workers.empty()) {
        return;
    }
    net::post(impl_->workers.front()->ioc, std::move(work));
}

}  // namespace webdpro::http
