#include "http/response.hpp"

#include <utility>

namespace webdpro::http {

Response Response::Json(int status, const nlohmann::json& value) {
    Response response;
    response.status = status;
    response.body = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    response.headers.Set("Content-Type", kJsonType);
    // API answers are per caller and change with every write; a public cacheable answer is built
    // with Text or Shared and sets its own Cache-Control.
    response.headers.Set("Cache-Control", "no-store");
    return response;
}

Response Response::Text(int status, std::string text, std::string_view content_type) {
    Response response;
    response.status = status;
    response.body = std::move(text);
    response.headers.Set("Content-Type", content_type);
    return response;
}

Response Response::Shared(int status, std::shared_ptr<const std::string> data, std::string_view content_type) {
    Response response;
    response.status = status;
    response.shared_body = std::move(data);
    response.headers.Set("Content-Type", content_type);
    return response;
}

Response Response::NoContent() {
    Response response;
    response.status = 204;
    return response;
}

Response Response::Error(ApiError error) {
    Response response;
    response.status = HttpStatus(error.code);
    response.error = std::move(error);
    return response;
}

std::string ErrorBody(const ApiError& error, std::string_view request_id) {
    nlohmann::json inner = {{"code", CodeName(error.code)}, {"message", error.message}};
    if (!error.fields.empty()) {
        nlohmann::json fields = nlohmann::json::array();
        for (const FieldError& field : error.fields) {
            fields.push_back({{"field", field.field}, {"message", field.message}});
        }
        inner["fields"] = std::move(fields);
    }
    const nlohmann::json envelope = {{"error", std::move(inner)}, {"request_id", request_id}};
    return envelope.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void RenderError(Response& response, std::string_view request_id) {
    if (!response.error) {
        return;
    }
    const ApiError& error = *response.error;
    response.status = HttpStatus(error.code);
    response.body = ErrorBody(error, request_id);
    response.shared_body.reset();
    response.sse = nullptr;
    response.headers.Set("Content-Type", kJsonType);
    response.headers.Set("Cache-Control", "no-store");
    if (error.retry_after_s > 0) {
        response.headers.Set("Retry-After", std::to_string(error.retry_after_s));
    }
}

}  // namespace webdpro::http
