#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>  // Boost 1.74 awaitable.hpp uses std::exchange without including it

#include "core/awaitable.hpp"
#include "http/response.hpp"

namespace webdpro::http {

/// The sending side of one server-sent event stream, handed to an SseProducer. The producer runs
/// on the connection's I/O thread, so it must not block; it returns when it has nothing more to
/// send or as soon as a call reports false. The writer lives as long as the producer runs.
/// Not thread-safe: use it only from the producer's coroutine.
class SseWriter {
public:
    virtual ~SseWriter() = default;

    /// Sends one event (`event` empty = the default "message" type; `data` may span lines) with an
    /// `id` the browser sends back as Last-Event-ID when it reconnects ("" = no id field).
    /// Completes when the bytes are written. False when the client has gone, a write timed out, or
    /// the server is shutting down.
    virtual boost::asio::awaitable<bool> Send(std::string_view event, std::string_view data, std::string_view id) = 0;
    /// Sends one event without an id.
    boost::asio::awaitable<bool> Send(std::string_view event, std::string_view data) { return Send(event, data, {}); }

    /// Waits `duration`, writing a heartbeat comment whenever the stream has been quiet for the
    /// server's heartbeat interval. Returns early with false when the client disconnects or the
    /// server starts shutting down; true when the time has passed.
    virtual boost::asio::awaitable<bool> Sleep(std::chrono::milliseconds duration) = 0;

    /// Ends the Sleep() under way at once (it returns true), or the next one when none is: how a
    /// producer waiting for news is told it has some. Call only on the stream's executor (post
    /// to it from other threads).
    virtual void Wake() = 0;

    /// False once the client has gone or the server is shutting down.
    virtual bool open() const = 0;
};

/// A 200 text/event-stream response driven by `producer`. The connection closes when the producer
/// returns. Typical use (a progress feed):
///
///     co_return SseResponse([&service, id](SseWriter& sse) -> boost::asio::awaitable<void> {
///         while (co_await sse.Send("progress", service.ProgressJson(id)) && co_await sse.Sleep(500ms)) {}
///     });
Response SseResponse(SseProducer producer);

/// The wire form of one event: "id: 7\nevent: x\ndata: line1\ndata: line2\n\n" (no id line when
/// `id` is empty). Carriage returns, newlines and NULs in `event` and `id` are dropped so they
/// cannot forge fields.
std::string FormatSseEvent(std::string_view event, std::string_view data, std::string_view id = {});

}  // namespace webdpro::http
