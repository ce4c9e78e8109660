#include "app/database.hpp"

#include <array>

#include "core/secrets.hpp"
#include "storage/open_db.hpp"

namespace webdpro::app {

Result<std::unique_ptr<storage::Db>> OpenDatabase(const Config& config, const std::filesystem::path& data_dir,
                                                  int readers) {
    std::optional<std::string> postgres_url;
    if (config.storage.engine == "postgres") {
        // Optional here (no generator): OpenDb names the secret when it is missing.
        const std::array<SecretSpec, 1> specs = {SecretSpec{storage::kPostgresUrlSecret, nullptr}};
        auto secrets =
            Secrets::Load({.env = ProcessEnvironment(), .data_dir = data_dir, .generate_missing = false}, specs);
        if (!secrets) {
            return Fail(std::move(secrets.error()));
        }
        postgres_url = secrets->Get(storage::kPostgresUrlSecret);
    }
    return storage::OpenDb(config.storage, (data_dir / "webdpro.db").string(), readers, postgres_url);
}

}  // namespace webdpro::app
