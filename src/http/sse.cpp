#include "http/sse.hpp"

#include <utility>

namespace webdpro::http {

Response SseResponse(SseProducer producer) {
    Response response;
    response.status = 200;
    response.sse = std::move(producer);
    response.compressible = false;
    response.headers.Set("Content-Type", "text/event-stream");
    response.headers.Set("Cache-Control", "no-store");
    response.headers.Set("X-Accel-Buffering", "no");
    return response;
}

std::string FormatSseEvent(std::string_view event, std::string_view data, std::string_view id) {
    std::string out;
    out.reserve(id.size() + event.size() + data.size() + 24);
    const auto field = [&out](std::string_view name, std::string_view value) {
        out += name;
        for (char c : value) {
            if (c != '\n' && c != '\r' && c != '\0') {
                out.push_back(c);
            }
        }
        out.push_back('\n');
    };
    if (!id.empty()) {
        field("id: ", id);
    }
    if (!event.empty()) {
        field("event: ", event);
    }
    // Every line of data gets its own "data:" field; \r\n, \r and \n all end a line.
    std::size_t start = 0;
    while (true) {
        const std::size_t end = data.find_first_of("\r\n", start);
        out += "data: ";
        out += data.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        out.push_back('\n');
        if (end == std::string_view::npos) {
            break;
        }
        start = end + 1;
        if (data[end] == '\r' && start < data.size() && data[start] == '\n') {
            ++start;
        }
    }
    out.push_back('\n');
    return out;
}

}  // namespace webdpro::http
